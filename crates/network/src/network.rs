//! The network: layers of sigmoid units, Θˡ and bˡ, the batch forward pass
//! and the loss (slide "Computational Graphs & Backpropagation with Matrixes").

use crate::backprop::Buffers;
use crate::data::class_of;
use crate::vector::dot;
use crate::{Error, Result};
use ndarray::{Array1, Array2, ArrayView2, Axis};
use ndarray_rand::RandomExt;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::Uniform;

/// The logistic sigmoid σ(z) = 1 / (1 + e⁻ᶻ), the activation of every layer.
///
/// ```
/// // The slides' sigmoid neuron: w = (2, −3), b = −3, x = (−1, −2) gives z = 1.
/// let a = network::sigmoid(2.0 * -1.0 + -3.0 * -2.0 - 3.0);
/// assert!((a - 0.73).abs() < 0.005);
/// ```
pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// σ'(z) written with the unit's output a = σ(z): σ'(z) = a (1 − a).
///
/// ```
/// // The sigmoid neuron of the slides: local gradient (1 − 0.73) · 0.73 ≈ 0.2.
/// let a = network::sigmoid(1.0);
/// assert!((network::sigmoid_prime(a) - 0.2).abs() < 0.005);
/// ```
pub fn sigmoid_prime(a: f64) -> f64 {
    a * (1.0 - a)
}

/// One fully connected layer l: its weights Θˡ and biases bˡ.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    /// Θˡ, of shape (units in layer l, units in layer l−1): row i holds the
    /// weights into unit i, so Θˡ_ij connects unit j below to unit i.
    pub weights: Array2<f64>,
    /// bˡ, one bias per unit of layer l.
    pub bias: Array1<f64>,
}

impl Layer {
    /// A layer from its weights Θ (rows = units of this layer) and biases b.
    pub fn new(weights: Array2<f64>, bias: Array1<f64>) -> Self {
        Layer { weights, bias }
    }
}

/// A fully connected network of sigmoid layers.
///
/// `sizes` lists the units per layer, inputs first: `[2, 4, 1]` is the
/// lecture's network with 2 inputs, 4 hidden units and 1 output.
///
/// ```
/// use network::{Network, ndarray::array};
/// let net = Network::new(&[2, 4, 1], 7)?;
/// assert_eq!(net.sizes(), vec![2, 4, 1]);
/// assert_eq!(net.layers()[0].weights.dim(), (4, 2)); // Θ¹: 4 units, 2 inputs
/// let p = net.forward(array![[0.0, 1.0], [1.0, 0.0], [0.5, 0.5]].view())?;
/// assert_eq!(p.dim(), (3, 1)); // one row per example
/// # Ok::<(), network::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    layers: Vec<Layer>,
}

impl Network {
    /// A network with random initial weights and zero biases.
    ///
    /// Θˡ is drawn uniformly from [−r, r] with r = 1/√n, where n is the
    /// number of units in layer l−1: every zᵢ then starts near 0, where the
    /// sigmoid is steep and learns fast, and no two units start alike (equal
    /// weights would get equal gradients and stay equal). The biases start at
    /// 0 since the random weights already break that symmetry. The same
    /// `seed` gives the same weights.
    ///
    /// # Errors
    /// [`Error::TooFewLayers`] or [`Error::EmptyLayer`] for impossible sizes.
    pub fn new(sizes: &[usize], seed: u64) -> Result<Self> {
        check_sizes(sizes)?;
        let mut rng = StdRng::seed_from_u64(seed);
        let layers = sizes
            .windows(2)
            .map(|pair| {
                let (inputs, units) = (pair[0], pair[1]);
                let r = init_range(inputs);
                let uniform = Uniform::new_inclusive(-r, r).expect("r is finite and positive");
                Layer::new(
                    Array2::random_using((units, inputs), uniform, &mut rng),
                    Array1::zeros(units),
                )
            })
            .collect();
        Ok(Network { layers })
    }

