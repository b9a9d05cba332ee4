//! Slides "Exercise: What about max or average?" and "Dealing with branches".
//!
//! The max gate routes the whole upstream gradient to the input that won (the
//! others get 0); the average gate of n inputs hands each input upstream / n.
//! Where a value feeds several gates, its gradient is the sum of the gradients
//! coming back from each of them.

/// The gradients of max(a, b) for the inputs a and b. On a tie, a wins.
pub fn max_backward(a: f64, b: f64, upstream: f64) -> (f64, f64) {
    // TODO: the larger input gets the whole upstream gradient, the other gets 0 (on a tie, a wins).
    todo!()
}

/// The gradients of the mean of `n` inputs: upstream / n for each input.
pub fn average_backward(n: usize, upstream: f64) -> Vec<f64> {
    // TODO: every one of the n inputs gets upstream / n.
    todo!()
}

/// The gradients (df/dx, df/dy) of f = q · x with q = x + y: x feeds both the
/// add gate and the multiply gate, so its two gradients add up.
pub fn branch_backward(x: f64, y: f64) -> (f64, f64) {
    // TODO: q = x + y, f = q · x. x reaches f twice (through q and directly):
    // add the gradient from both paths. y reaches f only through q.
    todo!()
}
