//! Slide "Backpropagation": δ for one layer in matrix form.
//!
//! A layer computes p = σ(z_p) with z_p = Θ·a + b; Θ has one row per unit of p
//! and one column per unit of a. For one example with loss J = 1/2·Σ(p − y)²:
//! δ_p = p − y, δ_a = Θᵀ (δ_p ∘ σ'(z_p)) and ∂J/∂Θ_ij = (δ_p ∘ σ'(z_p))_i · a_j,
//! where σ'(z) = σ(z)(1 − σ(z)) comes from the activation p itself.

/// σ'(z) from the activation a = σ(z): a · (1 − a).
pub fn sigmoid_prime_from_activation(a: f64) -> f64 {
    a * (1.0 - a)
}

/// δ_p = p − y.
pub fn output_delta(p: &[f64], y: &[f64]) -> Vec<f64> {
    p.iter().zip(y).map(|(p, y)| p - y).collect()
}

/// δ_p ∘ σ'(z_p): the gradient with respect to z_p.
pub fn delta_z(delta_p: &[f64], p: &[f64]) -> Vec<f64> {
    delta_p
        .iter()
        .zip(p)
        .map(|(d, p)| d * sigmoid_prime_from_activation(*p))
        .collect()
}

/// δ_a = Θᵀ (δ_p ∘ σ'(z_p)), with `theta` of shape (units of p, units of a).
pub fn delta_a(theta: &[Vec<f64>], delta_p: &[f64], p: &[f64]) -> Vec<f64> {
    let dz = delta_z(delta_p, p);
    let inputs = theta.first().map_or(0, Vec::len);
    (0..inputs)
        .map(|j| theta.iter().zip(&dz).map(|(row, d)| row[j] * d).sum())
        .collect()
}

/// ∂J/∂Θ_ij = (δ_p ∘ σ'(z_p))_i · a_j, a matrix shaped like Θ.
pub fn weight_gradient(delta_p: &[f64], p: &[f64], a: &[f64]) -> Vec<Vec<f64>> {
    delta_z(delta_p, p)
        .iter()
        .map(|d| a.iter().map(|a| d * a).collect())
        .collect()
}
