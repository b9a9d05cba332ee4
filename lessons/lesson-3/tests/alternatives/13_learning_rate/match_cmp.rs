//! The factor as 1 − α·2c, powers by a loop, the regime by comparing α with 1/(2c) and 1/c.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Regime {
    Stuck,
    Monotone,
    OneStep,
    Oscillating,
    Cycling,
    Diverging,
}
pub fn factor(curvature: f64, learning_rate: f64) -> f64 {
    1.0 - learning_rate * (2.0 * curvature)
}
pub fn theta_after(start: f64, target: f64, curvature: f64, learning_rate: f64, steps: i32) -> f64 {
    let f = factor(curvature, learning_rate);
    let mut distance = start - target;
    for _ in 0..steps {
        distance *= f;
    }
    distance + target
}
pub fn divergence_threshold(curvature: f64) -> f64 {
    2.0 / (2.0 * curvature)
}
pub fn regime(curvature: f64, learning_rate: f64) -> Regime {
    let f = factor(curvature, learning_rate);
    match f {
        f if f == 1.0 => Regime::Stuck,
        f if f > 1.0 || f < -1.0 => Regime::Diverging,
        f if f == -1.0 => Regime::Cycling,
        f if f == 0.0 => Regime::OneStep,
        f if f > 0.0 => Regime::Monotone,
        _ => Regime::Oscillating,
    }
}
