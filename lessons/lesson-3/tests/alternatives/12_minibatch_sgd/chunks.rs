//! Gradients of all layers first, then the updates; epoch with axis_chunks_iter.
use ndarray::{Array1, Array2, Axis};
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub weights: Array2<f64>,
    pub bias: Array1<f64>,
}
pub fn train_step(
    layers: &mut [Layer],
    x: &Array2<f64>,
    y: &Array2<f64>,
    learning_rate: f64,
) -> f64 {
    let m = x.nrows() as f64;
    let mut acts = vec![x.to_owned()];
    for layer in layers.iter() {
        let z = acts.last().unwrap().dot(&layer.weights.t()) + &layer.bias;
        acts.push(z.mapv(|z| 1.0 / (1.0 + (-z).exp())));
    }
    let out = acts.last().unwrap();
    let diff = out - y;
    let loss = diff.iter().map(|d| d * d).sum::<f64>() / 2.0 / m;
    let mut grads = Vec::new();
    let mut delta = diff;
    for l in (0..layers.len()).rev() {
        let a = &acts[l + 1];
        let dz = delta * &a.mapv(|a| a * (1.0 - a));
        grads.push((dz.t().dot(&acts[l]) / m, dz.mean_axis(Axis(0)).unwrap()));
        delta = dz.dot(&layers[l].weights);
    }
    for (layer, (gw, gb)) in layers.iter_mut().rev().zip(grads) {
        layer.weights = &layer.weights - &(gw * learning_rate);
        layer.bias = &layer.bias - &(gb * learning_rate);
    }
    loss
}
pub fn epoch(
    layers: &mut [Layer],
    x: &Array2<f64>,
    y: &Array2<f64>,
    batch_size: usize,
    learning_rate: f64,
) -> Vec<f64> {
    x.axis_chunks_iter(Axis(0), batch_size)
        .zip(y.axis_chunks_iter(Axis(0), batch_size))
        .map(|(xb, yb)| train_step(layers, &xb.to_owned(), &yb.to_owned(), learning_rate))
        .collect()
}
