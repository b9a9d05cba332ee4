//! Wrong: divergence only noticed towards +∞.

/// How a run of gradient descent ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    /// A step moved θ by less than the tolerance; `steps` counts every step taken.
    Converged {
        /// Where θ stopped.
        theta: f64,
        /// Steps taken, the last (small) one included.
        steps: usize,
    },
    /// θ became non-finite or larger than 1e6 in absolute value after `steps` steps.
    Diverged {
        /// Steps taken when the divergence was noticed.
        steps: usize,
    },
    /// `max_steps` steps were taken without converging or diverging.
    MaxSteps {
        /// θ after the last step.
        theta: f64,
    },
}

/// One gradient-descent step: θ − α · grad.
pub fn step(theta: f64, grad: f64, learning_rate: f64) -> f64 {
    theta - learning_rate * grad
}

/// Runs gradient descent from `start` with the derivative `grad` of the loss.
pub fn descend(
    grad: impl Fn(f64) -> f64,
    start: f64,
    learning_rate: f64,
    tolerance: f64,
    max_steps: usize,
) -> Outcome {
    let mut theta = start;
    for steps in 1..=max_steps {
        let next = step(theta, grad(theta), learning_rate);
        if !next.is_finite() || next > 1e6 {
            return Outcome::Diverged { steps };
        }
        if (next - theta).abs() < tolerance {
            return Outcome::Converged { theta: next, steps };
        }
        theta = next;
    }
    Outcome::MaxSteps { theta }
}
