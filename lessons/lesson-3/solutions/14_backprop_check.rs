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
    if relative_error <= 1e-7 {
        Verdict::Good
    } else if relative_error <= 1e-4 {
        Verdict::OkForKinks
    } else if relative_error <= 1e-2 {
        Verdict::Uncomfortable
    } else {
        Verdict::Wrong
    }
}

/// The step h of the central differences.
const H: f64 = 1e-5;

/// The central difference of J in the parameter that `select` picks out of
/// the layers; the parameter is put back as it was.
fn numeric(
    layers: &mut [Layer],
    x: &Array2<f64>,
    y: &Array2<f64>,
    select: impl Fn(&mut [Layer]) -> &mut f64,
) -> f64 {
    let theta = *select(layers);
    *select(layers) = theta + H;
    let plus = loss(layers, x, y);
    *select(layers) = theta - H;
    let minus = loss(layers, x, y);
    *select(layers) = theta;
    (plus - minus) / (2.0 * H)
}

/// The gradient check of `analytic` (shaped like `layers`, e.g. what
/// `backward` returns) against the central differences of `loss` on the
/// batch (`x`, `y`), in every weight and bias. The layers are left as they
/// were.
pub fn check_backprop(
    layers: &mut [Layer],
    x: &Array2<f64>,
    y: &Array2<f64>,
    analytic: &[Layer],
) -> Check {
    let mut errors = Vec::new();
    for l in 0..layers.len() {
        let (units, inputs) = layers[l].weights.dim();
        for row in 0..units {
            for column in 0..inputs {
                let n = numeric(layers, x, y, |ls| &mut ls[l].weights[[row, column]]);
                let a = analytic[l].weights[[row, column]];
                errors.push((
                    relative(a, n),
                    Parameter::Weight {
                        layer: l,
                        row,
                        column,
                    },
                ));
            }
            let n = numeric(layers, x, y, |ls| &mut ls[l].bias[row]);
            let a = analytic[l].bias[row];
            errors.push((
                relative(a, n),
                Parameter::Bias {
                    layer: l,
                    unit: row,
                },
            ));
        }
    }
    let (max_relative_error, worst) = errors
        .into_iter()
        .reduce(|worst, e| {
            if e.0 > worst.0 || e.0.is_nan() {
                e
            } else {
                worst
            }
        })
        .expect("a network has at least one parameter");
    Check {
        max_relative_error,
        worst,
        verdict: verdict(max_relative_error),
    }
}

/// |a − n| / max(|a|, |n|), and 0 when both are 0.
fn relative(a: f64, n: f64) -> f64 {
    let larger = f64::max(a.abs(), n.abs());
    if larger > 0.0 {
        (a - n).abs() / larger
    } else {
        0.0
    }
}
