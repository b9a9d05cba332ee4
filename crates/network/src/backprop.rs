//! The textbook forward pass, backpropagation and update (slides
//! "Computational Graphs & Backpropagation with Matrixes" and
//! "Backpropagation"), in plain ndarray with the slides' names. This is the
//! code to read beside the slides; `crates/fastnet` computes the same
//! numbers faster and is tested equal to it.
//!
//! **One convention, stated once: a batch holds one example per row.** The
//! inputs X are (m × units in layer 0), every activation aˡ is (m × units in
//! l), and Θˡ is (units in l × units in l−1). The slides write one example
//! as a column, z = Θ a; m examples as rows are the transpose of that,
//! Z = A Θᵀ, and every formula turns around the same way:
//!
//! | slide (one example, a column) | here (m examples, one per row)  |
//! |-------------------------------|---------------------------------|
//! | z = Θ a + b, a = σ(z)         | `a.dot(&theta.t()) + b`, σ      |
//! | δ_p = p − y                   | `p - y`                         |
//! | δ_z = δ_p ∘ σ'(z_p)           | `delta_p * a (1 − a)`           |
//! | δ_a = Θᵀ δ_z                  | `delta_z.dot(&theta)`           |
//! | ∂J/∂Θ_ij = a_j δ_i            | `delta_z.t().dot(&a) / m`       |
//! | Θ ← Θ − α ∂J/∂Θ               | `theta - alpha * grad`          |
//!
//! The δ that multiplies aⱼ in the update is the gradient with respect to z
//! (δ_p ∘ σ'), not with respect to p: the σ' must not be dropped.

use crate::{Gradients, Network, Result, sigmoid};
use ndarray::{Array2, ArrayView2, Axis};

impl Network {
    /// The forward pass: every layer's activations `[a⁰, a¹, …, aᴸ]`, with
    /// a⁰ = x and aᴸ = p, one row per example. Layer l computes
    /// zˡ = aˡ⁻¹ (Θˡ)ᵀ + bˡ and aˡ = σ(zˡ).
    ///
    /// ```
    /// use network::{Layer, Network, ndarray::array};
    /// // The slides' sigmoid neuron: w = (2, −3), b = −3, x = (−1, −2), so z = 1 and p ≈ 0.73.
    /// let neuron = Network::from_layers(vec![Layer::new(array![[2.0, -3.0]], array![-3.0])])?;
    /// let a = neuron.forward(array![[-1.0, -2.0]].view())?;
    /// assert_eq!(a[0], array![[-1.0, -2.0]]); // a⁰ = x
    /// assert!((a[1][[0, 0]] - 0.73).abs() < 0.005); // a¹ = p
    /// # Ok::<(), network::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::InputWidth`] when `x` has not one column per input.
    pub fn forward(&self, x: ArrayView2<f64>) -> Result<Vec<Array2<f64>>> {
        self.check_inputs(x)?;
        let mut a = vec![x.to_owned()];
        for layer in self.layers() {
            let z = a[a.len() - 1].dot(&layer.weights.t()) + &layer.bias; // zˡ = aˡ⁻¹ (Θˡ)ᵀ + bˡ
            a.push(z.mapv(sigmoid)); // aˡ = σ(zˡ)
        }
        Ok(a)
    }

