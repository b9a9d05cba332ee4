//! Backpropagation in matrix form (slide "Backpropagation"), the same
//! computation as the textbook `network::Network::backward`, written into
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
//! products and σ run along long contiguous columns (the loops of
//! [`crate::vector`]); large layers' products go to the `gemm` crate.

use crate::vector::{add_bias_and_sigmoid, dot, scaled_add, sum, times_sigmoid_prime};
use ndarray::{Array1, Array2, ArrayView2, ArrayViewMut2, Axis, ShapeBuilder, Slice};
use network::{Gradients, Layer};

/// A matrix of up to `capacity` rows stored column by column, each column
/// starting on a 64-byte boundary: a cache line, and the width of an
/// AVX-512 register, which then loads and stores whole lines at once.
#[derive(Debug)]
pub(crate) struct Columns {
    /// Columns of a multiple of 8 rows (8 × 8 bytes = 64), with 8 rows to
    /// spare for moving the start to a boundary.
    data: Array2<f64>,
    /// The first row used: the first one on a 64-byte boundary.
    start: usize,
}

impl Columns {
    /// Zeros for up to `capacity` rows and the given number of columns.
    pub(crate) fn zeros(capacity: usize, columns: usize) -> Self {
        let rows = capacity.next_multiple_of(8) + 8;
        let data = Array2::zeros((rows, columns).f());
        let offset = data.as_ptr() as usize % 64 / size_of::<f64>();
        Columns {
            data,
            start: (8 - offset) % 8,
        }
    }

    /// The first `m` rows.
    pub(crate) fn rows(&self, m: usize) -> ArrayView2<'_, f64> {
        self.data
            .slice_axis(Axis(0), Slice::from(self.start..self.start + m))
    }

    /// The first `m` rows, to write into.
    pub(crate) fn rows_mut(&mut self, m: usize) -> ArrayViewMut2<'_, f64> {
        self.data
            .slice_axis_mut(Axis(0), Slice::from(self.start..self.start + m))
    }
}

/// A copy whose columns start on boundaries of its own memory.
impl Clone for Columns {
    fn clone(&self) -> Self {
        let (rows, columns) = (self.data.nrows() - 8, self.data.ncols());
        let mut copy = Columns::zeros(rows, columns);
        copy.rows_mut(rows).assign(&self.rows(rows));
        copy
    }
}

/// Activations, deltas and gradients for batches of up to `capacity` rows.
#[derive(Clone, Debug)]
pub(crate) struct Buffers {
    /// aˡ for l = 1..=L, each (capacity, units in l).
    activations: Vec<Columns>,
    /// δˡ for l = 1..=L, each (capacity, units in l): row k is the gradient of
    /// example k's loss ½(p − y)² with respect to zˡ.
    deltas: Vec<Columns>,
    /// The number of rows of the last forward pass.
    rows: usize,
    /// ∂J/∂Θˡ and ∂J/∂bˡ of the last batch.
    pub(crate) grads: Gradients,
}

impl Buffers {
    /// Buffers for a network of `sizes` and batches of up to `capacity` rows.
    pub(crate) fn new(sizes: &[usize], capacity: usize) -> Self {
        let per_layer = || {
            sizes[1..]
                .iter()
                .map(|&units| Columns::zeros(capacity, units))
                .collect()
        };
        Buffers {
            activations: per_layer(),
            deltas: per_layer(),
            rows: 0,
            grads: Gradients {
                weights: sizes
                    .windows(2)
                    .map(|pair| Array2::zeros((pair[1], pair[0])))
                    .collect(),
                bias: sizes[1..]
                    .iter()
                    .map(|&units| Array1::zeros(units))
                    .collect(),
            },
        }
    }

    /// The forward pass for the m rows of `x` (m ≤ capacity).
    pub(crate) fn forward(&mut self, layers: &[Layer], x: ArrayView2<f64>) {
        let m = x.nrows();
        self.rows = m;
        for (l, layer) in layers.iter().enumerate() {
            let (below, rest) = self.activations.split_at_mut(l);
            let input = match below.last() {
                Some(a) => a.rows(m),
                None => x.view(),
            };
            let mut a = rest[0].rows_mut(m);
            // zˡ = aˡ⁻¹ (Θˡ)ᵀ + bˡ, then aˡ = σ(zˡ), in place.
            mat_mul(1.0, &input, &layer.weights.t(), 0.0, &mut a);
            for (column, &b) in a.columns_mut().into_iter().zip(&layer.bias) {
                add_bias_and_sigmoid(column, b);
            }
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
            ..
        } = self;
        // δ_z of the output layer, then from the top down: each layer's
        // gradients, and δ_z of the layer below it (through δ_a).
        let squared_error = output_delta(deltas[last].rows_mut(m), activations[last].rows(m), y);
        for l in (0..=last).rev() {
            let input = if l == 0 {
                x.view()
            } else {
                activations[l - 1].rows(m)
            };
            let (below, rest) = deltas.split_at_mut(l);
            let delta_z = rest[0].rows(m);
            layer_gradients(delta_z, input, &mut grads.weights[l], &mut grads.bias[l]);
            if let Some(below) = below.last_mut() {
                delta_z_below(delta_z, &layers[l].weights, input, below.rows_mut(m));
            }
        }
        squared_error / (2.0 * m as f64)
    }

