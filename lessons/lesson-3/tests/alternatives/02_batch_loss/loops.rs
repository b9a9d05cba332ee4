//! Index loops, the batch as one double sum over 2m.
pub fn example_loss(prediction: &[f64], target: &[f64]) -> f64 {
    let mut total = 0.0;
    for k in 0..prediction.len() {
        let d = prediction[k] - target[k];
        total += 0.5 * d * d;
    }
    total
}
pub fn batch_loss(predictions: &[Vec<f64>], targets: &[Vec<f64>]) -> f64 {
    let mut total = 0.0;
    for i in 0..predictions.len() {
        for k in 0..predictions[i].len() {
            total += (predictions[i][k] - targets[i][k]).powi(2);
        }
    }
    total / (2.0 * predictions.len() as f64)
}
