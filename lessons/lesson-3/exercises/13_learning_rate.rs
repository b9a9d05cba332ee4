//! Slides "Minimizing loss functions with gradient descent" and
//! "Backpropagation & Gradient descent": choosing the learning rate α.
//!
//! On J(θ) = c·(θ − t)² (the slide's loss is c = 1, t = 4) the gradient is
//! 2c(θ − t), so one step θ ← θ − α·2c(θ − t) multiplies the distance to the
//! minimum by the factor 1 − 2cα: θ_k − t = (1 − 2cα)^k (θ_0 − t).
//! For 0 < α < 1/(2c) the steps shrink without overshooting; for
//! 1/(2c) < α < 1/c they overshoot and still converge; at α = 1/c they jump
//! back and forth forever, and for α > 1/c gradient descent diverges. On the
//! slide's loss it diverges from α > 1.

/// How gradient descent behaves for a learning rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Regime {
    /// α = 0: θ never moves.
    Stuck,
    /// 0 < factor < 1: θ approaches the minimum from one side.
    Monotone,
    /// The factor is 0: the first step lands on the minimum.
    OneStep,
    /// −1 < factor < 0: θ overshoots the minimum every step but converges.
    Oscillating,
    /// The factor is −1: θ jumps between two points forever.
    Cycling,
    /// |factor| > 1: θ runs away (too large α, or a negative one).
    Diverging,
}

/// The factor 1 − 2cα by which one step multiplies θ − t on J = c·(θ − t)².
pub fn factor(curvature: f64, learning_rate: f64) -> f64 {
    // TODO: θ − α·2c(θ − t) − t = (1 − 2cα)(θ − t).
    todo!()
}

/// θ after `steps` steps from `start` on J = c·(θ − t)²: t + factor^steps·(start − t).
pub fn theta_after(start: f64, target: f64, curvature: f64, learning_rate: f64, steps: i32) -> f64 {
    // TODO: t + factor^steps · (start − t).
    todo!()
}

/// The learning rate above which gradient descent on J = c·(θ − t)² diverges: 1/c.
pub fn divergence_threshold(curvature: f64) -> f64 {
    // TODO: the α where |1 − 2cα| = 1 on the large side.
    todo!()
}

/// The regime of gradient descent with `learning_rate` on J = c·(θ − t)².
pub fn regime(curvature: f64, learning_rate: f64) -> Regime {
    // TODO: compute the factor, then: 1 → Stuck, |f| > 1 → Diverging, −1 → Cycling,
    // (0, 1) → Monotone, 0 → OneStep, (−1, 0) → Oscillating.
    todo!()
}
