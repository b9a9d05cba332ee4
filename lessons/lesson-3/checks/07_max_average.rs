//! Checks for exercise 07: they call only the exercise's public items.
use crate::exercise::*;

#[test]
fn max_gate_routes_the_gradient_to_the_winner() {
    assert_eq!(
        max_backward(2.0, -1.0, 3.0),
        (3.0, 0.0),
        "max_backward(2, -1, 3): expected (3.0, 0.0), got {:?}",
        max_backward(2.0, -1.0, 3.0)
    );
    assert_eq!(
        max_backward(-1.0, 2.0, 3.0),
        (0.0, 3.0),
        "max_backward(-1, 2, 3): expected (0.0, 3.0), got {:?}",
        max_backward(-1.0, 2.0, 3.0)
    );
    assert_eq!(
        max_backward(5.0, 5.0, -2.0),
        (-2.0, 0.0),
        "max_backward(5, 5, -2), a tie: expected (-2.0, 0.0), got {:?}",
        max_backward(5.0, 5.0, -2.0)
    );
}

#[test]
fn max_gate_compares_the_two_inputs() {
    for (a, b, upstream, expected) in [
        (1.0, 4.0, 0.5, (0.0, 0.5)),
        (4.0, 1.0, 0.5, (0.5, 0.0)),
        (-3.0, -2.0, 1.5, (0.0, 1.5)),
        (-2.0, -3.0, -1.5, (-1.5, 0.0)),
    ] {
        let got = max_backward(a, b, upstream);
        assert_eq!(
            got, expected,
            "max_backward({a}, {b}, {upstream}): expected {expected:?}, got {got:?}"
        );
    }
}

#[test]
fn average_gate_shares_the_gradient_equally() {
    let got = average_backward(4, 2.0);
    assert_eq!(
        got,
        vec![0.5; 4],
        "average_backward(4, 2): expected [0.5, 0.5, 0.5, 0.5], got {got:?}"
    );
    let got = average_backward(3, -0.3);
    assert_eq!(
        got.len(),
        3,
        "average_backward(3, -0.3): expected 3 gradients, got {}",
        got.len()
    );
    for g in got {
        assert!(
            (g + 0.1).abs() < 1e-12,
            "average_backward(3, -0.3): expected -0.1 each, got {g}"
        );
    }
}

#[test]
fn gradients_add_up_at_a_branch() {
    // f = (x + y)·x at x = 3, y = −1: q = 2, df/dx = q + x = 5, df/dy = x = 3.
    let (dx, dy) = branch_backward(3.0, -1.0);
    assert!(
        dx != 2.0 && dx != 3.0,
        "node x feeds two gates: expected their gradients summed (2 + 3 = 5), got only one branch: {dx}"
    );
    assert!((dx - 5.0).abs() < 1e-12, "node x: expected 5, got {dx}");
    assert!((dy - 3.0).abs() < 1e-12, "node y: expected 3, got {dy}");
}

#[test]
fn branch_matches_the_numeric_gradient() {
    let f = |x: f64, y: f64| (x + y) * x;
    let h = 1e-6;
    for (x, y) in [(0.5, 2.0), (-1.5, 0.25), (2.0, -7.0)] {
        let (dx, dy) = branch_backward(x, y);
        let nx = (f(x + h, y) - f(x - h, y)) / (2.0 * h);
        let ny = (f(x, y + h) - f(x, y - h)) / (2.0 * h);
        assert!(
            (dx - nx).abs() < 1e-6,
            "node x at ({x}, {y}): expected {nx:.6}, got {dx}"
        );
        assert!(
            (dy - ny).abs() < 1e-6,
            "node y at ({x}, {y}): expected {ny:.6}, got {dy}"
        );
    }
}
