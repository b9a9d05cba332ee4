//! Wrong: the range [0, ε) instead of [−ε, ε).

/// The weights and biases of one fully connected layer.
pub struct Layer {
    /// Θ: one row per unit, one column per input.
    pub weights: Vec<Vec<f64>>,
    /// One bias per unit.
    pub bias: Vec<f64>,
}

/// Maps a uniform random number `u` from [0, 1) to the range [-epsilon, epsilon).
pub fn scale_uniform(u: f64, epsilon: f64) -> f64 {
    u * epsilon
}

/// A layer of `units` units reading `inputs` values: every weight is
/// `scale_uniform(next_uniform(), epsilon)`, drawn row by row (all of unit 0's
/// weights first), and every bias is zero.
pub fn init_layer(
    units: usize,
    inputs: usize,
    epsilon: f64,
    next_uniform: &mut impl FnMut() -> f64,
) -> Layer {
    let weights = (0..units)
        .map(|_| {
            (0..inputs)
                .map(|_| scale_uniform(next_uniform(), epsilon))
                .collect()
        })
        .collect();
    Layer {
        weights,
        bias: vec![0.0; units],
    }
}
