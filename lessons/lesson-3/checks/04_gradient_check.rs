//! Checks for exercise 04: they call only the exercise's public items.
use crate::exercise::*;

fn close(what: &str, expected: f64, got: f64, tolerance: f64) {
    assert!(
        (expected - got).abs() <= tolerance,
        "{what}: expected {expected}, got {got}"
    );
}

/// The slides' f(x, y, z) = (x + y)·z.
fn slide(v: &[f64]) -> f64 {
    (v[0] + v[1]) * v[2]
}

#[test]
fn the_slides_gradient_is_good() {
    // At (−2, 5, −4) backprop gives (z, z, x + y) = (−4, −4, 3).
    let check = check_gradient(slide, &[-4.0, -4.0, 3.0], &[-2.0, 5.0, -4.0], 1e-5);
    assert_eq!(
        check.numeric.len(),
        3,
        "expected 3 partial derivatives, got {:?}",
        check.numeric
    );
    for (i, expected) in [-4.0, -4.0, 3.0].into_iter().enumerate() {
        close(
            &format!("numeric ∂f/∂θ{i}"),
            expected,
            check.numeric[i],
            1e-8,
        );
    }
    assert!(
        check.max_relative_error <= 1e-7,
        "the correct gradient: expected a largest relative error ≤ 1e-7, got {:e}",
        check.max_relative_error
    );
    assert_eq!(
        check.verdict,
        Verdict::Good,
        "the correct gradient: expected Good, got {:?}",
        check.verdict
    );
}

#[test]
fn a_wrong_component_is_found() {
    // ∂f/∂z = 1 instead of x + y = 3: |1 − 3| / 3 = 2/3.
    let check = check_gradient(slide, &[-4.0, -4.0, 1.0], &[-2.0, 5.0, -4.0], 1e-5);
    assert_eq!(
        check.worst_index, 2,
        "∂f/∂z wrong: expected the worst index 2, got {}",
        check.worst_index
    );
    close(
        "∂f/∂z wrong: the error",
        2.0 / 3.0,
        check.max_relative_error,
        1e-8,
    );
    assert_eq!(
        check.verdict,
        Verdict::Wrong,
        "∂f/∂z wrong: expected Wrong, got {:?}",
        check.verdict
    );
    // A sign error in ∂f/∂x: |4 − (−4)| / 4 = 2.
    let check = check_gradient(slide, &[4.0, -4.0, 3.0], &[-2.0, 5.0, -4.0], 1e-5);
    assert_eq!(
        check.worst_index, 0,
        "∂f/∂x negated: expected the worst index 0, got {}",
        check.worst_index
    );
    close(
        "∂f/∂x negated: the error",
        2.0,
        check.max_relative_error,
        1e-8,
    );
}

#[test]
fn the_error_is_relative_to_the_larger_value() {
    let theta = [1.0, 2.0, -1.0];
    let loss = |t: &[f64]| t[0] * t[0] + t[1] * t[1] + t[2] * t[2]; // ∇ = 2θ = (2, 4, −2)
    // ∂/∂θ1 doubled: |8 − 4| / max(8, 4) = 1/2.
    let check = check_gradient(loss, &[2.0, 8.0, -2.0], &theta, 1e-5);
    close(
        "∂/∂θ1 doubled: the error",
        0.5,
        check.max_relative_error,
        1e-8,
    );
    assert_eq!(
        check.worst_index, 1,
        "∂/∂θ1 doubled: expected the worst index 1, got {}",
        check.worst_index
    );
    // ∂/∂θ2 halved: |−1 − (−2)| / max(1, 2) = 1/2.
    let check = check_gradient(loss, &[2.0, 4.0, -1.0], &theta, 1e-5);
    close(
        "∂/∂θ2 halved: the error",
        0.5,
        check.max_relative_error,
        1e-8,
    );
    // ∂/∂θ2 doubled: |−4 − (−2)| / max(|−4|, |−2|) = 1/2; the larger SIZE counts.
    let check = check_gradient(loss, &[2.0, 4.0, -4.0], &theta, 1e-5);
    close("∂/∂θ2 doubled: the error", 0.5, check.max_relative_error, 1e-8);
    // ∂/∂θ0 forgotten (0): |0 − 2| / 2 = 1.
    let check = check_gradient(loss, &[0.0, 4.0, -2.0], &theta, 1e-5);
    close("∂/∂θ0 = 0: the error", 1.0, check.max_relative_error, 1e-8);
    assert_eq!(
        check.worst_index, 0,
        "∂/∂θ0 = 0: expected the worst index 0, got {}",
        check.worst_index
    );
}

