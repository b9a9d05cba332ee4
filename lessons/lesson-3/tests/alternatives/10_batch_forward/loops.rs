//! Z built element by element with from_shape_fn; forward with a fold.
use ndarray::{Array1, Array2};
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub weights: Array2<f64>,
    pub bias: Array1<f64>,
}
pub fn sigmoid(z: &Array2<f64>) -> Array2<f64> {
    z.map(|z| 1.0 / (1.0 + f64::exp(-z)))
}
pub fn layer_forward(layer: &Layer, x: &Array2<f64>) -> Array2<f64> {
    let z = Array2::from_shape_fn((x.nrows(), layer.weights.nrows()), |(n, i)| {
        layer.bias[i]
            + (0..x.ncols())
                .map(|j| x[[n, j]] * layer.weights[[i, j]])
                .sum::<f64>()
    });
    sigmoid(&z)
}
pub fn forward(layers: &[Layer], x: &Array2<f64>) -> Vec<Array2<f64>> {
    layers.iter().fold(vec![x.to_owned()], |mut all, layer| {
        let a = layer_forward(layer, all.last().unwrap());
        all.push(a);
        all
    })
}