    /// A network from given layers, for instance weights set by hand.
    ///
    /// ```
    /// use network::{Layer, Network, ndarray::array};
    /// // The slides' sigmoid neuron as a 2-1 network: σ(2·(−1) − 3·(−2) − 3) ≈ 0.73.
    /// let neuron = Network::from_layers(vec![Layer::new(array![[2.0, -3.0]], array![-3.0])])?;
    /// let p = neuron.forward(array![[-1.0, -2.0]].view())?;
    /// assert!((p[[0, 0]] - 0.73).abs() < 0.005);
    /// # Ok::<(), network::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::LayersDontChain`] when a layer's Θ has not as many columns as
    /// the layer below has units, or its bias not one entry per row.
    pub fn from_layers(layers: Vec<Layer>) -> Result<Self> {
        let Some(first) = layers.first() else {
            return Err(Error::TooFewLayers(0));
        };
        let mut below = first.weights.ncols();
        if below == 0 {
            return Err(Error::EmptyLayer(0));
        }
        for (index, layer) in layers.iter().enumerate() {
            let (rows, columns) = layer.weights.dim();
            if rows == 0 {
                return Err(Error::EmptyLayer(index + 1));
            }
            if columns != below || layer.bias.len() != rows {
                return Err(Error::LayersDontChain {
                    layer: index + 1,
                    rows,
                    columns,
                    bias: layer.bias.len(),
                    expected_rows: rows,
                    expected_columns: below,
                });
            }
            below = rows;
        }
        Ok(Network { layers })
    }

    /// The units per layer, inputs first.
    pub fn sizes(&self) -> Vec<usize> {
        std::iter::once(self.inputs())
            .chain(self.layers.iter().map(|layer| layer.bias.len()))
            .collect()
    }

    /// The number of inputs (units in layer 0).
    pub fn inputs(&self) -> usize {
        self.layers[0].weights.ncols()
    }

    /// The number of outputs (units in the last layer).
    pub fn outputs(&self) -> usize {
        self.layers[self.layers.len() - 1].bias.len()
    }

    /// The layers 1..=L (layer 0 is the input and has no weights).
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// The predictions p for a batch `x` with one example per row.
    ///
    /// # Errors
    /// [`Error::InputWidth`] when `x` has not one column per input.
    pub fn forward(&self, x: ArrayView2<f64>) -> Result<Array2<f64>> {
        Ok(self.activations(x)?.pop().expect("a network has layers"))
    }

    /// Every layer's activations for a batch: a¹, a², …, aᴸ = p, each with
    /// one row per example. Layer l computes aˡ = σ(aˡ⁻¹ (Θˡ)ᵀ + bˡ): with
    /// one example per row, the column form zˡ = Θˡ aˡ⁻¹ becomes a product
    /// with the transpose.
    ///
    /// # Errors
    /// [`Error::InputWidth`] when `x` has not one column per input.
    pub fn activations(&self, x: ArrayView2<f64>) -> Result<Vec<Array2<f64>>> {
        self.check_inputs(x)?;
        let mut buffers = Buffers::new(&self.sizes(), x.nrows());
        buffers.forward(&self.layers, x);
        Ok(buffers.into_activations())
    }

    /// The loss J = 1/(2m) Σ (p − y)² over the m examples of a batch.
    ///
    /// # Errors
    /// A shape error when `x` or `y` does not fit the network.
    pub fn loss(&self, x: ArrayView2<f64>, y: ArrayView2<f64>) -> Result<f64> {
        self.check_batch(x, y)?;
        let p = self.forward(x)?;
        Ok(mean_squared_loss(p.view(), y))
    }

