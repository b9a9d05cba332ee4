//! Gradient descent on the slides' loss functions.
//!
//! Slides *"Minimizing Loss functions with gradient descent"*: training
//! samples are fixed, the parameters θ are variable, and we look for the θ
//! with minimal loss `J(θ)`. The update rule moves θ a little against the
//! slope, with the learning rate α as step size:
//!
//! ```text
//! θᵢ ← θᵢ − α · ∂J(Θ)/∂θᵢ
//! ```
//!
//! If the derivative is negative θ grows, if it is positive θ shrinks.
//! [`descend`] repeats this update from a start, records the trajectory and
//! stops for one of three reasons ([`Status`]): the gradient vanished
//! (converged), the values exploded (diverged: α too large), or the step
//! budget ran out (α too small, or a loss without minimum such as the linear one).
//!
//! The losses are the slides' ([`Quadratic`], [`Quartic`], [`Linear`], and in
//! two dimensions [`Bowl`] and [`Twin`]), or anything implementing [`Loss`]:
//! closures wrapped in [`FnLoss`], or a formula such as `"(theta-4)^2"` in an
//! [`ExpressionLoss`], whose gradient comes from backpropagation through its
//! computational graph. [`loss_by_name`] finds either by name, as `lab
//! descend` and `lab derivative` do.
//!
//! ```
//! use descent::{descend, Quadratic, Status};
//!
//! // J(θ) = (θ − 4)² from θ = 0 with α = 0.1: each step shrinks θ − 4 by the factor 0.8.
//! let run = descend(&Quadratic, &[0.0], 0.1, 1000)?;
//! assert_eq!(run.status, Status::Converged);
//! assert!((run.theta[0] - 4.0).abs() < 1e-6);
//! assert!((run.trajectory[1][0] - 0.8).abs() < 1e-12); // 0 − 0.1 · 2(0 − 4)
//! # Ok::<(), descent::DescentError>(())
//! ```

mod expression;
mod loss;

pub use expression::{ExpressionLoss, UnknownLoss, loss_by_name};
pub use loss::{
    Bowl, BoxedGradient, FnLoss, Linear, Loss, Quadratic, Quartic, SLIDE_LOSSES, Twin, slide_loss,
};

/// Descent has converged once `‖∇J(θ)‖` is at most this.
pub const GRADIENT_TOLERANCE: f64 = 1e-6;

/// Descent has diverged once `|J(θ)|` exceeds this (or anything becomes NaN or infinite).
pub const EXPLOSION: f64 = 1e12;

/// Why [`descend`] stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Status {
    /// The gradient vanished: θ is a minimum (or another stationary point).
    Converged,
    /// The loss or θ exploded or became NaN: the learning rate is too large.
    Diverged,
    /// The step budget ran out before either happened.
    MaxSteps,
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Status::Converged => "converged",
            Status::Diverged => "diverged",
            Status::MaxSteps => "stopped at the step limit",
        })
    }
}

/// The outcome of a gradient descent run.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Descent {
    /// Why the run stopped.
    pub status: Status,
    /// The last θ.
    pub theta: Vec<f64>,
    /// `J(θ)` at the last θ.
    pub value: f64,
    /// How many updates were made.
    pub steps: usize,
    /// Every θ visited, the start first: `steps + 1` points.
    pub trajectory: Vec<Vec<f64>>,
    /// `J(θ)` at every point of the trajectory.
    pub values: Vec<f64>,
}

/// Why a descent could not start.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DescentError {
    /// The start has the wrong number of coordinates.
    #[error("{loss} takes {expected} parameter(s), but the start has {found}")]
    Dimension {
        /// The loss's name.
        loss: String,
        /// The loss's dimension.
        expected: usize,
        /// The start's length.
        found: usize,
    },
    /// The gradient has the wrong number of entries.
    #[error("the gradient of {loss} has {found} entries instead of {expected}")]
    GradientDimension {
        /// The loss's name.
        loss: String,
        /// The loss's dimension.
        expected: usize,
        /// The gradient's length.
        found: usize,
    },
    /// The start contains NaN or an infinity.
    #[error("the start must be finite, got {0:?}")]
    NonFiniteStart(Vec<f64>),
    /// The learning rate is not a positive finite number.
    #[error("the learning rate must be positive and finite, got {0}")]
    LearningRate(f64),
    /// Zero steps were asked for.
    #[error("the number of steps must be positive")]
    NoSteps,
}

