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
    if relative_error <= 1e-7 {
        Verdict::Good
    } else if relative_error <= 1e-4 {
        Verdict::OkForKinks
    } else if relative_error <= 1e-2 {
        Verdict::Uncomfortable
    } else {
        Verdict::Wrong
    }
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
    assert_eq!(
        analytic.len(),
        theta.len(),
        "one analytic entry per parameter"
    );
    let mut moved = theta.to_vec();
    let mut numeric = Vec::with_capacity(theta.len());
    for i in 0..theta.len() {
        moved[i] = theta[i] + h;
        let plus = loss(&moved);
        moved[i] = theta[i] - h;
        let minus = loss(&moved);
        moved[i] = theta[i];
        numeric.push((plus - minus) / (2.0 * h));
    }
    let mut worst_index = 0;
    let mut max_relative_error = f64::NEG_INFINITY;
    for (i, (&a, &n)) in analytic.iter().zip(&numeric).enumerate() {
        let larger = a.abs().max(n.abs());
        let error = if larger == 0.0 {
            0.0
        } else {
            (a - n).abs() / larger
        };
        if error > max_relative_error || (error.is_nan() && !max_relative_error.is_nan()) {
            max_relative_error = error;
            worst_index = i;
        }
    }
    Check {
        numeric,
        max_relative_error,
        worst_index,
        verdict: verdict(max_relative_error),
    }
}
