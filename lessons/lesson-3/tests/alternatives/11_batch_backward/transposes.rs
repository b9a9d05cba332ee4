//! The one-example formulas on transposed matrices: (Θᵀ·δ_zᵀ)ᵀ and (A ᵀ·δ_z)ᵀ.
use ndarray::{Array1, Array2, Axis};
pub fn output_delta(p: &Array2<f64>, y: &Array2<f64>) -> Array2<f64> {
    let mut d = p.clone();
    d -= y;
    d
}
pub fn delta_z(delta: &Array2<f64>, p: &Array2<f64>) -> Array2<f64> {
    let mut out = delta.clone();
    out.zip_mut_with(p, |d, p| *d *= p * (1.0 - p));
    out
}
pub fn delta_a(delta_z: &Array2<f64>, theta: &Array2<f64>) -> Array2<f64> {
    theta.t().dot(&delta_z.t()).reversed_axes()
}
pub fn weight_gradient(delta_z: &Array2<f64>, a: &Array2<f64>) -> Array2<f64> {
    let m = delta_z.nrows() as f64;
    (a.t().dot(delta_z) * (1.0 / m)).reversed_axes()
}
pub fn bias_gradient(delta_z: &Array2<f64>) -> Array1<f64> {
    delta_z.map_axis(Axis(0), |col| {
        col.iter().rev().sum::<f64>() / col.len() as f64
    })
}
