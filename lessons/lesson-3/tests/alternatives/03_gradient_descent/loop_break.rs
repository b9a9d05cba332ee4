//! loop with break values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    Converged { theta: f64, steps: usize },
    Diverged { steps: usize },
    MaxSteps { theta: f64 },
}
pub fn step(theta: f64, grad: f64, learning_rate: f64) -> f64 {
    theta - grad * learning_rate
}
pub fn descend(
    grad: impl Fn(f64) -> f64,
    start: f64,
    learning_rate: f64,
    tolerance: f64,
    max_steps: usize,
) -> Outcome {
    let mut theta = start;
    let mut taken = 0;
    loop {
        if taken == max_steps {
            break Outcome::MaxSteps { theta };
        }
        let next = theta - grad(theta) * learning_rate;
        taken += 1;
        if !(next.abs() <= 1e6) {
            break Outcome::Diverged { steps: taken };
        }
        if (theta - next).abs() < tolerance {
            break Outcome::Converged {
                theta: next,
                steps: taken,
            };
        }
        theta = next;
    }
}
