//! Checks for exercise 05: they call only the exercise's public items.
use crate::exercise::*;

/// Checks the gradients node by node in backward order (f, q, z, x, y), so the
/// message names the first node that goes wrong.
fn check_nodes(expected: [f64; 5], got: Gradients, tolerance: f64) {
    let nodes = [
        ("f (output)", expected[0], got.f),
        ("q = x + y", expected[1], got.q),
        ("z", expected[2], got.z),
        ("x", expected[3], got.x),
        ("y", expected[4], got.y),
    ];
    for (node, want, have) in nodes {
        assert!(
            (want - have).abs() <= tolerance,
            "node {node} is the first to go wrong: expected gradient {want}, got {have}"
        );
    }
}

#[test]
fn forward_pass_of_the_slide() {
    let got = forward(-2.0, 5.0, -4.0);
    assert!(
        (got.q - 3.0).abs() < 1e-12,
        "node q = x + y: expected 3, got {}",
        got.q
    );
    assert!(
        (got.f + 12.0).abs() < 1e-12,
        "node f = q·z: expected -12, got {}",
        got.f
    );
}

#[test]
fn forward_pass_away_from_the_slide() {
    for (x, y, z) in [(1.5, -0.5, 2.0), (0.3, 0.7, -1.25), (-3.0, -1.0, 0.5)] {
        let got = forward(x, y, z);
        let q = x + y;
        assert!(
            (got.q - q).abs() < 1e-12,
            "forward({x}, {y}, {z}): node q = x + y: expected {q}, got {}",
            got.q
        );
        assert!(
            (got.f - q * z).abs() < 1e-12,
            "forward({x}, {y}, {z}): node f = q·z: expected {}, got {}",
            q * z,
            got.f
        );
    }
}

#[test]
fn backward_pass_of_the_slide() {
    // x = −2, y = 5, z = −4: df/dq = z = −4, df/dz = q = 3, df/dx = df/dy = −4.
    check_nodes(
        [1.0, -4.0, 3.0, -4.0, -4.0],
        backward(-2.0, 5.0, -4.0),
        1e-12,
    );
}

#[test]
fn backward_matches_the_numeric_gradient() {
    let f = |x: f64, y: f64, z: f64| (x + y) * z;
    let h = 1e-5;
    for (x, y, z) in [(1.5, -0.5, 2.0), (0.3, 0.7, -1.25), (-3.0, -1.0, 0.5)] {
        let q = x + y;
        let numeric = [
            1.0,
            ((q + h) * z - (q - h) * z) / (2.0 * h),
            (f(x, y, z + h) - f(x, y, z - h)) / (2.0 * h),
            (f(x + h, y, z) - f(x - h, y, z)) / (2.0 * h),
            (f(x, y + h, z) - f(x, y - h, z)) / (2.0 * h),
        ];
        check_nodes(numeric, backward(x, y, z), 1e-6);
    }
}
