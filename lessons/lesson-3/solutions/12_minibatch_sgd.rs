//! Slide "Backpropagation & Gradient descent": one step on a batch, and
//! mini-batches — "we can use a single training example in one
//! backpropagation step or a larger batch (up to the complete training set)".
//!
//! A step forwards the batch (one example per row), computes J = 1/(2m)·Σ(P − Y)²,
//! backpropagates δ from the last layer to the first with the weights from
//! before the step, and then updates every layer at once: Θ ← Θ − α·δ_zᵀA/m,
//! b ← b − α·mean(δ_z). An epoch takes the rows in order in batches of
//! `batch_size` (the last one may be smaller) and makes one step per batch.

use ndarray::{Array1, Array2, Axis, s};

/// One fully connected sigmoid layer.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// Θ: one row per unit, one column per input.
    pub weights: Array2<f64>,
    /// One bias per unit.
    pub bias: Array1<f64>,
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// One gradient-descent step on the batch (`x`, `y`), one example per row;
/// returns J before the step.
pub fn train_step(
    layers: &mut [Layer],
    x: &Array2<f64>,
    y: &Array2<f64>,
    learning_rate: f64,
) -> f64 {
    let m = x.nrows() as f64;
    let mut acts = vec![x.clone()];
    for layer in layers.iter() {
        let z = acts[acts.len() - 1].dot(&layer.weights.t()) + &layer.bias;
        acts.push(z.mapv(sigmoid));
    }
    let p = &acts[acts.len() - 1];
    let loss = (p - y).mapv(|d| d * d).sum() / (2.0 * m);
    let mut delta = p - y;
    for l in (0..layers.len()).rev() {
        let out = &acts[l + 1];
        let dz = &delta * out * &out.mapv(|a| 1.0 - a);
        delta = dz.dot(&layers[l].weights);
        let grad_w = dz.t().dot(&acts[l]) / m;
        let grad_b = dz.sum_axis(Axis(0)) / m;
        layers[l].weights.scaled_add(-learning_rate, &grad_w);
        layers[l].bias.scaled_add(-learning_rate, &grad_b);
    }
    loss
}

/// One epoch: a step on rows 0..batch_size, then the next batch_size rows,
/// and so on; returns the loss of each step.
pub fn epoch(
    layers: &mut [Layer],
    x: &Array2<f64>,
    y: &Array2<f64>,
    batch_size: usize,
    learning_rate: f64,
) -> Vec<f64> {
    let mut losses = Vec::new();
    let mut start = 0;
    while start < x.nrows() {
        let end = (start + batch_size).min(x.nrows());
        let xb = x.slice(s![start..end, ..]).to_owned();
        let yb = y.slice(s![start..end, ..]).to_owned();
        losses.push(train_step(layers, &xb, &yb, learning_rate));
        start = end;
    }
    losses
}
