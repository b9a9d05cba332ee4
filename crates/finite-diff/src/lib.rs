//! Numerical derivatives and gradient checking.
//!
//! Slide *"Ways to determine the gradient"*: the **numerical way** follows the
//! definition of the derivative,
//!
//! ```text
//! df(x)/dx = lim_{h → 0} (f(x + h) − f(x)) / h
//! ```
//!
//! while the **analytical way** uses calculus, e.g. `f(x) = (x − 4)²`,
//! `f'(x) = 2(x − 4)`. This crate is the numerical way:
//!
//! * [`forward_difference`] is the slide's formula with a small but finite `h`;
//! * [`central_difference`] looks both ways, `(f(x + h) − f(x − h)) / 2h`, and is
//!   far more accurate for the same `h`;
//! * [`numeric_gradient`] applies the central difference to every parameter of a
//!   multi-dimensional function. It costs two evaluations of `f` **per
//!   parameter** ([`numeric_gradient_counted`] counts them), which is why the
//!   slide calls it "very slow" for networks with millions of weights;
//! * [`relative_error`] and [`gradient_check`] compare an analytic gradient
//!   (written by hand or computed by backpropagation) with the numeric one, using
//!   the bands of the CS231n notes ([`Verdict`]).
//!
//! ```
//! use finite_diff::{central_difference, forward_difference};
//!
//! let f = |x: f64| (x - 4.0).powi(2);
//! let analytic = |x: f64| 2.0 * (x - 4.0); // f'(x) = 2(x − 4)
//!
//! let forward = forward_difference(f, 1.0, 1e-5);
//! let central = central_difference(f, 1.0, 1e-5);
//! assert_eq!(analytic(1.0), -6.0);
//! assert!((forward - -6.0).abs() < 1e-4); // truncation error ≈ h
//! assert!((central - -6.0).abs() < 1e-9); // exact for a parabola, up to round-off
//! ```

use std::fmt;

/// The step `h` the CS231n notes recommend for gradient checks: small enough
/// for a tiny truncation error, large enough to keep round-off error small.
pub const DEFAULT_H: f64 = 1e-5;

/// The steps `h = 1e-1, 1e-2, …, 1e-12` used to show how the error of a
/// finite difference first falls (truncation) and then rises (round-off).
///
/// ```
/// let steps = finite_diff::decade_steps();
/// assert_eq!(steps.len(), 12);
/// assert_eq!(steps[0], 1e-1);
/// assert_eq!(steps[11], 1e-12);
/// ```
pub fn decade_steps() -> Vec<f64> {
    (1..=12).map(|k| 10f64.powi(-k)).collect()
}

/// The forward difference `(f(x + h) − f(x)) / h`: the slide's definition of
/// the derivative, stopped at a finite `h`. Its truncation error shrinks like `h`.
///
/// ```
/// // f(x) = (x − 4)²: the forward difference at x = 1 is f'(1) + h = −6 + h.
/// let d = finite_diff::forward_difference(|x| (x - 4.0).powi(2), 1.0, 0.1);
/// assert!((d - -5.9).abs() < 1e-12);
/// ```
pub fn forward_difference(f: impl Fn(f64) -> f64, x: f64, h: f64) -> f64 {
    (f(x + h) - f(x)) / h
}

/// The central difference `(f(x + h) − f(x − h)) / 2h`. Its truncation error
/// shrinks like `h²`, and it is exact (up to round-off) for a parabola.
///
/// ```
/// let d = finite_diff::central_difference(|x| (x - 4.0).powi(2), 1.0, 0.1);
/// assert!((d - -6.0).abs() < 1e-12); // f'(1) = 2(1 − 4) = −6
/// ```
pub fn central_difference(f: impl Fn(f64) -> f64, x: f64, h: f64) -> f64 {
    (f(x + h) - f(x - h)) / (2.0 * h)
}

/// A numeric gradient together with the number of times `f` was evaluated.
#[derive(Debug, Clone, PartialEq)]
pub struct NumericGradient {
    /// `∂f/∂θᵢ` estimated by central differences, one entry per parameter.
    pub gradient: Vec<f64>,
    /// How many times `f` was called: `2n` for `n` parameters.
    pub evaluations: usize,
}

