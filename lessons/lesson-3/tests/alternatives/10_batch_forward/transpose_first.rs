//! (Θ·Xᵀ)ᵀ instead of X·Θᵀ, the bias added row by row.
use ndarray::{Array1, Array2, Axis};
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub weights: Array2<f64>,
    pub bias: Array1<f64>,
}
pub fn sigmoid(z: &Array2<f64>) -> Array2<f64> {
    let mut out = z.clone();
    out.mapv_inplace(|z| 1.0 / (1.0 + (-z).exp()));
    out
}
pub fn layer_forward(layer: &Layer, x: &Array2<f64>) -> Array2<f64> {
    let mut z = layer.weights.dot(&x.t()).reversed_axes();
    for mut row in z.axis_iter_mut(Axis(0)) {
        row += &layer.bias;
    }
    sigmoid(&z)
}
pub fn forward(layers: &[Layer], x: &Array2<f64>) -> Vec<Array2<f64>> {
    let mut all = Vec::with_capacity(layers.len() + 1);
    all.push(x.clone());
    for (l, layer) in layers.iter().enumerate() {
        let a = layer_forward(layer, &all[l]);
        all.push(a);
    }
    all
}
