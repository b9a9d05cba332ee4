//! The scaling written inline in init_layer, biases from an iterator.
pub struct Layer {
    pub weights: Vec<Vec<f64>>,
    pub bias: Vec<f64>,
}
pub fn scale_uniform(u: f64, epsilon: f64) -> f64 {
    2.0 * epsilon * u - epsilon
}
pub fn init_layer(
    units: usize,
    inputs: usize,
    epsilon: f64,
    next_uniform: &mut impl FnMut() -> f64,
) -> Layer {
    let weights: Vec<Vec<f64>> = std::iter::repeat_with(|| {
        std::iter::repeat_with(|| (next_uniform() - 0.5) * 2.0 * epsilon)
            .take(inputs)
            .collect()
    })
    .take(units)
    .collect();
    Layer {
        weights,
        bias: std::iter::repeat(0.0).take(units).collect(),
    }
}
