//! Slide "Backpropagation": check your backprop. The analytic gradient of a
//! batch network (`backward`) must agree with the numeric one, the central
//! difference (J(θ + h) − J(θ − h)) / 2h of the batch loss J in every single
//! parameter θ — every weight Θˡ_ij and every bias bˡ_i of every layer, each
//! moved alone while all other parameters are held constant.
//!
//! The comparison is the relative error |a − n| / max(|a|, |n|) of notebook
//! 04 (0 when both are 0), and the worst one decides the verdict: ≤ 1e-7
//! good, ≤ 1e-4 ok only for functions with kinks, ≤ 1e-2 uncomfortable
//! (probably a bug), above (or NaN) wrong.

use ndarray::{Array1, Array2, Axis};

/// One fully connected sigmoid layer; as a gradient, ∂J/∂Θ and ∂J/∂b.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// Θ: one row per unit, one column per input.
    pub weights: Array2<f64>,
    /// One bias per unit.
    pub bias: Array1<f64>,
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The activations of every layer for the batch `x` (one example per row),
/// the input first: Aˡ = σ(Aˡ⁻¹·Θˡᵀ + bˡ).
pub fn forward(layers: &[Layer], x: &Array2<f64>) -> Vec<Array2<f64>> {
    let mut activations = vec![x.clone()];
    for layer in layers {
        let a = &activations[activations.len() - 1];
        let z = a.dot(&layer.weights.t()) + &layer.bias;
        activations.push(z.mapv(sigmoid));
    }
    activations
}

/// The batch loss J = 1/(2m)·Σ(P − Y)² of the network on (`x`, `y`).
pub fn loss(layers: &[Layer], x: &Array2<f64>, y: &Array2<f64>) -> f64 {
    let activations = forward(layers, x);
    let p = &activations[activations.len() - 1];
    (p - y).mapv(|d| d * d).sum() / (2.0 * x.nrows() as f64)
}

/// Backpropagation: ∂J/∂Θ and ∂J/∂b of every layer, shaped like the layers.
/// δ_p = P − Y; in each layer, from the last down, δ_z = δ ∘ A(1 − A),
/// ∂J/∂Θ = δ_zᵀ·Aˡ⁻¹/m, ∂J/∂b = the column sums of δ_z over m, and the δ of
/// the layer below is δ_z·Θ.
pub fn backward(layers: &[Layer], x: &Array2<f64>, y: &Array2<f64>) -> Vec<Layer> {
    let m = x.nrows() as f64;
    let activations = forward(layers, x);
    let mut delta = &activations[layers.len()] - y;
    let mut gradients = Vec::with_capacity(layers.len());
    for (l, layer) in layers.iter().enumerate().rev() {
        let a = &activations[l + 1];
        let delta_z = &delta * &a.mapv(|a| a * (1.0 - a));
        gradients.push(Layer {
            weights: delta_z.t().dot(&activations[l]) / m,
            bias: delta_z.sum_axis(Axis(0)) / m,
        });
        delta = delta_z.dot(&layer.weights);
    }
    gradients.reverse();
    gradients
}

/// Notebook 04's verdict on a relative error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// ≤ 1e-7: the gradient is right.
    Good,
    /// ≤ 1e-4: fine for functions with kinks (ReLU), too high for sigmoids.
    OkForKinks,
    /// ≤ 1e-2: probably a bug.
    Uncomfortable,
    /// Above 1e-2, or NaN: the gradient is wrong.
    Wrong,
}

/// One parameter of the network; `layer` is its index in the slice of layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parameter {
    /// The weight Θ[row][column] of a layer.
    Weight {
        /// The layer's index.
        layer: usize,
        /// The unit.
        row: usize,
        /// The input.
        column: usize,
    },
    /// The bias b[unit] of a layer.
    Bias {
        /// The layer's index.
        layer: usize,
        /// The unit.
        unit: usize,
    },
}

/// The result of a gradient check.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Check {
    /// The largest relative error over all parameters.
    pub max_relative_error: f64,
    /// The parameter with that error.
    pub worst: Parameter,
    /// The verdict on the largest error.
    pub verdict: Verdict,
}

/// The verdict's band for a relative error (its upper bounds belong to it).
pub fn verdict(relative_error: f64) -> Verdict {
    match relative_error {
        e if e > 1e-2 || e.is_nan() => Verdict::Wrong,
        e if e > 1e-4 => Verdict::Uncomfortable,
        e if e > 1e-7 => Verdict::OkForKinks,
        _ => Verdict::Good,
    }
}

/// The gradient check of `analytic` against the central differences of
/// `loss`: every parameter moved on a copy of the network, the last layer
/// first and each layer's biases before its weights.
pub fn check_backprop(
    layers: &mut [Layer],
    x: &Array2<f64>,
    y: &Array2<f64>,
    analytic: &[Layer],
) -> Check {
    let h = 1e-6;
    let mut parameters = Vec::new();
    for (layer, l) in layers.iter().enumerate().rev() {
        parameters.extend((0..l.bias.len()).map(|unit| Parameter::Bias { layer, unit }));
        for ((row, column), _) in l.weights.indexed_iter() {
            parameters.push(Parameter::Weight { layer, row, column });
        }
    }
    let gradient = |net: &[Layer], p: Parameter| match p {
        Parameter::Weight { layer, row, column } => net[layer].weights[[row, column]],
        Parameter::Bias { layer, unit } => net[layer].bias[unit],
    };
    let mut worst: Option<(f64, Parameter)> = None;
    for p in parameters {
        let moved = |by: f64| {
            let mut copy = layers.to_vec();
            match p {
                Parameter::Weight { layer, row, column } => {
                    copy[layer].weights[[row, column]] += by
                }
                Parameter::Bias { layer, unit } => copy[layer].bias[unit] += by,
            }
            loss(&copy, x, y)
        };
        let n = (moved(h) - moved(-h)) / (2.0 * h);
        let a = gradient(analytic, p);
        let error = if a == 0.0 && n == 0.0 {
            0.0
        } else if a.abs() >= n.abs() {
            (a - n).abs() / a.abs()
        } else {
            (a - n).abs() / n.abs()
        };
        if worst.is_none_or(|(e, _)| error > e || error.is_nan()) {
            worst = Some((error, p));
        }
    }
    let (max_relative_error, worst) = worst.expect("at least one parameter");
    Check {
        max_relative_error,
        worst,
        verdict: verdict(max_relative_error),
    }
}