/// The gradient of `f` at `theta` by central differences, one parameter at a
/// time, and the number of evaluations of `f` this took (`2n`).
///
/// ```
/// use finite_diff::numeric_gradient_counted;
///
/// // J(θ) = θ₀² + 3θ₁ at θ = (1, 2): ∇J = (2θ₀, 3) = (2, 3).
/// let numeric = numeric_gradient_counted(|t| t[0] * t[0] + 3.0 * t[1], &[1.0, 2.0], 1e-5);
/// assert!((numeric.gradient[0] - 2.0).abs() < 1e-9);
/// assert!((numeric.gradient[1] - 3.0).abs() < 1e-9);
/// assert_eq!(numeric.evaluations, 4); // two per parameter
/// ```
pub fn numeric_gradient_counted(
    mut f: impl FnMut(&[f64]) -> f64,
    theta: &[f64],
    h: f64,
) -> NumericGradient {
    let mut evaluations = 0;
    let mut theta = theta.to_vec();
    let mut gradient = Vec::with_capacity(theta.len());
    for i in 0..theta.len() {
        let original = theta[i];
        theta[i] = original + h;
        let plus = f(&theta);
        theta[i] = original - h;
        let minus = f(&theta);
        theta[i] = original;
        evaluations += 2;
        gradient.push((plus - minus) / (2.0 * h));
    }
    NumericGradient {
        gradient,
        evaluations,
    }
}

/// The gradient of `f` at `theta` by central differences (see
/// [`numeric_gradient_counted`] for the cost).
///
/// ```
/// // The slides' f(x, y, z) = (x + y)·z at (−2, 5, −4): ∇f = (z, z, x + y) = (−4, −4, 3).
/// let grad = finite_diff::numeric_gradient(|v| (v[0] + v[1]) * v[2], &[-2.0, 5.0, -4.0], 1e-5);
/// for (numeric, exact) in grad.iter().zip([-4.0, -4.0, 3.0]) {
///     assert!((numeric - exact).abs() < 1e-9);
/// }
/// ```
pub fn numeric_gradient(f: impl FnMut(&[f64]) -> f64, theta: &[f64], h: f64) -> Vec<f64> {
    numeric_gradient_counted(f, theta, h).gradient
}

/// One row of the error-versus-`h` table: both estimates of a derivative
/// and their absolute errors against the analytic value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// The step.
    pub h: f64,
    /// The forward difference with this step.
    pub forward: f64,
    /// The central difference with this step.
    pub central: f64,
    /// `|forward − analytic|`.
    pub forward_error: f64,
    /// `|central − analytic|`.
    pub central_error: f64,
}

/// Forward and central estimates of `f'(x)` for every step in `steps`,
/// compared with the `analytic` derivative.
///
/// ```
/// use finite_diff::{compare_differences, decade_steps};
///
/// // f(x) = (x − 4)², f'(1) = −6.
/// let table = compare_differences(|x| (x - 4.0).powi(2), 1.0, -6.0, &decade_steps());
/// assert!((table[0].forward_error - 0.1).abs() < 1e-12); // forward error = h for a parabola
/// assert!(table[4].central_error < 1e-9); // h = 1e-5
/// ```
pub fn compare_differences(
    f: impl Fn(f64) -> f64,
    x: f64,
    analytic: f64,
    steps: &[f64],
) -> Vec<Estimate> {
    steps
        .iter()
        .map(|&h| {
            let forward = forward_difference(&f, x, h);
            let central = central_difference(&f, x, h);
            Estimate {
                h,
                forward,
                central,
                forward_error: (forward - analytic).abs(),
                central_error: (central - analytic).abs(),
            }
        })
        .collect()
}

