//! A fresh copy of θ for each evaluation, 1/(2h) multiplied in.
pub fn central_difference(f: impl Fn(f64) -> f64, x: f64, h: f64) -> f64 {
    (f(x + h) - f(x - h)) * (0.5 / h)
}
pub fn numeric_gradient(f: impl Fn(&[f64]) -> f64, theta: &[f64], h: f64) -> Vec<f64> {
    let mut grad = Vec::new();
    for i in 0..theta.len() {
        let mut plus = theta.to_vec();
        plus[i] += h;
        let mut minus = theta.to_vec();
        minus[i] -= h;
        grad.push((f(&plus) - f(&minus)) / (2.0 * h));
    }
    grad
}
pub fn relative_error(analytic: f64, numeric: f64) -> f64 {
    if analytic == 0.0 && numeric == 0.0 {
        return 0.0;
    }
    let diff = (analytic - numeric).abs();
    if analytic.abs() > numeric.abs() {
        diff / analytic.abs()
    } else {
        diff / numeric.abs()
    }
}
