//! Slide "Ways to determine the gradient": numerical vs analytical gradient.
//!
//! The central difference (J(θ + h) − J(θ − h)) / 2h estimates a partial
//! derivative with an error that shrinks like h², until h is so small that
//! rounding takes over. A gradient check applies it to one parameter θ_i at a
//! time, holding all the others constant (2n evaluations of J for n
//! parameters), and compares each estimate n_i with the analytic a_i by the
//! relative error |a_i − n_i| / max(|a_i|, |n_i|) (0 when both are 0). The
//! worst component decides: ≤ 1e-7 good, ≤ 1e-4 ok only for functions with
//! kinks, ≤ 1e-2 uncomfortable (probably a bug), above that (or NaN) wrong.

/// The verdict on a relative error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// ≤ 1e-7: the gradient is right.
    Good,
    /// ≤ 1e-4: fine for functions with kinks (ReLU), too high for smooth ones.
    OkForKinks,
    /// ≤ 1e-2: probably a bug.
    Uncomfortable,
    /// Above 1e-2, or NaN: the gradient is wrong.
    Wrong,
}

/// The result of checking an analytic gradient.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// The numeric gradient, one central difference per parameter.
    pub numeric: Vec<f64>,
    /// The largest relative error over all components.
    pub max_relative_error: f64,
    /// The index of the component with that error (the first one on a tie).
    pub worst_index: usize,
    /// The verdict on the largest error.
    pub verdict: Verdict,
}

/// The band a relative error falls into (the upper bounds belong to it).
pub fn verdict(relative_error: f64) -> Verdict {
    // TODO: the four bands, from Good (≤ 1e-7) to Wrong (above 1e-2, or NaN).
    todo!()
}

/// The gradient check of `analytic` (one entry per parameter) against the
/// central differences of `loss` at `theta` with the step `h`. `loss` is
/// called twice per parameter, and `theta` is left as it was.
///
/// # Panics
/// When `analytic` and `theta` differ in length, or `theta` is empty.
pub fn check_gradient(
    loss: impl Fn(&[f64]) -> f64,
    analytic: &[f64],
    theta: &[f64],
    h: f64,
) -> Check {
    // TODO: for each parameter i, evaluate `loss` with θ_i alone moved to θ_i + h and to
    // θ_i − h (work on a copy of theta) and store the central difference. Compare every
    // component with the analytic one by the relative error (0 when both are 0); report
    // the numeric gradient, the largest error, its index and its verdict.
    todo!()
}