    /// Backpropagation: the loss J = 1/(2m) Σ (p − y)² of the batch and its
    /// gradient with respect to every Θˡ and bˡ, from the last layer down to
    /// the first. It is [`trace`](Self::trace) without the intermediate
    /// values.
    ///
    /// ```
    /// use network::{Layer, Network, ndarray::array, sigmoid};
    /// // The slides' sigmoid neuron again, with y = p − 1 so that δ_p = p − y = 1:
    /// // the upstream gradient 1 of the slide "Using known derivatives as shortcuts".
    /// let neuron = Network::from_layers(vec![Layer::new(array![[2.0, -3.0]], array![-3.0])])?;
    /// let (x, y) = (array![[-1.0, -2.0]], array![[sigmoid(1.0) - 1.0]]);
    /// let (loss, grads) = neuron.backward(x.view(), y.view())?;
    /// assert_eq!(loss, 0.5); // ½ δ_p²
    /// // δ_z = δ_p σ'(z) = 1 · (1 − 0.73) · 0.73 ≈ 0.2, and ∂J/∂w_j = x_j δ_z: the slide's −0.2 and −0.39.
    /// let (dw, db) = (&grads.weights[0], grads.bias[0][0]);
    /// assert!((db - 0.2).abs() < 0.005);
    /// assert!((dw[[0, 0]] + 0.2).abs() < 0.005 && (dw[[0, 1]] + 0.39).abs() < 0.005);
    /// # Ok::<(), network::Error>(())
    /// ```
    ///
    /// # Errors
    /// A shape error when `x` or `y` does not fit the network.
    pub fn backward(&self, x: ArrayView2<f64>, y: ArrayView2<f64>) -> Result<(f64, Gradients)> {
        let trace = self.trace(x, y)?;
        Ok((trace.loss, trace.grads))
    }

    /// Backpropagation with every intermediate value kept: the forward
    /// pass's aˡ, then from the last layer down σ'(zˡ), δ_z = ∂J/∂zˡ and
    /// δ_a = ∂J/∂aˡ⁻¹, and the gradients. The playground shows them on its
    /// network diagram, one example at a time.
    ///
    /// ```
    /// use network::{Layer, Network, ndarray::array};
    /// // Notebook 08's tiny 2-2-1 network and its one example.
    /// let tiny = Network::from_layers(vec![
    ///     Layer::new(array![[0.15, 0.20], [0.25, 0.30]], array![0.35, 0.35]),
    ///     Layer::new(array![[0.40, 0.45]], array![0.60]),
    /// ])?;
    /// let trace = tiny.trace(array![[0.05, 0.10]].view(), array![[0.01]].view())?;
    /// assert_eq!(format!("{:.4}", trace.delta_a[2][[0, 0]]), "0.7414"); // δ_p = p − y
    /// assert_eq!(format!("{:.4}", trace.delta_z[2][[0, 0]]), "0.1385"); // δ_z = δ_p σ'(z_p)
    /// assert_eq!(format!("{:.4}", trace.delta_a[1]), "[[0.0554, 0.0623]]"); // δ_a = (Θ²)ᵀ δ_z
    /// # Ok::<(), network::Error>(())
    /// ```
    ///
    /// # Errors
    /// A shape error when `x` or `y` does not fit the network.
    pub fn trace(&self, x: ArrayView2<f64>, y: ArrayView2<f64>) -> Result<Trace> {
        self.check_batch(x, y)?;
        let a = self.forward(x)?; // a[0] = x, …, a[L] = p
        let layers = a.len();
        let m = x.nrows() as f64;
        let delta_p = &a[layers - 1] - &y; // δ_p = p − y: ∂J/∂p for each example
        let loss = (&delta_p * &delta_p).sum() / (2.0 * m);
        let mut trace = Trace {
            loss,
            sigma_prime: vec![Array2::zeros((0, 0)); layers],
            delta_z: vec![Array2::zeros((0, 0)); layers],
            delta_a: vec![Array2::zeros((0, 0)); layers],
            grads: Gradients::default(),
            a: Vec::new(),
        };
        let mut delta_a = delta_p; // ∂J/∂aˡ, starting with aᴸ = p
        for l in (1..layers).rev() {
            let theta = &self.layers()[l - 1].weights;
            let sigma_prime = a[l].mapv(|a| a * (1.0 - a)); // σ'(zˡ) = σ(zˡ)(1 − σ(zˡ)) = aˡ(1 − aˡ)
            let delta_z = &delta_a * &sigma_prime; // δˡ = δ_a ∘ σ'(zˡ): ∂J/∂zˡ
            trace.grads.weights.push(delta_z.t().dot(&a[l - 1]) / m); // ∂J/∂Θˡ = (δˡ)ᵀ aˡ⁻¹ / m
            trace.grads.bias.push(delta_z.sum_axis(Axis(0)) / m); // ∂J/∂bˡ = Σ δˡ / m
            let below = delta_z.dot(theta); // δ_a = (Θˡ)ᵀ δˡ, for rows δˡ Θˡ: ∂J/∂aˡ⁻¹
            trace.delta_a[l] = delta_a;
            trace.sigma_prime[l] = sigma_prime;
            trace.delta_z[l] = delta_z;
            delta_a = below;
        }
        trace.delta_a[0] = delta_a;
        trace.grads.weights.reverse(); // they were collected from layer L down to 1
        trace.grads.bias.reverse();
        trace.a = a;
        Ok(trace)
    }

