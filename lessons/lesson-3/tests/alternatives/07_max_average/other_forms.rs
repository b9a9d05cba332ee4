//! if a < b, repeat().take(), the two branches added in one expression.
pub fn max_backward(a: f64, b: f64, upstream: f64) -> (f64, f64) {
    if a < b {
        (0.0, upstream)
    } else {
        (upstream, 0.0)
    }
}
pub fn average_backward(n: usize, upstream: f64) -> Vec<f64> {
    std::iter::repeat(upstream * (1.0 / n as f64))
        .take(n)
        .collect()
}
pub fn branch_backward(x: f64, y: f64) -> (f64, f64) {
    (2.0 * x + y, x)
}
