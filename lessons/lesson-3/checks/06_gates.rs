//! Checks for exercise 06: they call only the exercise's public items.
use crate::exercise::*;

fn close(what: &str, expected: f64, got: f64, tolerance: f64) {
    assert!(
        (expected - got).abs() <= tolerance,
        "{what}: expected {expected}, got {got}"
    );
}

fn numeric(f: impl Fn(f64) -> f64, x: f64) -> f64 {
    let h = 1e-6;
    (f(x + h) - f(x - h)) / (2.0 * h)
}

#[test]
fn exp_gate_of_the_slide() {
    // The slide: exp gate at x = −1 with upstream −0.53 gives −0.53·e^−1 ≈ −0.20.
    close(
        "exp_backward(-1, -0.53)",
        -0.53 * (-1.0f64).exp(),
        exp_backward(-1.0, -0.53),
        1e-12,
    );
    close(
        "exp_backward(0.5, 1) vs numeric",
        numeric(f64::exp, 0.5),
        exp_backward(0.5, 1.0),
        1e-8,
    );
}

#[test]
fn reciprocal_gate_of_the_slide() {
    // The slide: 1/x gate at x = 1.37 with upstream 1 gives −1/1.37² ≈ −0.53.
    close(
        "reciprocal_backward(1.37, 1)",
        -0.53,
        reciprocal_backward(1.37, 1.0),
        0.005,
    );
    close(
        "reciprocal_backward(-2, 3) vs numeric",
        3.0 * numeric(|x| 1.0 / x, -2.0),
        reciprocal_backward(-2.0, 3.0),
        1e-7,
    );
}

#[test]
fn sigmoid_gate_uses_its_output() {
    close("sigmoid(0)", 0.5, sigmoid(0.0), 1e-12);
    close("sigmoid(1)", 0.73, sigmoid(1.0), 0.005);
    // The slide's shortcut: (1 − 0.73)·0.73 ≈ 0.2.
    close(
        "sigmoid_backward(0.73, 1)",
        0.27 * 0.73,
        sigmoid_backward(0.73, 1.0),
        1e-12,
    );
    let x = -0.8;
    close(
        "sigmoid_backward(σ(-0.8), 2) vs numeric",
        2.0 * numeric(sigmoid, x),
        sigmoid_backward(sigmoid(x), 2.0),
        1e-7,
    );
}

#[test]
fn gates_away_from_the_slide() {
    for (x, upstream) in [(1.3, -0.4), (-2.5, 1.7)] {
        close(
            &format!("exp_backward({x}, {upstream})"),
            upstream * numeric(f64::exp, x),
            exp_backward(x, upstream),
            1e-7,
        );
        close(
            &format!("reciprocal_backward({x}, {upstream})"),
            upstream * numeric(|x| 1.0 / x, x),
            reciprocal_backward(x, upstream),
            1e-7,
        );
        close(
            &format!("sigmoid({x})"),
            1.0 / (1.0 + (-x).exp()),
            sigmoid(x),
            1e-12,
        );
        let output = 1.0 / (1.0 + (-x).exp());
        close(
            &format!("sigmoid_backward(σ({x}), {upstream})"),
            upstream * (1.0 - output) * output,
            sigmoid_backward(output, upstream),
            1e-12,
        );
    }
}

#[test]
fn sigmoid_neuron_of_the_slide() {
    let got = neuron([2.0, -3.0, -3.0], [-1.0, -2.0]);
    close("output", 0.73, got.output, 0.005);
    let slide_w = [-0.20, -0.39, 0.20];
    let slide_x = [0.39, -0.59];
    for i in 0..3 {
        close(&format!("df/dw{i}"), slide_w[i], got.w[i], 0.006);
    }
    for i in 0..2 {
        close(&format!("df/dx{i}"), slide_x[i], got.x[i], 0.006);
    }
}

#[test]
fn sigmoid_neuron_matches_the_numeric_gradient() {
    let f = |p: &[f64; 5]| 1.0 / (1.0 + (-(p[0] * p[3] + p[1] * p[4] + p[2])).exp());
    // w0, w1, w2, x0, x1
    for point in [[0.4, -1.3, 0.2, 1.1, 0.6], [-0.7, 0.5, 1.4, -2.0, 0.9]] {
        let got = neuron([point[0], point[1], point[2]], [point[3], point[4]]);
        close("output", f(&point), got.output, 1e-12);
        let analytic = [got.w[0], got.w[1], got.w[2], got.x[0], got.x[1]];
        let names = ["df/dw0", "df/dw1", "df/dw2", "df/dx0", "df/dx1"];
        for i in 0..5 {
            let (mut plus, mut minus) = (point, point);
            plus[i] += 1e-6;
            minus[i] -= 1e-6;
            close(names[i], (f(&plus) - f(&minus)) / 2e-6, analytic[i], 1e-7);
        }
    }
}