/// The relative error `|a − n| / max(|a|, |n|)` of the CS231n notes, and `0`
/// when both values are zero. It is NaN if either value is NaN.
///
/// ```
/// use finite_diff::relative_error;
///
/// assert_eq!(relative_error(0.0, 0.0), 0.0);
/// assert_eq!(relative_error(-6.0, -6.0), 0.0);
/// assert!((relative_error(2.0, 1.0) - 0.5).abs() < 1e-15);
/// ```
pub fn relative_error(analytic: f64, numeric: f64) -> f64 {
    let scale = analytic.abs().max(numeric.abs());
    if scale == 0.0 {
        0.0
    } else {
        (analytic - numeric).abs() / scale
    }
}

/// What a relative error says about an analytic gradient (CS231n's bands).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Relative error ≤ 1e-7: the gradient is right.
    Good,
    /// 1e-7 < error ≤ 1e-4: fine for losses with kinks (ReLU, hinge),
    /// too high for smooth ones (tanh, sigmoid, softmax).
    OkForKinks,
    /// 1e-4 < error ≤ 1e-2: probably a bug; look closer.
    Uncomfortable,
    /// Error > 1e-2 (or NaN): the gradient is wrong.
    Wrong,
}

impl Verdict {
    /// The verdict for one relative error.
    ///
    /// ```
    /// use finite_diff::Verdict;
    ///
    /// assert_eq!(Verdict::of(1e-9), Verdict::Good);
    /// assert_eq!(Verdict::of(1e-7), Verdict::Good);
    /// assert_eq!(Verdict::of(1e-5), Verdict::OkForKinks);
    /// assert_eq!(Verdict::of(1e-3), Verdict::Uncomfortable);
    /// assert_eq!(Verdict::of(0.5), Verdict::Wrong);
    /// assert_eq!(Verdict::of(f64::NAN), Verdict::Wrong);
    /// ```
    pub fn of(relative_error: f64) -> Self {
        match relative_error {
            e if e <= 1e-7 => Verdict::Good,
            e if e <= 1e-4 => Verdict::OkForKinks,
            e if e <= 1e-2 => Verdict::Uncomfortable,
            _ => Verdict::Wrong,
        }
    }

    /// Whether the gradient passes the check: anything but [`Verdict::Wrong`]
    /// and [`Verdict::Uncomfortable`].
    ///
    /// ```
    /// assert!(finite_diff::Verdict::of(1e-8).passed());
    /// assert!(!finite_diff::Verdict::of(0.1).passed());
    /// ```
    pub fn passed(self) -> bool {
        matches!(self, Verdict::Good | Verdict::OkForKinks)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Good => "good (≤ 1e-7)",
            Verdict::OkForKinks => "ok only if the function has kinks (≤ 1e-4)",
            Verdict::Uncomfortable => "uncomfortable: probably a bug (≤ 1e-2)",
            Verdict::Wrong => "wrong (> 1e-2)",
        })
    }
}

/// The result of comparing an analytic gradient with a numeric one.
#[derive(Debug, Clone, PartialEq)]
pub struct GradientCheck {
    /// The relative error of every component.
    pub relative_errors: Vec<f64>,
    /// The largest relative error (NaN if any component is NaN).
    pub max_relative_error: f64,
    /// The index of the component with the largest error.
    pub worst_index: Option<usize>,
    /// The band the largest error falls into.
    pub verdict: Verdict,
}

/// Why a gradient check could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckError {
    /// The two gradients have different lengths.
    #[error("gradient lengths differ: analytic has {analytic} entries, numeric has {numeric}")]
    LengthMismatch {
        /// Length of the analytic gradient.
        analytic: usize,
        /// Length of the numeric gradient.
        numeric: usize,
    },
}

