//! fold, and the mean taken example by example.
pub fn example_loss(prediction: &[f64], target: &[f64]) -> f64 {
    prediction
        .iter()
        .zip(target.iter())
        .fold(0.0, |acc, (p, y)| acc + (y - p) * (y - p) / 2.0)
}
pub fn batch_loss(predictions: &[Vec<f64>], targets: &[Vec<f64>]) -> f64 {
    let m = predictions.len() as f64;
    predictions
        .iter()
        .zip(targets)
        .map(|(p, y)| example_loss(p, y) / m)
        .sum()
}