    /// Backpropagation: the loss J and its gradient with respect to every
    /// Θˡ and bˡ, averaged over the batch (see [`Gradients`]).
    ///
    /// ```
    /// use network::{Network, ndarray::array};
    /// let net = Network::new(&[2, 3, 1], 1)?;
    /// let (x, y) = (array![[0.0, 1.0], [1.0, 1.0]], array![[1.0], [0.0]]);
    /// let (loss, grads) = net.backward(x.view(), y.view())?;
    /// assert_eq!(loss, net.loss(x.view(), y.view())?);
    /// assert_eq!(grads.weights[0].dim(), (3, 2)); // same shape as Θ¹
    /// # Ok::<(), network::Error>(())
    /// ```
    ///
    /// # Errors
    /// A shape error when `x` or `y` does not fit the network.
    pub fn backward(&self, x: ArrayView2<f64>, y: ArrayView2<f64>) -> Result<(f64, Gradients)> {
        self.check_batch(x, y)?;
        let mut buffers = Buffers::new(&self.sizes(), x.nrows());
        buffers.forward(&self.layers, x);
        let loss = buffers.backward(&self.layers, x, y);
        Ok((loss, buffers.into_gradients()))
    }

    /// One gradient-descent step: Θˡ_ij ← Θˡ_ij − α ∂J/∂Θˡ_ij for every
    /// weight, and the same for the biases, all at the same time.
    ///
    /// # Panics
    /// When `grads` was computed for a network of other sizes.
    pub fn update(&mut self, grads: &Gradients, learning_rate: f64) {
        for ((layer, weights), bias) in self.layers.iter_mut().zip(&grads.weights).zip(&grads.bias)
        {
            layer.weights.scaled_add(-learning_rate, weights);
            layer.bias.scaled_add(-learning_rate, bias);
        }
    }

    /// The share of examples classified right. With one output, p ≥ 0.5
    /// means class 1; with several, the class is the output with the
    /// largest p and the target is one-hot.
    ///
    /// # Errors
    /// A shape error when `x` or `y` does not fit the network.
    pub fn accuracy(&self, x: ArrayView2<f64>, y: ArrayView2<f64>) -> Result<f64> {
        self.check_batch(x, y)?;
        let p = self.forward(x)?;
        let right = p
            .rows()
            .into_iter()
            .zip(y.rows())
            .filter(|(p, y)| class_of(p.view()) == class_of(y.view()))
            .count();
        Ok(right as f64 / x.nrows() as f64)
    }

    /// The predicted class of every row of `x` (see [`accuracy`](Self::accuracy)).
    ///
    /// ```
    /// use network::{Layer, Network, ndarray::array};
    /// // One unit that says "class 1" when x₁ > x₂.
    /// let net = Network::from_layers(vec![Layer::new(array![[10.0, -10.0]], array![0.0])])?;
    /// assert_eq!(net.classes(array![[1.0, 0.0], [0.0, 1.0]].view())?, vec![1, 0]);
    /// # Ok::<(), network::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InputWidth`] when `x` has not one column per input.
    pub fn classes(&self, x: ArrayView2<f64>) -> Result<Vec<usize>> {
        let p = self.forward(x)?;
        Ok(p.rows().into_iter().map(class_of).collect())
    }

    /// The predicted class of 2-D points, for drawing decision regions.
    ///
    /// # Errors
    /// [`Error::InputWidth`] when the network does not take 2 inputs.
    pub fn classify_points(&self, points: &[(f64, f64)]) -> Result<Vec<usize>> {
        let x = Array2::from_shape_fn((points.len(), 2), |(i, j)| {
            if j == 0 { points[i].0 } else { points[i].1 }
        });
        self.classes(x.view())
    }

    /// All parameters as one vector θ: layer by layer, Θˡ row by row, then bˡ.
    /// This is the θ of the numeric gradient.
    pub fn theta(&self) -> Vec<f64> {
        self.layers
            .iter()
            .flat_map(|layer| layer.weights.iter().chain(layer.bias.iter()))
            .copied()
            .collect()
    }

    /// The number of parameters (the length of [`theta`](Self::theta)).
    pub fn parameter_count(&self) -> usize {
        self.layers
            .iter()
            .map(|layer| layer.weights.len() + layer.bias.len())
            .sum()
    }

