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
