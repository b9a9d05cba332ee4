//! Slide "Questions about last lecture": why the weight matrix is transposed
//! when a whole batch is forwarded at once.
//!
//! One example is a column: z = Θ·x + b. A batch X has one example per ROW
//! (m rows, one column per input), so every row must be multiplied by Θᵀ:
//! Z = X·Θᵀ + b, where the bias row b is added to every row of the batch, and
//! A = σ(Z) element by element. Row i of A is the layer's output for example i.

use ndarray::{Array1, Array2};

/// One fully connected sigmoid layer.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// Θ: one row per unit, one column per input.
    pub weights: Array2<f64>,
    /// One bias per unit.
    pub bias: Array1<f64>,
}

/// σ(z) = 1 / (1 + e^−z) of every element.
pub fn sigmoid(z: &Array2<f64>) -> Array2<f64> {
    // TODO: apply σ(z) = 1 / (1 + e^−z) to every element (`mapv`).
    todo!()
}

/// A = σ(X·Θᵀ + b) for a batch `x` with one example per row.
pub fn layer_forward(layer: &Layer, x: &Array2<f64>) -> Array2<f64> {
    // TODO: Z = X·Θᵀ + b (`x.dot(&layer.weights.t())`, then add the bias to every row), A = σ(Z).
    todo!()
}

/// The activations of every layer for the batch `x`, the input first and the
/// network's output last.
pub fn forward(layers: &[Layer], x: &Array2<f64>) -> Vec<Array2<f64>> {
    // TODO: start with a copy of the input, then push layer_forward of the last matrix for every layer.
    todo!()
}
