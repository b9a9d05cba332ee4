//! numeric_gradient built on central_difference of one coordinate.
pub fn central_difference(f: impl Fn(f64) -> f64, x: f64, h: f64) -> f64 {
    let two_h = h + h;
    (f(x + h) - f(x - h)) / two_h
}
pub fn numeric_gradient(f: impl Fn(&[f64]) -> f64, theta: &[f64], h: f64) -> Vec<f64> {
    (0..theta.len())
        .map(|i| {
            central_difference(
                |v| {
                    let mut t = theta.to_vec();
                    t[i] = v;
                    f(&t)
                },
                theta[i],
                h,
            )
        })
        .collect()
}
pub fn relative_error(analytic: f64, numeric: f64) -> f64 {
    let scale = f64::max(analytic.abs(), numeric.abs());
    if scale > 0.0 {
        (numeric - analytic).abs() / scale
    } else {
        0.0
    }
}
