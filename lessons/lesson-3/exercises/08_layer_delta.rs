//! Slide "Backpropagation": δ for one layer in matrix form.
//!
//! A layer computes p = σ(z_p) with z_p = Θ·a + b; Θ has one row per unit of p
//! and one column per unit of a. For one example with loss J = 1/2·Σ(p − y)²:
//! δ_p = p − y, δ_a = Θᵀ (δ_p ∘ σ'(z_p)) and ∂J/∂Θ_ij = (δ_p ∘ σ'(z_p))_i · a_j,
//! where σ'(z) = σ(z)(1 − σ(z)) comes from the activation p itself.

/// σ'(z) from the activation a = σ(z): a · (1 − a).
pub fn sigmoid_prime_from_activation(a: f64) -> f64 {
    // TODO: σ'(z) = σ(z)·(1 − σ(z)), and σ(z) is the activation a.
    todo!()
}

/// δ_p = p − y.
pub fn output_delta(p: &[f64], y: &[f64]) -> Vec<f64> {
    // TODO: p − y, element by element.
    todo!()
}

/// δ_p ∘ σ'(z_p): the gradient with respect to z_p.
pub fn delta_z(delta_p: &[f64], p: &[f64]) -> Vec<f64> {
    // TODO: multiply δ_p element by element with σ'(z_p), computed from p.
    todo!()
}

/// δ_a = Θᵀ (δ_p ∘ σ'(z_p)), with `theta` of shape (units of p, units of a).
pub fn delta_a(theta: &[Vec<f64>], delta_p: &[f64], p: &[f64]) -> Vec<f64> {
    // TODO: δ_a = Θᵀ (δ_p ∘ σ'(z_p)): one value per column j of Θ,
    // the sum over rows i of Θ_ij · (δ_p ∘ σ'(z_p))_i.
    todo!()
}

/// ∂J/∂Θ_ij = (δ_p ∘ σ'(z_p))_i · a_j, a matrix shaped like Θ.
pub fn weight_gradient(delta_p: &[f64], p: &[f64], a: &[f64]) -> Vec<Vec<f64>> {
    // TODO: a matrix shaped like Θ: row i, column j holds (δ_p ∘ σ'(z_p))_i · a_j.
    todo!()
}