/// Minimises `loss` by gradient descent from `start`, with learning rate α =
/// `learning_rate`, for at most `max_steps` updates `θ ← θ − α∇J(θ)`.
///
/// `loss` is any [`Loss`]: `&Quadratic`, `&expression_loss`, or
/// `boxed.as_ref()` for a `Box<dyn Loss>`. It is a trait object rather than a
/// type parameter so that this loop is compiled once, optimised, in this
/// crate: a notebook cell that calls `descend` compiles only the call.
///
/// # Errors
/// A [`DescentError`] if the start does not fit the loss or is not finite,
/// the learning rate is not positive, or `max_steps` is zero.
///
/// ```
/// use descent::{descend, Quartic, Status};
///
/// // The quartic's two minima: the start decides where descent lands.
/// let left = descend(&Quartic, &[2.0], 0.001, 100_000)?;
/// let right = descend(&Quartic, &[3.0], 0.001, 100_000)?;
/// assert!(left.theta[0].abs() < 0.05);
/// assert!((right.theta[0] - 4.0).abs() < 1e-6);
/// assert_eq!(right.status, Status::Converged);
/// # Ok::<(), descent::DescentError>(())
/// ```
pub fn descend(
    loss: &dyn Loss,
    start: &[f64],
    learning_rate: f64,
    max_steps: usize,
) -> Result<Descent, DescentError> {
    check_arguments(loss, start, learning_rate, max_steps)?;
    let mut theta = start.to_vec();
    let mut value = loss.value(&theta);
    let mut trajectory = vec![theta.clone()];
    let mut values = vec![value];
    let mut status = Status::MaxSteps;
    for _ in 0..max_steps {
        if exploded(&theta, value) {
            status = Status::Diverged;
            break;
        }
        let grad = loss.gradient(&theta);
        if grad.len() != theta.len() {
            return Err(DescentError::GradientDimension {
                loss: loss.name().to_string(),
                expected: theta.len(),
                found: grad.len(),
            });
        }
        if norm(&grad) <= GRADIENT_TOLERANCE {
            status = Status::Converged;
            break;
        }
        for (t, g) in theta.iter_mut().zip(&grad) {
            *t -= learning_rate * g;
        }
        value = loss.value(&theta);
        trajectory.push(theta.clone());
        values.push(value);
    }
    // The last update may have been the one that converged or exploded.
    if status == Status::MaxSteps {
        if exploded(&theta, value) {
            status = Status::Diverged;
        } else if norm(&loss.gradient(&theta)) <= GRADIENT_TOLERANCE {
            status = Status::Converged;
        }
    }
    Ok(Descent {
        status,
        steps: trajectory.len() - 1,
        theta,
        value,
        trajectory,
        values,
    })
}

/// The errors of [`descend`], found before the first step.
fn check_arguments(
    loss: &dyn Loss,
    start: &[f64],
    learning_rate: f64,
    max_steps: usize,
) -> Result<(), DescentError> {
    if start.len() != loss.dimension() {
        return Err(DescentError::Dimension {
            loss: loss.name().to_string(),
            expected: loss.dimension(),
            found: start.len(),
        });
    }
    if !start.iter().all(|t| t.is_finite()) {
        return Err(DescentError::NonFiniteStart(start.to_vec()));
    }
    if !(learning_rate.is_finite() && learning_rate > 0.0) {
        return Err(DescentError::LearningRate(learning_rate));
    }
    if max_steps == 0 {
        return Err(DescentError::NoSteps);
    }
    Ok(())
}

fn exploded(theta: &[f64], value: f64) -> bool {
    !value.is_finite() || value.abs() > EXPLOSION || !theta.iter().all(|t| t.is_finite())
}

