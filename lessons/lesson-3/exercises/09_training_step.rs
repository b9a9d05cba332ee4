//! Slides "Backpropagation & Gradient descent": one full training step.
//!
//! Every layer computes a = σ(Θ·a_prev + b). For a batch of m examples the loss
//! is J = 1/(2m)·Σ(p − y)². One step runs the forward pass for every example,
//! backpropagates δ from the last layer to the first, averages the gradients
//! over the batch and updates Θ_ij ← Θ_ij − α·(mean of δ_i·a_j), b_i ← b_i − α·(mean of δ_i).

/// One fully connected sigmoid layer.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// Θ: one row per unit, one column per input.
    pub weights: Vec<Vec<f64>>,
    /// One bias per unit.
    pub bias: Vec<f64>,
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The network's output for one example.
pub fn predict(layers: &[Layer], input: &[f64]) -> Vec<f64> {
    // TODO: feed the input through every layer: a = σ(Θ·a + b).
    todo!()
}

/// One full-batch gradient-descent step on J = 1/(2m)·Σ(p − y)²; returns J
/// before the step.
pub fn train_step(
    layers: &mut [Layer],
    inputs: &[Vec<f64>],
    targets: &[Vec<f64>],
    learning_rate: f64,
) -> f64 {
    // TODO: for every example: the forward pass (keep every layer's activations) and its loss
    // (p − y)²/(2m); then δ = p − y and, from the last layer to the first, δ_z = δ ∘ a(1 − a),
    // ∂J/∂Θ_ij += δ_z,i · a_prev,j / m, ∂J/∂b_i += δ_z,i / m, and δ = Θᵀ δ_z for the layer before.
    // Then update every Θ and b by −α times its gradient, and return the loss from before the update.
    todo!()
}