    /// One gradient-descent step on every weight and bias at the same time:
    /// Θˡ ← Θˡ − α ∂J/∂Θˡ and bˡ ← bˡ − α ∂J/∂bˡ.
    ///
    /// ```
    /// use network::{Gradients, Layer, Network, ndarray::array};
    /// let mut neuron = Network::from_layers(vec![Layer::new(array![[2.0, -3.0]], array![-3.0])])?;
    /// let grads = Gradients { weights: vec![array![[-0.2, -0.4]]], bias: vec![array![0.2]] };
    /// neuron.update(&grads, 0.5); // α = 0.5
    /// assert_eq!(neuron.layers()[0].weights, array![[2.1, -2.8]]); // 2 − 0.5 · (−0.2), −3 − 0.5 · (−0.4)
    /// assert_eq!(neuron.layers()[0].bias, array![-3.1]);
    /// # Ok::<(), network::Error>(())
    /// ```
    ///
    /// # Panics
    /// When `grads` was computed for a network of other sizes.
    pub fn update(&mut self, grads: &Gradients, learning_rate: f64) {
        let steps = grads.weights.iter().zip(&grads.bias);
        for ((mut theta, mut b), (grad_theta, grad_b)) in self.parameters_mut().zip(steps) {
            theta -= &(learning_rate * grad_theta); // Θˡ ← Θˡ − α ∂J/∂Θˡ
            b -= &(learning_rate * grad_b); // bˡ ← bˡ − α ∂J/∂bˡ
        }
    }
}

/// `x` as a batch of one example: a single row.
///
/// ```
/// use network::ndarray::array;
/// assert_eq!(network::one_example(array![0.5, -1.0].view()).dim(), (1, 2));
/// ```
pub fn one_example(x: ndarray::ArrayView1<f64>) -> ArrayView2<f64> {
    x.insert_axis(Axis(0))
}

/// Every value of one backpropagation ([`Network::trace`]), one row per
/// example and one column per unit. Index l is layer l for l = 0..=L; the
/// entries of layer 0 (the inputs), which has no σ and no δ_z, are empty
/// arrays in `sigma_prime` and `delta_z`.
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    /// The loss J = 1/(2m) Σ (p − y)².
    pub loss: f64,
    /// The activations aˡ: a⁰ = x, …, aᴸ = p.
    pub a: Vec<Array2<f64>>,
    /// σ'(zˡ) = aˡ (1 − aˡ): near 0, the unit is saturated and passes
    /// almost no gradient down.
    pub sigma_prime: Vec<Array2<f64>>,
    /// δ_z = ∂J/∂zˡ = δ_a ∘ σ'(zˡ).
    pub delta_z: Vec<Array2<f64>>,
    /// δ_a = ∂J/∂aˡ: δ_p = p − y for the last layer, (Θˡ⁺¹)ᵀ δ_z below.
    pub delta_a: Vec<Array2<f64>>,
    /// ∂J/∂Θˡ and ∂J/∂bˡ, as [`Network::backward`] returns them.
    pub grads: Gradients,
}
