//! Checks for exercise 13: they call only the exercise's public items.
use crate::exercise::*;

/// Gradient descent on J = c·(θ − t)², step by step.
fn descend(start: f64, target: f64, curvature: f64, learning_rate: f64, steps: i32) -> f64 {
    let mut theta = start;
    for _ in 0..steps {
        theta -= learning_rate * 2.0 * curvature * (theta - target);
    }
    theta
}

#[test]
fn the_factor_of_the_slide_loss() {
    // J = (θ − 4)²: θ' − 4 = (1 − 2α)(θ − 4).
    for (learning_rate, expected) in [
        (0.1, 0.8),
        (0.5, 0.0),
        (0.75, -0.5),
        (1.0, -1.0),
        (1.1, -1.2),
    ] {
        let got = factor(1.0, learning_rate);
        assert!(
            (got - expected).abs() < 1e-12,
            "factor(c = 1, α = {learning_rate}): expected {expected}, got {got}"
        );
    }
    // Other curvatures: the measured shrink of θ − t over one step.
    for (curvature, learning_rate) in [(3.0, 0.1), (0.25, 2.5), (2.0, 0.3)] {
        let measured = (descend(9.0, 4.0, curvature, learning_rate, 1) - 4.0) / 5.0;
        let got = factor(curvature, learning_rate);
        assert!(
            (got - measured).abs() < 1e-12,
            "factor(c = {curvature}, α = {learning_rate}): expected {measured}, got {got}"
        );
    }
}

#[test]
fn theta_after_matches_gradient_descent() {
    for (start, target, curvature, learning_rate, steps) in [
        (0.0, 4.0, 1.0, 0.1, 10),
        (10.0, 4.0, 1.0, 0.9, 7),
        (-3.0, 1.5, 2.0, 0.2, 5),
        (2.0, -1.0, 0.5, 2.5, 6),
        (1.0, 4.0, 1.0, 0.3, 0),
    ] {
        let expected = descend(start, target, curvature, learning_rate, steps);
        let got = theta_after(start, target, curvature, learning_rate, steps);
        assert!(
            (got - expected).abs() <= 1e-9 * expected.abs().max(1.0),
            "theta_after(start {start}, t {target}, c {curvature}, α {learning_rate}, {steps} steps): expected {expected}, got {got}"
        );
    }
}

#[test]
fn the_slide_loss_diverges_beyond_alpha_one() {
    let got = divergence_threshold(1.0);
    assert!(
        (got - 1.0).abs() < 1e-12,
        "J = (θ − 4)²: expected α = 1, got {got}"
    );
    for curvature in [4.0, 0.5, 2.5] {
        let got = divergence_threshold(curvature);
        // Just below: |θ − t| shrinks over 200 steps; just above: it grows.
        let below = descend(5.0, 4.0, curvature, got * 0.99, 200) - 4.0;
        let above = descend(5.0, 4.0, curvature, got * 1.01, 200) - 4.0;
        assert!(
            below.abs() < 1.0 && above.abs() > 1.0,
            "c = {curvature}: the threshold {got} is not where descent starts to diverge (|θ − t| after 200 steps: {below:.3} below, {above:.3} above)"
        );
    }
}

#[test]
fn every_regime_of_the_learning_rate() {
    for (curvature, learning_rate, expected) in [
        (1.0, 0.0, Regime::Stuck),
        (1.0, 0.1, Regime::Monotone),
        (1.0, 0.5, Regime::OneStep),
        (1.0, 0.75, Regime::Oscillating),
        (1.0, 1.0, Regime::Cycling),
        (1.0, 1.1, Regime::Diverging),
        (1.0, -0.1, Regime::Diverging),
        (2.0, 0.2, Regime::Monotone),
        (2.0, 0.25, Regime::OneStep),
        (2.0, 0.4, Regime::Oscillating),
        (2.0, 0.5, Regime::Cycling),
        (2.0, 0.6, Regime::Diverging),
        (0.5, 1.5, Regime::Oscillating),
        (0.5, 2.5, Regime::Diverging),
    ] {
        let got = regime(curvature, learning_rate);
        assert_eq!(
            got, expected,
            "regime(c = {curvature}, α = {learning_rate}): expected {expected:?}, got {got:?}"
        );
    }
}