fn norm(v: &[f64]) -> f64 {
    v.iter().map(|x| x * x).sum::<f64>().sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn small_learning_rate_converges_to_the_minimum() {
        for start in [-3.0, 0.0, 7.5] {
            let run = descend(&Quadratic, &[start], 0.1, 10_000).unwrap();
            assert_eq!(run.status, Status::Converged);
            assert_abs_diff_eq!(run.theta[0], 4.0, epsilon = 1e-6);
            assert_eq!(run.trajectory.len(), run.steps + 1);
            assert_eq!(run.values.len(), run.steps + 1);
            // Each step shrinks the distance to the minimum by 1 − 2α = 0.8.
            let d0 = run.trajectory[0][0] - 4.0;
            let d1 = run.trajectory[1][0] - 4.0;
            assert_abs_diff_eq!(d1, 0.8 * d0, epsilon = 1e-12);
            // The loss never increases.
            assert!(run.values.windows(2).all(|w| w[1] <= w[0]));
        }
    }

    #[test]
    fn update_rule_moves_against_the_sign_of_the_derivative() {
        // Left of the minimum J' < 0, so θ increases; right of it θ decreases.
        let left = descend(&Quadratic, &[1.0], 0.01, 1).unwrap();
        let right = descend(&Quadratic, &[7.0], 0.01, 1).unwrap();
        assert_abs_diff_eq!(left.theta[0], 1.0 + 0.01 * 6.0, epsilon = 1e-12);
        assert_abs_diff_eq!(right.theta[0], 7.0 - 0.01 * 6.0, epsilon = 1e-12);
        assert_eq!(left.status, Status::MaxSteps);
    }

    #[test]
    fn tiny_learning_rate_runs_out_of_steps() {
        let run = descend(&Quadratic, &[0.0], 1e-4, 100).unwrap();
        assert_eq!(run.status, Status::MaxSteps);
        assert_eq!(run.steps, 100);
        assert!(run.theta[0] > 0.0 && run.theta[0] < 1.0);
    }

    #[test]
    fn large_learning_rate_overshoots_then_diverges() {
        // 0.5 < α < 1: θ − 4 flips sign every step but shrinks: overshoot, still converges.
        let run = descend(&Quadratic, &[0.0], 0.9, 10_000).unwrap();
        assert_eq!(run.status, Status::Converged);
        assert!(
            run.trajectory[1][0] > 4.0,
            "first step overshoots the minimum"
        );
        assert!(run.trajectory[2][0] < 4.0);
        // α > 1: |θ − 4| grows by |1 − 2α| every step.
        let run = descend(&Quadratic, &[0.0], 1.1, 10_000).unwrap();
        assert_eq!(run.status, Status::Diverged);
        assert!(run.steps < 200, "diverged after {} steps", run.steps);
        assert!(run.value > EXPLOSION);
    }

    #[test]
    fn quartic_reaches_both_minima_from_different_starts() {
        // The local maximum at 8/3 separates the two basins.
        for (start, minimum) in [(-0.8, 0.0), (2.5, 0.0), (2.8, 4.0), (4.4, 4.0)] {
            let run = descend(&Quartic, &[start], 0.001, 200_000).unwrap();
            assert_ne!(run.status, Status::Diverged);
            assert!(
                (run.theta[0] - minimum).abs() < 0.05,
                "from {start}: {:?}",
                run.theta
            );
        }
    }

    #[test]
    fn linear_loss_never_converges() {
        for alpha in [0.001, 0.1, 1.0] {
            let run = descend(&Linear, &[0.0], alpha, 5000).unwrap();
            assert_eq!(run.status, Status::MaxSteps);
            assert_abs_diff_eq!(run.theta[0], -alpha * 5000.0, epsilon = 1e-6);
        }
        let run = descend(&Linear, &[0.0], 1e10, 1000).unwrap();
        assert_eq!(run.status, Status::Diverged);
    }

    #[test]
    fn bowl_converges_zig_zags_and_diverges() {
        let smooth = descend(&Bowl, &[4.0, 1.5], 0.02, 10_000).unwrap();
        assert_eq!(smooth.status, Status::Converged);
        assert!(norm(&smooth.theta) < 1e-6);
        assert!(smooth.trajectory.iter().all(|t| t[1] > 0.0), "no zig-zag");

        // 0.05 < α < 0.1: θ₂ changes sign every step (factor 1 − 20α < 0).
        let zigzag = descend(&Bowl, &[4.0, 1.5], 0.09, 10_000).unwrap();
        assert_eq!(zigzag.status, Status::Converged);
        for pair in zigzag.trajectory.windows(2).take(10) {
            assert!(pair[0][1] * pair[1][1] < 0.0, "{pair:?}");
        }

        let diverged = descend(&Bowl, &[4.0, 1.5], 0.11, 10_000).unwrap();
        assert_eq!(diverged.status, Status::Diverged);
    }

    #[test]
    fn twin_lands_in_the_minimum_on_the_side_of_the_start() {
        for (start, minimum) in [([-1.5, 1.0], -1.0), ([0.3, -1.0], 1.0)] {
            let run = descend(&Twin, &start, 0.05, 10_000).unwrap();
            assert_eq!(run.status, Status::Converged);
            assert_abs_diff_eq!(run.theta[0], minimum, epsilon = 1e-6);
            assert_abs_diff_eq!(run.theta[1], 0.0, epsilon = 1e-6);
        }
    }

    #[test]
    fn closure_losses_are_descended_like_the_slides_ones() {
        let loss = FnLoss::new(
            "shifted bowl",
            2,
            |t: &[f64]| (t[0] - 1.0).powi(2) + (t[1] + 2.0).powi(2),
            |t: &[f64]| vec![2.0 * (t[0] - 1.0), 2.0 * (t[1] + 2.0)],
        );
        let run = descend(&loss, &[0.0, 0.0], 0.1, 1000).unwrap();
        assert_eq!(run.status, Status::Converged);
        assert_abs_diff_eq!(run.theta[0], 1.0, epsilon = 1e-6);
        assert_abs_diff_eq!(run.theta[1], -2.0, epsilon = 1e-6);

        let numeric = FnLoss::numeric("numeric bowl", 2, |t: &[f64]| Bowl.value(t));
        let run = descend(&numeric, &[4.0, 1.5], 0.02, 10_000).unwrap();
        assert_eq!(run.status, Status::Converged);
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert!(matches!(
            descend(&Bowl, &[1.0], 0.1, 10),
            Err(DescentError::Dimension {
                expected: 2,
                found: 1,
                ..
            })
        ));
        assert!(matches!(
            descend(&Quadratic, &[f64::NAN], 0.1, 10),
            Err(DescentError::NonFiniteStart(_))
        ));
        for alpha in [0.0, -0.1, f64::NAN, f64::INFINITY] {
            assert!(matches!(
                descend(&Quadratic, &[0.0], alpha, 10),
                Err(DescentError::LearningRate(_))
            ));
        }
        assert_eq!(
            descend(&Quadratic, &[0.0], 0.1, 0),
            Err(DescentError::NoSteps)
        );
        let wrong = FnLoss::new("wrong", 1, |t: &[f64]| t[0], |_: &[f64]| vec![1.0, 2.0]);
        assert!(matches!(
            descend(&wrong, &[0.0], 0.1, 10),
            Err(DescentError::GradientDimension { found: 2, .. })
        ));
    }

    proptest::proptest! {
        /// On (θ − 4)² one step multiplies θ − 4 by 1 − 2α: descent converges
        /// for 0 < α < 1 and diverges for α > 1, from any start.
        #[test]
        fn quadratic_converges_exactly_when_alpha_is_below_one(
            start in -100.0..100.0f64,
            alpha in 0.01..0.99f64,
            too_large in 1.05..3.0f64,
        ) {
            let run = descend(&Quadratic, &[start], alpha, 100_000).unwrap();
            proptest::prop_assert_eq!(run.status, Status::Converged);
            proptest::prop_assert!((run.theta[0] - 4.0).abs() < 1e-6);
            if (start - 4.0).abs() > 1e-3 {
                let run = descend(&Quadratic, &[start], too_large, 100_000).unwrap();
                proptest::prop_assert_eq!(run.status, Status::Diverged);
            }
        }
    }

    #[test]
    fn starting_at_the_minimum_converges_without_a_step() {
        let run = descend(&Quadratic, &[4.0], 0.1, 10).unwrap();
        assert_eq!(run.status, Status::Converged);
        assert_eq!(run.steps, 0);
        assert_eq!(run.value, 0.0);
    }
}
