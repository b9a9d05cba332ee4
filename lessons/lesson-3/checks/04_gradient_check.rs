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
}
