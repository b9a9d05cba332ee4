//! Checks for exercise 04: they call only the exercise's public items.
use crate::exercise::*;

fn close(what: &str, expected: f64, got: f64, tolerance: f64) {
    assert!(
        (expected - got).abs() <= tolerance,
        "{what}: expected {expected}, got {got}"
    );
}

#[test]
fn central_difference_of_the_slide_quadratic() {
    // f(x) = (x − 4)², f'(1) = 2·(1 − 4) = −6; exact for a quadratic.
    let got = central_difference(|x| (x - 4.0).powi(2), 1.0, 1e-3);
    close("central_difference((x-4)^2, 1, 1e-3)", -6.0, got, 1e-8);
}

#[test]
fn central_difference_is_central_not_forward() {
    // f(x) = x³ at 2, h = 0.1: (2.1³ − 1.9³)/0.2 = 12.01 (forward would be 12.61).
    let got = central_difference(|x| x * x * x, 2.0, 0.1);
    close("central_difference(x^3, 2, 0.1)", 12.01, got, 1e-9);
}

#[test]
fn central_difference_uses_the_given_step() {
    // f(x) = x³ at −1: (f(x + h) − f(x − h)) / 2h = 3x² + h².
    for (x, h) in [(-1.0, 0.5), (3.0, 0.2)] {
        let got = central_difference(|x| x * x * x, x, h);
        close(
            &format!("central_difference(x^3, {x}, {h})"),
            3.0 * x * x + h * h,
            got,
            1e-9,
        );
    }
}

#[test]
fn numeric_gradient_moves_one_parameter_at_a_time() {
    // f(a, b) = a²·b at (3, 2): ∂f/∂a = 2ab = 12, ∂f/∂b = a² = 9.
    let theta = [3.0, 2.0];
    let got = numeric_gradient(|t: &[f64]| t[0] * t[0] * t[1], &theta, 1e-5);
    assert_eq!(
        got.len(),
        2,
        "expected 2 partial derivatives, got {}",
        got.len()
    );
    close("∂f/∂a", 12.0, got[0], 1e-6);
    close("∂f/∂b", 9.0, got[1], 1e-6);
    assert_eq!(theta, [3.0, 2.0], "expected θ unchanged, got {theta:?}");
}

#[test]
fn numeric_gradient_counts_two_evaluations_per_parameter() {
    let calls = std::cell::Cell::new(0);
    let f = |t: &[f64]| {
        calls.set(calls.get() + 1);
        t.iter().sum::<f64>()
    };
    let got = numeric_gradient(f, &[1.0, 2.0, 3.0, 4.0], 1e-4);
    for (i, g) in got.iter().enumerate() {
        close(&format!("∂(sum)/∂θ{i}"), 1.0, *g, 1e-8);
    }
    assert_eq!(
        calls.get(),
        8,
        "expected 2n = 8 evaluations of f, got {}",
        calls.get()
    );
}

#[test]
fn numeric_gradient_uses_the_given_step() {
    // f(a, b, c) = a³·b + c² with a large h = 0.1: each entry is exactly the
    // central difference of that parameter alone, h² error included.
    let f = |t: &[f64]| t[0].powi(3) * t[1] + t[2] * t[2];
    let theta = [2.0, -1.5, 0.5];
    for h in [0.1, 0.25] {
        let got = numeric_gradient(f, &theta, h);
        assert_eq!(
            got.len(),
            3,
            "expected 3 partial derivatives, got {}",
            got.len()
        );
        for i in 0..3 {
            let (mut plus, mut minus) = (theta, theta);
            plus[i] += h;
            minus[i] -= h;
            let expected = (f(&plus) - f(&minus)) / (2.0 * h);
            close(&format!("h = {h}: ∂f/∂θ{i}"), expected, got[i], 1e-9);
        }
    }
}

#[test]
fn relative_error_of_good_and_wrong_gradients() {
    close(
        "relative_error(2, -2)",
        2.0,
        relative_error(2.0, -2.0),
        1e-12,
    );
    close(
        "relative_error(1, 1.01)",
        0.01 / 1.01,
        relative_error(1.0, 1.01),
        1e-12,
    );
    close(
        "relative_error(-4, -4)",
        0.0,
        relative_error(-4.0, -4.0),
        0.0,
    );
    close("relative_error(0, 0)", 0.0, relative_error(0.0, 0.0), 0.0);
    // The scale is the larger absolute value, whichever sign each one has.
    close(
        "relative_error(-4, -3.9)",
        0.1 / 4.0,
        relative_error(-4.0, -3.9),
        1e-12,
    );
    close(
        "relative_error(1, -3)",
        4.0 / 3.0,
        relative_error(1.0, -3.0),
        1e-12,
    );
}
