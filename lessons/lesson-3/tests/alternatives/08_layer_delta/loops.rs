//! Index loops throughout.
pub fn sigmoid_prime_from_activation(a: f64) -> f64 {
    a - a * a
}
pub fn output_delta(p: &[f64], y: &[f64]) -> Vec<f64> {
    let mut d = vec![0.0; p.len()];
    for k in 0..p.len() {
        d[k] = p[k] - y[k];
    }
    d
}
pub fn delta_z(delta_p: &[f64], p: &[f64]) -> Vec<f64> {
    (0..p.len())
        .map(|k| delta_p[k] * p[k] * (1.0 - p[k]))
        .collect()
}
pub fn delta_a(theta: &[Vec<f64>], delta_p: &[f64], p: &[f64]) -> Vec<f64> {
    let dz = delta_z(delta_p, p);
    let mut out = vec![0.0; theta[0].len()];
    for i in 0..theta.len() {
        for j in 0..theta[i].len() {
            out[j] += theta[i][j] * dz[i];
        }
    }
    out
}
pub fn weight_gradient(delta_p: &[f64], p: &[f64], a: &[f64]) -> Vec<Vec<f64>> {
    let dz = delta_z(delta_p, p);
    let mut g = vec![vec![0.0; a.len()]; dz.len()];
    for i in 0..dz.len() {
        for j in 0..a.len() {
            g[i][j] = a[j] * dz[i];
        }
    }
    g
}
