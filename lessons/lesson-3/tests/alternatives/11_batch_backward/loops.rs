//! Loops with from_shape_fn; the bias gradient with mean_axis.
use ndarray::{Array1, Array2, Axis};
pub fn output_delta(p: &Array2<f64>, y: &Array2<f64>) -> Array2<f64> {
    Array2::from_shape_fn(p.dim(), |(n, k)| p[[n, k]] - y[[n, k]])
}
pub fn delta_z(delta: &Array2<f64>, p: &Array2<f64>) -> Array2<f64> {
    Array2::from_shape_fn(p.dim(), |ix| delta[ix] * (p[ix] - p[ix] * p[ix]))
}
pub fn delta_a(delta_z: &Array2<f64>, theta: &Array2<f64>) -> Array2<f64> {
    Array2::from_shape_fn((delta_z.nrows(), theta.ncols()), |(n, j)| {
        (0..theta.nrows())
            .map(|i| delta_z[[n, i]] * theta[[i, j]])
            .sum()
    })
}
pub fn weight_gradient(delta_z: &Array2<f64>, a: &Array2<f64>) -> Array2<f64> {
    let m = a.nrows() as f64;
    Array2::from_shape_fn((delta_z.ncols(), a.ncols()), |(i, j)| {
        (0..a.nrows())
            .map(|n| delta_z[[n, i]] * a[[n, j]] / m)
            .sum()
    })
}
pub fn bias_gradient(delta_z: &Array2<f64>) -> Array1<f64> {
    delta_z.mean_axis(Axis(0)).unwrap()
}
