//! Wrong: the batch loss summed, not averaged.

/// The squared-error loss of one example: 1/2 · Σ_k (p_k − y_k)².
pub fn example_loss(prediction: &[f64], target: &[f64]) -> f64 {
    prediction
        .iter()
        .zip(target)
        .map(|(p, y)| (p - y).powi(2))
        .sum::<f64>()
        / 2.0
}

/// The loss of a batch, one row per example: 1/(2m) · Σ_i Σ_k (p_ik − y_ik)².
pub fn batch_loss(predictions: &[Vec<f64>], targets: &[Vec<f64>]) -> f64 {
    let m = predictions.len() as f64;
    predictions
        .iter()
        .zip(targets)
        .map(|(p, y)| example_loss(p, y))
        .sum::<f64>()
}
