//! A while loop with its own step counter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    Converged { theta: f64, steps: usize },
    Diverged { steps: usize },
    MaxSteps { theta: f64 },
}
pub fn step(theta: f64, grad: f64, learning_rate: f64) -> f64 {
    theta + (-learning_rate) * grad
}
pub fn descend(
    grad: impl Fn(f64) -> f64,
    start: f64,
    learning_rate: f64,
    tolerance: f64,
    max_steps: usize,
) -> Outcome {
    let mut theta = start;
    let mut steps = 0;
    while steps < max_steps {
        steps += 1;
        let next = step(theta, grad(theta), learning_rate);
        if next.is_nan() || next.is_infinite() || next > 1e6 || next < -1e6 {
            return Outcome::Diverged { steps };
        }
        let moved = (next - theta).abs();
        theta = next;
        if moved < tolerance {
            return Outcome::Converged { theta, steps };
        }
    }
    Outcome::MaxSteps { theta }
}