    /// The activations a⁰ = x, a¹, …, aᴸ of the last forward pass on `x`.
    pub(crate) fn into_activations(self, x: ArrayView2<f64>) -> Vec<Array2<f64>> {
        let m = self.rows;
        std::iter::once(x.to_owned())
            .chain(self.activations.iter().map(|a| a.rows(m).to_owned()))
            .collect()
    }

    /// The gradients of the last [`backward`](Self::backward).
    pub(crate) fn into_gradients(self) -> Gradients {
        self.grads
    }
}

/// The output layer's δ_z into `delta_z`, a column (one output unit) at a
/// time: δ_p = p − y, and δ_z = δ_p ∘ σ'(zᴸ). Returns Σ (p − y)² over the
/// batch and the output units.
fn output_delta(mut delta_z: ArrayViewMut2<f64>, p: ArrayView2<f64>, y: ArrayView2<f64>) -> f64 {
    let mut squared_error = 0.0;
    for ((mut delta, p), y) in delta_z
        .columns_mut()
        .into_iter()
        .zip(p.columns())
        .zip(y.columns())
    {
        delta.assign(&p); // δ_p = p − y, then δ_z = δ_p ∘ σ'
        scaled_add(delta.view_mut(), -1.0, y, 1.0);
        squared_error += dot(delta.view(), delta.view());
        times_sigmoid_prime(delta, p);
    }
    squared_error
}

/// The gradients of layer l from its δ_z (m rows) and its input aˡ⁻¹:
/// ∂J/∂Θˡ and ∂J/∂bˡ, averaged over the batch.
fn layer_gradients(
    delta_z: ArrayView2<f64>,
    input: ArrayView2<f64>,
    grad_weights: &mut Array2<f64>,
    grad_bias: &mut Array1<f64>,
) {
    let m = delta_z.nrows() as f64;
    // ∂J/∂Θˡ_ij = 1/m Σ a_j δ_i: all at once, 1/m (δ_z)ᵀ aˡ⁻¹.
    mat_mul(
        1.0 / m,
        &delta_z.t(),
        &input,
        0.0,
        &mut grad_weights.view_mut(),
    );
    // ∂J/∂bˡ_i = 1/m Σ δ_i.
    for (g, column) in grad_bias.iter_mut().zip(delta_z.columns()) {
        *g = sum(column) / m;
    }
}

/// δ_z of layer l−1 into `below` from layer l's δ_z, Θˡ and aˡ⁻¹ (`input`):
/// δ_a = (Θˡ)ᵀ δ_z, for rows δ_z Θˡ; then δ_z of l−1 = δ_a ∘ σ'(zˡ⁻¹).
fn delta_z_below(
    delta_z: ArrayView2<f64>,
    weights: &Array2<f64>,
    input: ArrayView2<f64>,
    mut below: ArrayViewMut2<f64>,
) {
    mat_mul(1.0, &delta_z, &weights.view(), 0.0, &mut below);
    for (d, a) in below.columns_mut().into_iter().zip(input.columns()) {
        times_sigmoid_prime(d, a);
    }
}

/// Products with at most this many multiply-adds (m·k·n) are computed
/// column by column with the loops of [`crate::vector`]: for the lecture's
/// tiny layers, the packing into blocks that a general matrix product does
/// first costs more than the arithmetic.
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
        large_mat_mul(alpha, a, b, beta, c);
    } else if k >= m {
        // Long inner products: c_ij = α (row i of A) · (column j of B) + β c_ij.
        for ((i, j), c) in c.indexed_iter_mut() {
            *c = alpha * dot(a.row(i), b.column(j)) + keep(*c);
        }
    } else {
        // Long columns: column j of C = α Σ_p B_pj (column p of A) + β (column j
        // of C), adding one term at a time; the first one brings in β.
        for (mut c, b) in c.columns_mut().into_iter().zip(b.columns()) {
            let mut beta = beta;
            for (a, &b) in a.columns().into_iter().zip(&b) {
                scaled_add(c.view_mut(), alpha * b, a, beta);
                beta = 1.0;
            }
            if k == 0 {
                c.mapv_inplace(keep);
            }
        }
    }
}