#[test]
fn the_error_is_relative_not_absolute() {
    // J = 1e-9·(θ0² + θ1²) at (1, 2): ∇J = (2e-9, 4e-9), tiny; doubling one
    // component is a tiny absolute error but a relative error of 1/2.
    let loss = |t: &[f64]| 1e-9 * (t[0] * t[0] + t[1] * t[1]);
    let check = check_gradient(loss, &[2e-9, 8e-9], &[1.0, 2.0], 1e-5);
    close(
        "a doubled tiny gradient: the error",
        0.5,
        check.max_relative_error,
        1e-4,
    );
    assert_eq!(
        check.verdict,
        Verdict::Wrong,
        "a doubled tiny gradient: expected Wrong, got {:?}",
        check.verdict
    );
}

#[test]
fn the_central_difference_uses_the_given_step() {
    // J = θ³ at 2 with h = 0.1: (2.1³ − 1.9³) / 0.2 = 3θ² + h² = 12.01
    // (a forward difference gives 12.61); against f' = 12 that is 0.01/12.01.
    let check = check_gradient(|t: &[f64]| t[0] * t[0] * t[0], &[12.0], &[2.0], 0.1);
    close(
        "numeric d(θ³)/dθ at 2, h = 0.1",
        12.01,
        check.numeric[0],
        1e-9,
    );
    close("its error", 0.01 / 12.01, check.max_relative_error, 1e-9);
    assert_eq!(
        check.verdict,
        Verdict::Uncomfortable,
        "an error of 8e-4: expected Uncomfortable, got {:?}",
        check.verdict
    );
    // And each parameter alone: J = a³·b + c² with h = 0.25.
    let f = |t: &[f64]| t[0].powi(3) * t[1] + t[2] * t[2];
    let theta = [2.0, -1.5, 0.5];
    let check = check_gradient(f, &[1.0, 1.0, 1.0], &theta, 0.25);
    for i in 0..3 {
        let (mut plus, mut minus) = (theta, theta);
        plus[i] += 0.25;
        minus[i] -= 0.25;
        let expected = (f(&plus) - f(&minus)) / 0.5;
        close(
            &format!("h = 0.25: numeric ∂f/∂θ{i}"),
            expected,
            check.numeric[i],
            1e-9,
        );
    }
}

#[test]
fn two_evaluations_per_parameter() {
    let calls = std::cell::Cell::new(0);
    let loss = |t: &[f64]| {
        calls.set(calls.get() + 1);
        t.iter().sum::<f64>()
    };
    let check = check_gradient(loss, &[1.0; 4], &[1.0, 2.0, 3.0, 4.0], 1e-4);
    assert_eq!(
        calls.get(),
        8,
        "expected 2n = 8 evaluations of the loss, got {}",
        calls.get()
    );
    assert_eq!(
        check.verdict,
        Verdict::Good,
        "∇Σθ = 1: expected Good, got {:?}",
        check.verdict
    );
}

#[test]
fn a_constant_loss_and_a_nan() {
    // Both gradients 0 everywhere: no error at all, the first index.
    let check = check_gradient(|_: &[f64]| 1.5, &[0.0, 0.0], &[3.0, 4.0], 1e-5);
    assert_eq!(
        check.max_relative_error, 0.0,
        "0 against 0: expected the error 0, got {}",
        check.max_relative_error
    );
    assert_eq!(
        check.worst_index, 0,
        "all errors 0: expected the worst index 0, got {}",
        check.worst_index
    );
    assert_eq!(
        check.verdict,
        Verdict::Good,
        "0 against 0: expected Good, got {:?}",
        check.verdict
    );
    // √θ1 at θ1 = 0: θ1 − h gives NaN. NaN is the worst error, even behind
    // a real one (θ0's analytic entry is 5 % off).
    let loss = |t: &[f64]| t[0] + t[1].sqrt() + t[2];
    let check = check_gradient(loss, &[1.05, 1.0, 1.0], &[1.0, 0.0, 1.0], 1e-5);
    assert!(
        check.max_relative_error.is_nan(),
        "a NaN estimate: expected the error NaN, got {}",
        check.max_relative_error
    );
    assert_eq!(
        check.worst_index, 1,
        "a NaN estimate: expected the worst index 1, got {}",
        check.worst_index
    );
    assert_eq!(
        check.verdict,
        Verdict::Wrong,
        "a NaN estimate: expected Wrong, got {:?}",
        check.verdict
    );
}

#[test]
fn the_verdict_bands() {
    for (error, expected) in [
        (0.0, Verdict::Good),
        (1e-7, Verdict::Good),
        (1.1e-7, Verdict::OkForKinks),
        (1e-4, Verdict::OkForKinks),
        (1.1e-4, Verdict::Uncomfortable),
        (1e-2, Verdict::Uncomfortable),
        (1.1e-2, Verdict::Wrong),
        (2.0, Verdict::Wrong),
        (f64::NAN, Verdict::Wrong),
    ] {
        let got = verdict(error);
        assert_eq!(
            got, expected,
            "verdict({error:e}): expected {expected:?}, got {got:?}"
        );
    }
}
