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
    // TODO: forward the batch keeping every layer's activations; J = Σ(P − Y)²/(2m);
    // δ = P − Y; from the last layer down: δ_z = δ ∘ A(1 − A), the next δ = δ_z·Θ (before the
    // update), then Θ −= α·δ_zᵀA_prev/m and b −= α·(column sums of δ_z)/m. Return J.
    todo!()
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
    // TODO: for each batch of `batch_size` consecutive rows (the last may be smaller),
    // call train_step on it; collect the losses.
    todo!()
}
