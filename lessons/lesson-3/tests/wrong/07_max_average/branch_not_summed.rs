//! Wrong: only one branch counted.

/// The gradients of max(a, b) for the inputs a and b. On a tie, a wins.
pub fn max_backward(a: f64, b: f64, upstream: f64) -> (f64, f64) {
    if a >= b {
        (upstream, 0.0)
    } else {
        (0.0, upstream)
    }
}

/// The gradients of the mean of `n` inputs: upstream / n for each input.
pub fn average_backward(n: usize, upstream: f64) -> Vec<f64> {
    vec![upstream / n as f64; n]
}

/// The gradients (df/dx, df/dy) of f = q · x with q = x + y: x feeds both the
/// add gate and the multiply gate, so its two gradients add up.
pub fn branch_backward(x: f64, y: f64) -> (f64, f64) {
    let q = x + y;
    let dq = x; // through the multiply gate: df/dq = x
    let dx_from_mul = q; // df/dx through the multiply gate
    let dx_from_add = dq; // df/dx through the add gate: dq/dx = 1
    (dx_from_mul, dq)
}
