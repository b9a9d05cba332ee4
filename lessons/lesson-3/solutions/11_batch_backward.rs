//! Slide "Backpropagation", in vectorized form for a batch of m examples.
//!
//! The batch's activations are matrices with one row per example. For the loss
//! J = 1/(2m)·Σ(P − Y)² the output layer's δ is P − Y (one row per example).
//! Through a sigmoid layer with input A (m × inputs) and output P = σ(A·Θᵀ + b):
//! δ_z = δ ∘ P ∘ (1 − P), δ_a = δ_z·Θ, the δ of the layer's input (the transpose of
//! Θᵀ·δ_z for one example), ∂J/∂Θ = δ_zᵀ·A / m and ∂J/∂b = the column means of δ_z.

use ndarray::{Array1, Array2, Axis};

/// δ_P = P − Y for the whole batch.
pub fn output_delta(p: &Array2<f64>, y: &Array2<f64>) -> Array2<f64> {
    p - y
}

/// δ_z = δ ∘ σ'(z) = δ ∘ P ∘ (1 − P), element by element, from the layer's output P.
pub fn delta_z(delta: &Array2<f64>, p: &Array2<f64>) -> Array2<f64> {
    delta * p * &p.mapv(|p| 1.0 - p)
}

/// δ_a = δ_z·Θ, the δ of the layer's input A (m × inputs).
pub fn delta_a(delta_z: &Array2<f64>, theta: &Array2<f64>) -> Array2<f64> {
    delta_z.dot(theta)
}

/// ∂J/∂Θ = δ_zᵀ·A / m, shaped like Θ (units × inputs).
pub fn weight_gradient(delta_z: &Array2<f64>, a: &Array2<f64>) -> Array2<f64> {
    delta_z.t().dot(a) / delta_z.nrows() as f64
}

/// ∂J/∂b: the mean of δ_z over the batch, one value per unit.
pub fn bias_gradient(delta_z: &Array2<f64>) -> Array1<f64> {
    delta_z.sum_axis(Axis(0)) / delta_z.nrows() as f64
}
