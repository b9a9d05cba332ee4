//! Checks for exercise 03: they call only the exercise's public items.
use crate::exercise::*;

/// J(θ) = (θ − 4)², dJ/dθ = 2(θ − 4).
fn quadratic_grad(theta: f64) -> f64 {
    2.0 * (theta - 4.0)
}

#[test]
fn one_step_moves_against_the_gradient() {
    let got = step(5.0, 2.0, 0.1);
    assert!(
        (got - 4.8).abs() < 1e-12,
        "step(5.0, 2.0, 0.1): expected 4.8, got {got}"
    );
    let got = step(0.0, quadratic_grad(0.0), 0.25);
    assert!(
        (got - 2.0).abs() < 1e-12,
        "step(0.0, -8.0, 0.25): expected 2.0, got {got}"
    );
}

#[test]
fn one_step_away_from_the_slide() {
    for (theta, grad, learning_rate) in [(-3.0, 0.5, 2.0), (1.5, -4.0, 0.01), (0.25, 7.0, 1.0)] {
        let got = step(theta, grad, learning_rate);
        let expected = theta - learning_rate * grad;
        assert!(
            (got - expected).abs() < 1e-12,
            "step({theta}, {grad}, {learning_rate}): expected {expected}, got {got}"
        );
    }
}

#[test]
fn small_learning_rate_converges_to_the_minimum() {
    // θ_k − 4 = −4 · 0.8^k: about 100 steps to move less than 1e-9.
    match descend(quadratic_grad, 0.0, 0.1, 1e-9, 1000) {
        Outcome::Converged { theta, steps } => {
            assert!((theta - 4.0).abs() < 1e-7, "expected θ ≈ 4, got {theta}");
            assert!(
                (80..=120).contains(&steps),
                "expected about 100 steps, got {steps}"
            );
        }
        other => panic!("α = 0.1 on (θ − 4)²: expected Converged, got {other:?}"),
    }
}

#[test]
fn half_learning_rate_jumps_to_the_minimum() {
    // From 0 with α = 0.5: 0 − 0.5·(−8) = 4 in one step, then a step of 0.
    match descend(quadratic_grad, 0.0, 0.5, 1e-9, 1000) {
        Outcome::Converged { theta, steps } => {
            assert!((theta - 4.0).abs() < 1e-12, "expected θ = 4, got {theta}");
            assert_eq!(
                steps, 2,
                "expected 2 steps (the jump, then a step of 0), got {steps}"
            );
        }
        other => panic!("α = 0.5 on (θ − 4)²: expected Converged, got {other:?}"),
    }
}

#[test]
fn too_large_learning_rate_diverges() {
    // |θ − 4| grows by 1.2 each step: past 1e6 after about 70 steps.
    let got = descend(quadratic_grad, 0.0, 1.1, 1e-9, 10_000);
    assert!(
        matches!(got, Outcome::Diverged { steps } if steps < 100),
        "α = 1.1: expected Diverged within 100 steps, got {got:?}"
    );
    let got = descend(|_| f64::NAN, 0.0, 0.1, 1e-9, 10);
    assert!(
        matches!(got, Outcome::Diverged { steps: 1 }),
        "NaN gradient: expected Diverged {{ steps: 1 }}, got {got:?}"
    );
}

#[test]
fn linear_loss_never_converges() {
    // J(θ) = θ: the gradient is always 1, so θ falls by α every step.
    let got = descend(|_| 1.0, 0.0, 0.1, 1e-9, 100);
    match got {
        Outcome::MaxSteps { theta } => {
            assert!(
                (theta + 10.0).abs() < 1e-9,
                "after 100 steps of 0.1: expected θ = -10, got {theta}"
            )
        }
        other => panic!("linear loss: expected MaxSteps, got {other:?}"),
    }
}

/// The same run written here as a loop, for the expected outcome.
fn expected_run(start: f64, learning_rate: f64, tolerance: f64, max_steps: usize) -> Outcome {
    let mut theta = start;
    for steps in 1..=max_steps {
        let next = theta - learning_rate * quadratic_grad(theta);
        if !next.is_finite() || next.abs() > 1e6 {
            return Outcome::Diverged { steps };
        }
        if (next - theta).abs() < tolerance {
            return Outcome::Converged { theta: next, steps };
        }
        theta = next;
    }
    Outcome::MaxSteps { theta }
}

#[test]
fn every_parameter_of_descend_counts() {
    // Other starts, learning rates, tolerances and budgets than the slide's.
    for (start, learning_rate, tolerance, max_steps) in [
        (10.0, 0.3, 1e-3, 1000),
        (-7.0, 0.05, 0.5, 1000),
        (10.0, 0.3, 1e-3, 5),
        (1.0, 0.9, 1e-6, 1000),
        (-2.0, 1.05, 1e-6, 1000),
        (3.0, 1.3, 1e-6, 3),
    ] {
        let got = descend(quadratic_grad, start, learning_rate, tolerance, max_steps);
        let expected = expected_run(start, learning_rate, tolerance, max_steps);
        let same = match (got, expected) {
            (
                Outcome::Converged { theta: a, steps: s },
                Outcome::Converged { theta: b, steps: t },
            ) => s == t && (a - b).abs() < 1e-9,
            (Outcome::MaxSteps { theta: a }, Outcome::MaxSteps { theta: b }) => {
                (a - b).abs() < 1e-9
            }
            (a, b) => a == b,
        };
        assert!(
            same,
            "descend(start {start}, α {learning_rate}, tolerance {tolerance}, {max_steps} steps): expected {expected:?}, got {got:?}"
        );
    }
}

#[test]
fn divergence_is_beyond_a_million_on_either_side() {
    // J(θ) = −θ from 999 999 with α = 1: θ = 1e6 exactly after one step (not
    // beyond), 1e6 + 1 after two.
    let got = descend(|_| -1.0, 999_999.0, 1.0, 1e-9, 10);
    assert!(
        matches!(got, Outcome::Diverged { steps: 2 }),
        "θ reaching 1e6 then 1e6 + 1: expected Diverged {{ steps: 2 }}, got {got:?}"
    );
    // J(θ) = θ from −999 999.5 with α = 1: θ = −1 000 000.5 after one step.
    let got = descend(|_| 1.0, -999_999.5, 1.0, 1e-9, 10);
    assert!(
        matches!(got, Outcome::Diverged { steps: 1 }),
        "θ running to −∞: expected Diverged {{ steps: 1 }}, got {got:?}"
    );
}

#[test]
fn a_step_as_large_as_the_tolerance_does_not_converge() {
    // Steps of exactly 0.5 with tolerance 0.5: "less than" the tolerance never holds.
    let got = descend(|_| 1.0, 0.0, 0.5, 0.5, 4);
    assert!(
        matches!(got, Outcome::MaxSteps { theta } if (theta + 2.0).abs() < 1e-12),
        "steps of 0.5 with tolerance 0.5: expected MaxSteps {{ theta: -2.0 }}, got {got:?}"
    );
}