/// C ← α A B + β C with the `gemm` crate, on all cores, with the widest
/// vector instructions the processor has (AVX-512 included).
#[allow(unsafe_code)]
fn large_mat_mul(
    alpha: f64,
    a: &ArrayView2<f64>,
    b: &ArrayView2<f64>,
    beta: f64,
    c: &mut ArrayViewMut2<f64>,
) {
    let ((m, k), n) = (a.dim(), b.ncols());
    assert_eq!((b.nrows(), c.dim()), (k, (m, n)), "shapes of a product");
    let [a_rows, a_columns] = [a.strides()[0], a.strides()[1]];
    let [b_rows, b_columns] = [b.strides()[0], b.strides()[1]];
    let [c_rows, c_columns] = [c.strides()[0], c.strides()[1]];
    // SAFETY: the three pointers and their strides come from views of the
    // shapes checked above, so every element gemm reads or writes is inside
    // them; C is borrowed mutably, so it overlaps neither A nor B.
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            c.as_mut_ptr(),
            c_columns,
            c_rows,
            beta != 0.0,
            a.as_ptr(),
            a_columns,
            a_rows,
            b.as_ptr(),
            b_columns,
            b_rows,
            // gemm computes dst ← α dst + β lhs rhs: the names are swapped.
            beta,
            alpha,
            false,
            false,
            false,
            gemm::Parallelism::Rayon(0),
        );
    }
}

/// The first `m` rows of a matrix.
pub(crate) fn first_rows(matrix: &Array2<f64>, m: usize) -> ArrayView2<'_, f64> {
    matrix.slice_axis(Axis(0), Slice::from(..m))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A matrix of given shape with varied entries of both signs, stored
    /// row by row or column by column.
    fn matrix(rows: usize, columns: usize, seed: f64, by_columns: bool) -> Array2<f64> {
        Array2::from_shape_fn((rows, columns).set_f(by_columns), |(i, j)| {
            ((i * 7 + j * 13) as f64 * 0.37 + seed).sin()
        })
    }

    #[test]
    fn products_agree_with_ndarray_in_every_layout() {
        // The lecture's five small products, empty ones, and large ones of the
        // medium network and of odd sizes.
        let small = [
            (200, 2, 4),
            (200, 4, 1),
            (4, 200, 2),
            (1, 200, 4),
            (200, 1, 4),
            (3, 0, 4),
            (0, 5, 2),
        ];
        let large = [(2000, 64, 64), (64, 2000, 64), (37, 129, 65), (1, 5000, 3)];
        for (m, k, n) in small.into_iter().chain(large) {
            assert_eq!(is_small_product(m, k, n), small.contains(&(m, k, n)));
            for layout in 0..8 {
                let [a_f, b_f, c_f] = [1, 2, 4].map(|bit| layout & bit != 0);
                let (a, b) = (matrix(m, k, 0.1, a_f), matrix(k, n, 0.2, b_f));
                for beta in [0.0, 1.0] {
                    let mut expected = matrix(m, n, 0.3, c_f);
                    ndarray::linalg::general_mat_mul(0.5, &a, &b, beta, &mut expected);
                    // β = 0 must ignore what C held, even NaN.
                    let mut c = matrix(m, n, 0.3, c_f);
                    if beta == 0.0 {
                        c.fill(f64::NAN);
                    }
                    mat_mul(0.5, &a.view(), &b.view(), beta, &mut c.view_mut());
                    for (c, e) in c.iter().zip(&expected) {
                        assert!(
                            (c - e).abs() < 1e-10,
                            "{m}x{k}x{n}, layout {layout}, β = {beta}: {c} vs {e}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn large_products_read_transposed_views() {
        // Θᵀ and δᵀ are views with swapped strides, as in forward and backward.
        let (a, b) = (matrix(80, 90, 0.1, false), matrix(70, 90, 0.2, false));
        let mut c = Array2::zeros((80, 70));
        mat_mul(1.0, &a.view(), &b.t(), 0.0, &mut c.view_mut());
        let expected = a.dot(&b.t());
        for (c, e) in c.iter().zip(&expected) {
            assert!((c - e).abs() < 1e-10, "{c} vs {e}");
        }
    }

    #[test]
    fn columns_start_on_cache_lines() {
        for capacity in [1, 7, 8, 200, 201] {
            let mut columns = Columns::zeros(capacity, 3);
            columns.rows_mut(capacity).fill(1.5);
            let copy = columns.clone();
            for view in [columns.rows(capacity), copy.rows(capacity)] {
                assert_eq!(view.dim(), (capacity, 3));
                assert!(view.iter().all(|&v| v == 1.5));
                for column in view.columns() {
                    assert!(column.as_slice().is_some(), "a column is contiguous");
                    assert_eq!(column.as_ptr() as usize % 64, 0, "capacity {capacity}");
                }
            }
        }
    }
}
