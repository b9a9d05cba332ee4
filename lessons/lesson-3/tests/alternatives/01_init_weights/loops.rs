//! Nested loops with push, ε·2u − ε instead of (2u − 1)·ε.
pub struct Layer {
    pub weights: Vec<Vec<f64>>,
    pub bias: Vec<f64>,
}
pub fn scale_uniform(u: f64, epsilon: f64) -> f64 {
    epsilon * 2.0 * u - epsilon
}
pub fn init_layer(
    units: usize,
    inputs: usize,
    epsilon: f64,
    next_uniform: &mut impl FnMut() -> f64,
) -> Layer {
    let mut weights = Vec::with_capacity(units);
    for _ in 0..units {
        let mut row = Vec::new();
        for _ in 0..inputs {
            let u = next_uniform();
            row.push(scale_uniform(u, epsilon));
        }
        weights.push(row);
    }
    let mut bias = Vec::new();
    bias.resize(units, 0.0);
    Layer { weights, bias }
}
