//! Wrong: relative error over |analytic| only.

/// The central difference (f(x + h) − f(x − h)) / (2h).
pub fn central_difference(f: impl Fn(f64) -> f64, x: f64, h: f64) -> f64 {
    (f(x + h) - f(x - h)) / (2.0 * h)
}

/// The numeric gradient of `f` at `theta`: one central difference per parameter,
/// moving that parameter alone by ±h. `theta` itself is left as it was.
pub fn numeric_gradient(f: impl Fn(&[f64]) -> f64, theta: &[f64], h: f64) -> Vec<f64> {
    let mut moved = theta.to_vec();
    (0..theta.len())
        .map(|i| {
            moved[i] = theta[i] + h;
            let plus = f(&moved);
            moved[i] = theta[i] - h;
            let minus = f(&moved);
            moved[i] = theta[i];
            (plus - minus) / (2.0 * h)
        })
        .collect()
}

/// The relative error |analytic − numeric| / max(|analytic|, |numeric|), and 0
/// when both are 0.
pub fn relative_error(analytic: f64, numeric: f64) -> f64 {
    let scale = analytic.abs();
    if scale == 0.0 {
        0.0
    } else {
        (analytic - numeric).abs() / scale
    }
}
