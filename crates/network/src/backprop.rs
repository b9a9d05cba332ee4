//! Backpropagation in matrix form (slide "Backpropagation"), written into
//! buffers that are allocated once and reused for every batch.
//!
//! For a batch of m examples, one per row, and layer l with activations aˡ:
//!
//! - forward: aˡ = σ(aˡ⁻¹ (Θˡ)ᵀ + bˡ), with a⁰ = x and aᴸ = p;
//! - output layer: δ_p = p − y is the gradient of the loss with respect to
//!   p, and δᴸ = δ_p ∘ σ'(zᴸ) the one with respect to zᴸ;
//! - going down: δ_a = (Θˡ)ᵀ δˡ is the gradient with respect to aˡ⁻¹ (for
//!   rows: δˡ Θˡ), and δˡ⁻¹ = δ_a ∘ σ'(zˡ⁻¹);
//! - gradients: ∂J/∂Θˡ_ij = a_j δ_i averaged over the batch, that is
//!   1/m (δˡ)ᵀ aˡ⁻¹, and ∂J/∂bˡ = 1/m Σ δˡ.
//!
//! σ'(z) = a (1 − a) is computed from the stored activations, so z is never
//! kept.

use crate::network::{Gradients, Layer, sigmoid, sigmoid_prime};
use ndarray::linalg::general_mat_mul;
use ndarray::{Array2, ArrayView2, ArrayViewMut2, Axis, Slice, Zip};

/// Activations, deltas and gradients for batches of up to `capacity` rows.
#[derive(Clone, Debug)]
pub(crate) struct Buffers {
    /// aˡ for l = 1..=L, each (capacity, units in l).
    activations: Vec<Array2<f64>>,
    /// δˡ for l = 1..=L, each (capacity, units in l): row k is the gradient of
    /// example k's loss ½(p − y)² with respect to zˡ.
    deltas: Vec<Array2<f64>>,
    /// ∂J/∂Θˡ and ∂J/∂bˡ of the last batch.
    pub(crate) grads: Gradients,
}

impl Buffers {
    /// Buffers for a network of `sizes` and batches of up to `capacity` rows.
    pub(crate) fn new(sizes: &[usize], capacity: usize) -> Self {
        let per_layer = || {
            sizes[1..]
                .iter()
                .map(|&units| Array2::zeros((capacity, units)))
                .collect()
        };
        Buffers {
            activations: per_layer(),
            deltas: per_layer(),
            grads: Gradients::zeros(sizes),
        }
    }

    /// The forward pass for the m rows of `x` (m ≤ capacity).
    pub(crate) fn forward(&mut self, layers: &[Layer], x: ArrayView2<f64>) {
        let m = x.nrows();
        for (l, layer) in layers.iter().enumerate() {
            let (below, rest) = self.activations.split_at_mut(l);
            let input = match below.last() {
                Some(a) => first_rows(a, m),
                None => x.view(),
            };
            let mut a = first_rows_mut(&mut rest[0], m);
            // zˡ = aˡ⁻¹ (Θˡ)ᵀ + bˡ, then aˡ = σ(zˡ), in place.
            general_mat_mul(1.0, &input, &layer.weights.t(), 0.0, &mut a);
            Zip::from(&mut a)
                .and_broadcast(&layer.bias)
                .for_each(|a, &b| *a = sigmoid(*a + b));
        }
    }

    /// Backpropagation after [`forward`](Self::forward) on the same `x`:
    /// fills the gradients and returns the loss J = 1/(2m) Σ (p − y)².
    pub(crate) fn backward(
        &mut self,
        layers: &[Layer],
        x: ArrayView2<f64>,
        y: ArrayView2<f64>,
    ) -> f64 {
        let m = x.nrows();
        let last = layers.len() - 1;
        let Buffers {
            activations,
            deltas,
            grads,
        } = self;

        // Output layer: δ_p = p − y, and δᴸ = δ_p ∘ σ'(zᴸ).
        let mut squared_error = 0.0;
        Zip::from(first_rows_mut(&mut deltas[last], m))
            .and(first_rows(&activations[last], m))
            .and(y)
            .for_each(|delta, &p, &y| {
                let delta_p = p - y;
                squared_error += delta_p * delta_p;
                *delta = delta_p * sigmoid_prime(p);
            });

        for l in (0..=last).rev() {
            let input = if l == 0 {
                x.view()
            } else {
                first_rows(&activations[l - 1], m)
            };
            let (below, rest) = deltas.split_at_mut(l);
            let delta = first_rows(&rest[0], m);
            // ∂J/∂Θˡ_ij = 1/m Σ a_j δ_i: all at once, 1/m (δˡ)ᵀ aˡ⁻¹.
            general_mat_mul(
                1.0 / m as f64,
                &delta.t(),
                &input,
                0.0,
                &mut grads.weights[l],
            );
            // ∂J/∂bˡ_i = 1/m Σ δ_i.
            Zip::from(&mut grads.bias[l])
                .and(delta.columns())
                .for_each(|g, column| *g = column.sum() / m as f64);
            if let Some(delta_below) = below.last_mut() {
                // δ_a = (Θˡ)ᵀ δˡ, for rows δˡ Θˡ; then δˡ⁻¹ = δ_a ∘ σ'(zˡ⁻¹).
                let mut delta_below = first_rows_mut(delta_below, m);
                general_mat_mul(1.0, &delta, &layers[l].weights, 0.0, &mut delta_below);
                Zip::from(&mut delta_below)
                    .and(&input)
                    .for_each(|d, &a| *d *= sigmoid_prime(a));
            }
        }
        squared_error / (2.0 * m as f64)
    }

    /// The activations a¹ … aᴸ (all rows of the buffers).
    pub(crate) fn into_activations(self) -> Vec<Array2<f64>> {
        self.activations
    }

    /// The gradients of the last [`backward`](Self::backward).
    pub(crate) fn into_gradients(self) -> Gradients {
        self.grads
    }
}

/// The first `m` rows of a buffer.
pub(crate) fn first_rows(buffer: &Array2<f64>, m: usize) -> ArrayView2<'_, f64> {
    buffer.slice_axis(Axis(0), Slice::from(..m))
}

/// The first `m` rows of a buffer, to write into.
pub(crate) fn first_rows_mut(buffer: &mut Array2<f64>, m: usize) -> ArrayViewMut2<'_, f64> {
    buffer.slice_axis_mut(Axis(0), Slice::from(..m))
}
