//! A match on the comparison, a loop for the average.
pub fn max_backward(a: f64, b: f64, upstream: f64) -> (f64, f64) {
    match a.partial_cmp(&b) {
        Some(std::cmp::Ordering::Less) => (0.0, upstream),
        _ => (upstream, 0.0),
    }
}
pub fn average_backward(n: usize, upstream: f64) -> Vec<f64> {
    let mut out = Vec::new();
    for _ in 0..n {
        out.push(upstream / (n as f64));
    }
    out
}
pub fn branch_backward(x: f64, y: f64) -> (f64, f64) {
    let mut dx = 0.0;
    dx += x + y; // through the multiply gate
    dx += x; // through the add gate
    (dx, x)
}