    /// Sets all parameters from a vector in the order of [`theta`](Self::theta).
    ///
    /// # Errors
    /// [`Error::Setting`] when `theta` has not one entry per parameter.
    pub fn set_theta(&mut self, theta: &[f64]) -> Result<()> {
        if theta.len() != self.parameter_count() {
            return Err(Error::Setting(format!(
                "theta has {} entries but the network has {} parameters",
                theta.len(),
                self.parameter_count()
            )));
        }
        let mut values = theta.iter();
        for layer in &mut self.layers {
            for w in layer.weights.iter_mut().chain(layer.bias.iter_mut()) {
                *w = *values.next().expect("length checked above");
            }
        }
        Ok(())
    }

    /// Checks that `x` has one column per input.
    pub(crate) fn check_inputs(&self, x: ArrayView2<f64>) -> Result<()> {
        if x.ncols() != self.inputs() {
            return Err(Error::InputWidth {
                expected: self.inputs(),
                found: x.ncols(),
            });
        }
        Ok(())
    }

    /// Checks that `x` and `y` fit the network and each other.
    pub(crate) fn check_batch(&self, x: ArrayView2<f64>, y: ArrayView2<f64>) -> Result<()> {
        self.check_inputs(x)?;
        if y.ncols() != self.outputs() {
            return Err(Error::TargetWidth {
                expected: self.outputs(),
                found: y.ncols(),
            });
        }
        if x.nrows() != y.nrows() {
            return Err(Error::RowCount {
                inputs: x.nrows(),
                targets: y.nrows(),
            });
        }
        if x.nrows() == 0 {
            return Err(Error::NoExamples);
        }
        Ok(())
    }
}

/// The gradient of J with respect to every parameter, one entry per layer,
/// each of the same shape as the parameter it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct Gradients {
    /// ∂J/∂Θˡ = 1/m Σ δˡ (aˡ⁻¹)ᵀ over the batch: entry (i, j) is a_j δ_i averaged.
    pub weights: Vec<Array2<f64>>,
    /// ∂J/∂bˡ = 1/m Σ δˡ over the batch.
    pub bias: Vec<Array1<f64>>,
}

impl Gradients {
    /// Zero gradients for a network of the given sizes.
    pub fn zeros(sizes: &[usize]) -> Self {
        Gradients {
            weights: sizes
                .windows(2)
                .map(|p| Array2::zeros((p[1], p[0])))
                .collect(),
            bias: sizes[1..]
                .iter()
                .map(|&units| Array1::zeros(units))
                .collect(),
        }
    }

    /// All entries as one vector, in the order of [`Network::theta`].
    pub fn to_vec(&self) -> Vec<f64> {
        self.weights
            .iter()
            .zip(&self.bias)
            .flat_map(|(w, b)| w.iter().chain(b.iter()))
            .copied()
            .collect()
    }
}

/// J = 1/(2m) Σ (p − y)², the loss of the slides, for m rows.
///
/// The sum is taken one output column at a time, in the same order as
/// backpropagation takes it, so both give the same loss to the last bit.
pub fn mean_squared_loss(p: ArrayView2<f64>, y: ArrayView2<f64>) -> f64 {
    let m = p.len_of(Axis(0)) as f64;
    let squared_error: f64 = p
        .columns()
        .into_iter()
        .zip(y.columns())
        .map(|(p, y)| {
            let delta_p = &p - &y;
            dot(delta_p.view(), delta_p.view())
        })
        .sum();
    squared_error / (2.0 * m)
}

/// The half-width r of the initial weight range [−r, r] for a layer fed by
/// `inputs` units: r = 1/√inputs.
pub fn init_range(inputs: usize) -> f64 {
    1.0 / (inputs as f64).sqrt()
}

fn check_sizes(sizes: &[usize]) -> Result<()> {
    if sizes.len() < 2 {
        return Err(Error::TooFewLayers(sizes.len()));
    }
    if let Some(layer) = sizes.iter().position(|&units| units == 0) {
        return Err(Error::EmptyLayer(layer));
    }
    Ok(())
}
