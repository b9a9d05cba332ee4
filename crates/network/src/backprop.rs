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
//!
//! The buffers are stored column by column (one unit's values for all the
//! batch's examples side by side), so that for the lecture's tiny layers the
//! products and σ run along long contiguous columns; large layers' products
//! go to matrixmultiply, as ndarray's `dot` does.

use crate::network::{Gradients, Layer, sigmoid, sigmoid_prime};
use ndarray::linalg::general_mat_mul;
use ndarray::{Array1, Array2, ArrayView2, ArrayViewMut2, Axis, ShapeBuilder, Slice, Zip};
use wide::{CmpLt, f64x4};

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
                .map(|&units| Array2::zeros((capacity, units).f()))
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
            mat_mul(1.0, &input, &layer.weights.t(), 0.0, &mut a);
            add_bias_and_sigmoid(a, &layer.bias);
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
            mat_mul(
                1.0 / m as f64,
                &delta.t(),
                &input,
                0.0,
                &mut grads.weights[l].view_mut(),
            );
            // ∂J/∂bˡ_i = 1/m Σ δ_i.
            Zip::from(&mut grads.bias[l])
                .and(delta.columns())
                .for_each(|g, column| *g = column.sum() / m as f64);
            if let Some(delta_below) = below.last_mut() {
                // δ_a = (Θˡ)ᵀ δˡ, for rows δˡ Θˡ; then δˡ⁻¹ = δ_a ∘ σ'(zˡ⁻¹).
                let mut delta_below = first_rows_mut(delta_below, m);
                mat_mul(
                    1.0,
                    &delta,
                    &layers[l].weights.view(),
                    0.0,
                    &mut delta_below,
                );
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

/// Products with at most this many multiply-adds (m·k·n) are computed with
/// ndarray's `dot` and `scaled_add`: for the lecture's tiny layers the
/// packing that matrixmultiply does before every product costs more than
/// the arithmetic.
const SMALL_PRODUCT: usize = 4096;

/// Whether a product of (m, k) and (k, n) matrices counts as small.
pub(crate) fn is_small_product(m: usize, k: usize, n: usize) -> bool {
    m * k * n <= SMALL_PRODUCT
}

/// C ← α A B + β C for A of shape (m, k) and B of shape (k, n).
fn mat_mul(
    alpha: f64,
    a: &ArrayView2<f64>,
    b: &ArrayView2<f64>,
    beta: f64,
    c: &mut ArrayViewMut2<f64>,
) {
    let ((m, k), n) = (a.dim(), b.ncols());
    // β = 0 ignores what C held, as in BLAS.
    let keep = |c: f64| if beta == 0.0 { 0.0 } else { beta * c };
    if !is_small_product(m, k, n) {
        general_mat_mul(alpha, a, b, beta, c);
    } else if k >= m {
        // Long inner products: c_ij = α (row i of A) · (column j of B) + β c_ij.
        for ((i, j), c) in c.indexed_iter_mut() {
            *c = alpha * a.row(i).dot(&b.column(j)) + keep(*c);
        }
    } else {
        // Long columns: column j of C = α Σ_p B_pj (column p of A) + β (column j of C).
        for (mut c, b) in c.columns_mut().into_iter().zip(b.columns()) {
            c.mapv_inplace(keep);
            for (a, &b) in a.columns().into_iter().zip(&b) {
                c.scaled_add(alpha * b, &a);
            }
        }
    }
}

/// aˡ = σ(z + bˡ) in place, where `z` holds aˡ⁻¹ (Θˡ)ᵀ: one unit (column)
/// at a time, since each column of the buffers is one contiguous slice.
fn add_bias_and_sigmoid(mut z: ArrayViewMut2<f64>, bias: &Array1<f64>) {
    for (mut column, &b) in z.columns_mut().into_iter().zip(bias) {
        match column.as_slice_mut() {
            Some(column) => sigmoid_of_slice(column, b),
            None => column.mapv_inplace(|z| sigmoid(z + b)),
        }
    }
}

/// Below this |z|, σ(z) = 1 / (1 + e⁻ᶻ) is computed four at a time with
/// `wide`'s vectorised exp, which is only defined for |x| < 708; beyond it
/// (and for NaN) each entry goes through [`sigmoid`].
const VECTOR_EXP_RANGE: f64 = 700.0;

/// σ(z + b) for every entry z of a slice: the formula of [`sigmoid`], with
/// four exponentials at a time, as numpy's `exp` does for whole arrays.
fn sigmoid_of_slice(zs: &mut [f64], b: f64) {
    let mut chunks = zs.chunks_exact_mut(4);
    for chunk in &mut chunks {
        let z = f64x4::new([chunk[0], chunk[1], chunk[2], chunk[3]]) + b;
        if z.abs().cmp_lt(VECTOR_EXP_RANGE).all() {
            chunk.copy_from_slice(&(1.0 / (1.0 + (-z).exp())).to_array());
        } else {
            chunk.iter_mut().for_each(|z| *z = sigmoid(*z + b));
        }
    }
    for z in chunks.into_remainder() {
        *z = sigmoid(*z + b);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A matrix of given shape with varied entries of both signs.
    fn matrix(rows: usize, columns: usize, seed: f64) -> Array2<f64> {
        Array2::from_shape_fn((rows, columns), |(i, j)| {
            ((i * 7 + j * 13) as f64 * 0.37 + seed).sin()
        })
    }

    #[test]
    fn small_products_agree_with_matrixmultiply() {
        // The lecture's five products, both ways of computing small ones.
        for (m, k, n) in [
            (200, 2, 4),
            (200, 4, 1),
            (4, 200, 2),
            (1, 200, 4),
            (200, 1, 4),
        ] {
            assert!(is_small_product(m, k, n));
            let (a, b) = (matrix(m, k, 0.1), matrix(k, n, 0.2));
            for beta in [0.0, 1.0] {
                let mut expected = matrix(m, n, 0.3);
                general_mat_mul(0.5, &a, &b, beta, &mut expected);
                // β = 0 must ignore what C held, even NaN.
                let mut c = if beta == 0.0 {
                    Array2::from_elem((m, n), f64::NAN)
                } else {
                    matrix(m, n, 0.3)
                };
                mat_mul(0.5, &a.view(), &b.view(), beta, &mut c.view_mut());
                for (c, e) in c.iter().zip(&expected) {
                    assert!((c - e).abs() < 1e-12, "{m}x{k}x{n}, β = {beta}: {c} vs {e}");
                }
            }
        }
    }

    #[test]
    fn vectorised_sigmoid_agrees_with_the_formula() {
        let mut zs: Vec<f64> = (-160..=160).map(|i| i as f64 * 0.25).collect();
        zs.extend([
            -800.0,
            -700.5,
            -699.0,
            699.0,
            700.5,
            800.0,
            f64::NAN,
            1e-300,
        ]);
        // Every remainder of the chunks of four.
        for len in zs.len() - 4..=zs.len() {
            let mut a = zs[..len].to_vec();
            sigmoid_of_slice(&mut a, 0.5);
            for (&a, &z) in a.iter().zip(&zs) {
                let expected = sigmoid(z + 0.5);
                if expected.is_nan() {
                    assert!(a.is_nan(), "σ(NaN) = {a}");
                } else {
                    assert!(
                        (a - expected).abs() <= 1e-15,
                        "σ({z} + 0.5) = {a}, not {expected}"
                    );
                }
            }
        }
    }
}
