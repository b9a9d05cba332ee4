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
    match relative_error {
        e if e <= 1e-7 => Verdict::Good,
        e if e <= 1e-4 => Verdict::OkForKinks,
        e if e <= 1e-2 => Verdict::Uncomfortable,
        _ => Verdict::Wrong,
    }
}

fn relative(a: f64, n: f64) -> f64 {
    if a == 0.0 && n == 0.0 {
        0.0
    } else if a.abs() > n.abs() {
        (a - n).abs() / a.abs()
    } else {
        (n - a).abs() / n.abs()
    }
}

/// The gradient check, with iterators and a copy of θ per evaluation.
pub fn check_gradient(
    loss: impl Fn(&[f64]) -> f64,
    analytic: &[f64],
    theta: &[f64],
    h: f64,
) -> Check {
    let at = |i: usize, by: f64| {
        let mut moved = theta.to_vec();
        moved[i] += by;
        loss(&moved)
    };
    let numeric: Vec<f64> = (0..theta.len())
        .map(|i| (at(i, h) - at(i, -h)) / (2.0 * h))
        .collect();
    // NaN first, then the largest; the first index on a tie.
    let key = |e: f64| if e.is_nan() { f64::INFINITY } else { e };
    let (worst_index, max_relative_error) = analytic
        .iter()
        .zip(&numeric)
        .map(|(&a, &n)| relative(a, n))
        .enumerate()
        .rev()
        .max_by(|x, y| key(x.1).total_cmp(&key(y.1)))
        .expect("at least one parameter");
    Check {
        numeric,
        max_relative_error,
        worst_index,
        verdict: verdict(max_relative_error),
    }
}