/// Compares an analytic gradient with a numeric one component by component and
/// reports the largest [`relative_error`] and its [`Verdict`].
///
/// # Errors
/// [`CheckError::LengthMismatch`] if the slices differ in length.
///
/// ```
/// use finite_diff::{gradient_check, numeric_gradient, Verdict};
///
/// // f(x, y, z) = (x + y)·z at (−2, 5, −4); backprop gives (z, z, q) = (−4, −4, 3).
/// let numeric = numeric_gradient(|v| (v[0] + v[1]) * v[2], &[-2.0, 5.0, -4.0], 1e-5);
/// let check = gradient_check(&[-4.0, -4.0, 3.0], &numeric)?;
/// assert_eq!(check.verdict, Verdict::Good);
///
/// // A wrong derivative (∂f/∂z = 1 instead of q = 3) is caught.
/// let check = gradient_check(&[-4.0, -4.0, 1.0], &numeric)?;
/// assert_eq!(check.verdict, Verdict::Wrong);
/// assert_eq!(check.worst_index, Some(2));
/// # Ok::<(), finite_diff::CheckError>(())
/// ```
pub fn gradient_check(analytic: &[f64], numeric: &[f64]) -> Result<GradientCheck, CheckError> {
    if analytic.len() != numeric.len() {
        return Err(CheckError::LengthMismatch {
            analytic: analytic.len(),
            numeric: numeric.len(),
        });
    }
    let relative_errors: Vec<f64> = analytic
        .iter()
        .zip(numeric)
        .map(|(&a, &n)| relative_error(a, n))
        .collect();
    // NaN counts as the worst possible error: it must not hide behind a smaller one.
    let badness = |e: f64| if e.is_nan() { f64::INFINITY } else { e };
    let worst_index = relative_errors
        .iter()
        .enumerate()
        .max_by(|a, b| badness(*a.1).total_cmp(&badness(*b.1)))
        .map(|(i, _)| i);
    let max_relative_error = worst_index.map_or(0.0, |i| relative_errors[i]);
    Ok(GradientCheck {
        verdict: Verdict::of(max_relative_error),
        relative_errors,
        max_relative_error,
        worst_index,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use proptest::prelude::*;

    fn parabola(x: f64) -> f64 {
        (x - 4.0).powi(2)
    }

    fn parabola_derivative(x: f64) -> f64 {
        2.0 * (x - 4.0)
    }

    #[test]
    fn central_difference_is_accurate_at_a_good_h_and_worse_at_1e_12() {
        for x in [-3.0, 0.0, 1.0, 2.5, 7.0] {
            let exact = parabola_derivative(x);
            let good = (central_difference(parabola, x, 1e-5) - exact).abs();
            let tiny = (central_difference(parabola, x, 1e-12) - exact).abs();
            assert!(good <= 1e-9, "x = {x}: error {good}");
            assert!(
                tiny > good,
                "x = {x}: round-off should dominate at h = 1e-12"
            );
            assert!(tiny > 1e-6, "x = {x}: error at h = 1e-12 only {tiny}");
        }
    }

    #[test]
    fn forward_difference_error_falls_like_h() {
        // For (x − 4)², (f(x + h) − f(x)) / h = f'(x) + h exactly.
        for h in [1e-1, 1e-2, 1e-3] {
            let error = forward_difference(parabola, 1.0, h) - parabola_derivative(1.0);
            assert_abs_diff_eq!(error, h, epsilon = 1e-9);
        }
    }

    #[test]
    fn central_beats_forward_on_a_curved_function() {
        // sin: the central error is O(h²), the forward error O(h).
        let x = 0.7;
        let h = 1e-3;
        let forward = (forward_difference(f64::sin, x, h) - x.cos()).abs();
        let central = (central_difference(f64::sin, x, h) - x.cos()).abs();
        assert!(
            central < forward / 100.0,
            "central {central}, forward {forward}"
        );
    }

    #[test]
    fn error_table_shows_truncation_then_round_off() {
        let f = |x: f64| x.exp();
        let table = compare_differences(f, 1.0, 1f64.exp(), &decade_steps());
        let errors: Vec<f64> = table.iter().map(|e| e.central_error).collect();
        let best = errors
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, _)| i)
            .unwrap();
        assert!(
            best > 0 && best < errors.len() - 1,
            "minimum at index {best}"
        );
        assert!(errors[0] > errors[best] * 1e3);
        assert!(errors[11] > errors[best] * 1e3);
    }

    #[test]
    fn numeric_gradient_counts_two_evaluations_per_parameter() {
        for n in [1, 2, 5, 100] {
            let theta: Vec<f64> = (0..n).map(|i| i as f64).collect();
            let mut calls = 0;
            let numeric = numeric_gradient_counted(
                |t| {
                    calls += 1;
                    t.iter().map(|v| v * v).sum()
                },
                &theta,
                DEFAULT_H,
            );
            assert_eq!(calls, 2 * n);
            assert_eq!(numeric.evaluations, calls);
            for (g, t) in numeric.gradient.iter().zip(&theta) {
                // Round-off grows with |f| ≈ 3·10⁵ for n = 100: about ε·|f|/h ≈ 1e-5.
                assert_abs_diff_eq!(*g, 2.0 * t, epsilon = 1e-4);
            }
        }
    }

    #[test]
    fn numeric_gradient_of_the_sigmoid_neuron() {
        // The slides' neuron: w = (2, −3, −3), x = (−1, −2), output σ(w0·x0 + w1·x1 + w2) = 0.73.
        let neuron = |v: &[f64]| 1.0 / (1.0 + (-(v[0] * v[3] + v[1] * v[4] + v[2])).exp());
        let point = [2.0, -3.0, -3.0, -1.0, -2.0];
        let out = neuron(&point);
        assert_abs_diff_eq!(out, 0.73, epsilon = 0.005);
        // Hand-derived: dσ = σ(1 − σ) ≈ 0.2, so ∂/∂w = 0.2·(x0, x1, 1), ∂/∂x = 0.2·(w0, w1).
        let ds = out * (1.0 - out);
        let analytic = [-ds, -2.0 * ds, ds, 2.0 * ds, -3.0 * ds];
        let numeric = numeric_gradient(neuron, &point, DEFAULT_H);
        let check = gradient_check(&analytic, &numeric).unwrap();
        assert_eq!(check.verdict, Verdict::Good, "{check:?}");
    }

    #[test]
    fn gradient_check_rejects_different_lengths() {
        assert_eq!(
            gradient_check(&[1.0, 2.0], &[1.0]),
            Err(CheckError::LengthMismatch {
                analytic: 2,
                numeric: 1
            })
        );
    }

    #[test]
    fn gradient_check_reports_nan_as_wrong() {
        let check = gradient_check(&[1.0, f64::NAN, 1.0], &[1.0, 1.0, 2.0]).unwrap();
        assert_eq!(check.verdict, Verdict::Wrong);
        assert_eq!(check.worst_index, Some(1));
        assert!(check.max_relative_error.is_nan());
    }

    #[test]
    fn gradient_check_of_empty_gradients_is_good() {
        let check = gradient_check(&[], &[]).unwrap();
        assert_eq!(check.verdict, Verdict::Good);
        assert_eq!(check.worst_index, None);
    }

    #[test]
    fn verdict_bands_match_cs231n() {
        assert_eq!(Verdict::of(0.0), Verdict::Good);
        assert_eq!(Verdict::of(1.1e-7), Verdict::OkForKinks);
        assert_eq!(Verdict::of(1e-4), Verdict::OkForKinks);
        assert_eq!(Verdict::of(1e-2), Verdict::Uncomfortable);
        assert_eq!(Verdict::of(1.01e-2), Verdict::Wrong);
        assert_eq!(Verdict::of(f64::INFINITY), Verdict::Wrong);
    }

    proptest! {
        #[test]
        fn relative_error_is_symmetric_and_bounded(a in -1e6..1e6f64, n in -1e6..1e6f64) {
            let e = relative_error(a, n);
            prop_assert_eq!(e, relative_error(n, a));
            prop_assert!((0.0..=2.0).contains(&e));
        }

        #[test]
        fn central_difference_matches_cubic_derivative(x in -10.0..10.0f64) {
            // f(x) = x³, f'(x) = 3x²; central truncation error is exactly h².
            let h = 1e-3;
            let d = central_difference(|x| x * x * x, x, h);
            prop_assert!((d - 3.0 * x * x - h * h).abs() < 1e-6);
        }
    }
}
