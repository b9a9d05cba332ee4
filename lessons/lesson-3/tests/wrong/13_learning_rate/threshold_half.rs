//! Wrong: the threshold where overshooting starts.

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
    1.0 - 2.0 * curvature * learning_rate
}

/// θ after `steps` steps from `start` on J = c·(θ − t)²: t + factor^steps·(start − t).
pub fn theta_after(start: f64, target: f64, curvature: f64, learning_rate: f64, steps: i32) -> f64 {
    target + factor(curvature, learning_rate).powi(steps) * (start - target)
}

/// The learning rate above which gradient descent on J = c·(θ − t)² diverges: 1/c.
pub fn divergence_threshold(curvature: f64) -> f64 {
    1.0 / (2.0 * curvature)
}

/// The regime of gradient descent with `learning_rate` on J = c·(θ − t)².
pub fn regime(curvature: f64, learning_rate: f64) -> Regime {
    let f = factor(curvature, learning_rate);
    if f == 1.0 {
        Regime::Stuck
    } else if f.abs() > 1.0 {
        Regime::Diverging
    } else if f == -1.0 {
        Regime::Cycling
    } else if f > 0.0 {
        Regime::Monotone
    } else if f == 0.0 {
        Regime::OneStep
    } else {
        Regime::Oscillating
    }
}
