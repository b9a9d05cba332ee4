//! The transpose built explicitly, the sum in reverse order.
pub fn sigmoid_prime_from_activation(a: f64) -> f64 {
    (1.0 - a) * a
}
pub fn output_delta(p: &[f64], y: &[f64]) -> Vec<f64> {
    p.iter().enumerate().map(|(k, p)| p - y[k]).collect()
}
pub fn delta_z(delta_p: &[f64], p: &[f64]) -> Vec<f64> {
    delta_p
        .iter()
        .zip(p.iter().map(|p| sigmoid_prime_from_activation(*p)))
        .map(|(d, s)| d * s)
        .collect()
}
pub fn delta_a(theta: &[Vec<f64>], delta_p: &[f64], p: &[f64]) -> Vec<f64> {
    let dz = delta_z(delta_p, p);
    let columns = theta[0].len();
    let transposed: Vec<Vec<f64>> = (0..columns)
        .map(|j| theta.iter().map(|row| row[j]).collect())
        .collect();
    transposed
        .iter()
        .map(|col| col.iter().zip(&dz).rev().map(|(t, d)| t * d).sum())
        .collect()
}
pub fn weight_gradient(delta_p: &[f64], p: &[f64], a: &[f64]) -> Vec<Vec<f64>> {
    delta_z(delta_p, p)
        .into_iter()
        .map(|d| a.iter().map(|a| a * d).collect())
        .collect()
}
