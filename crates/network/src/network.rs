//! The network: layers of sigmoid units, Θˡ and bˡ, the batch forward pass
//! and the loss (slide "Computational Graphs & Backpropagation with Matrixes").

use crate::data::class_of;
use crate::{Error, Result};
use ndarray::{Array1, Array2, ArrayView2, ArrayViewMut1, ArrayViewMut2};
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

/// The sigmoid's derivative at z, σ'(z) = (1 − σ(z)) · σ(z), as on the
/// slide "Using known derivatives as shortcuts". It takes z, the unit's
/// input, not its output a = σ(z) (for that, σ'(z) = a (1 − a) directly).
///
/// ```
/// // The sigmoid neuron of the slides: z = 1, σ(1) ≈ 0.73, (1 − 0.73) · 0.73 ≈ 0.2.
/// assert!((network::sigmoid_prime(1.0) - 0.2).abs() < 0.005);
/// assert_eq!(network::sigmoid_prime(0.0), 0.25); // the steepest point
/// ```
pub fn sigmoid_prime(z: f64) -> f64 {
    let a = sigmoid(z);
    (1.0 - a) * a
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
/// let p = net.predict(array![[0.0, 1.0], [1.0, 0.0], [0.5, 0.5]].view())?;
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
    /// Every weight of Θˡ is drawn uniformly from [−ε, ε), as in exercise
    /// `01_init_weights`, with ε = [`init_epsilon`]\(n) = 1/√n for the n
    /// units of layer l−1: every zᵢ then starts near 0, where the sigmoid is
    /// steep and learns fast, and no two units start alike (equal weights
    /// would get equal gradients and stay equal). The biases start at 0 since
    /// the random weights already break that symmetry. The same `seed` gives
    /// the same weights.
    ///
    /// ```
    /// let net = network::Network::new(&[2, 4, 1], 0)?;
    /// let epsilon = network::init_epsilon(2); // 1/√2 ≈ 0.71
    /// assert!(net.layers()[0].weights.iter().all(|w| (-epsilon..epsilon).contains(w)));
    /// # Ok::<(), network::Error>(())
    /// ```
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
                let epsilon = init_epsilon(inputs);
                let uniform = Uniform::new(-epsilon, epsilon).expect("ε is finite and positive");
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
    /// let p = neuron.predict(array![[-1.0, -2.0]].view())?;
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

    /// Every weight and bias, layer by layer, to change in place (their
    /// shapes can't change): `(Θˡ, bˡ)` for l = 1..=L.
    pub fn parameters_mut(
        &mut self,
    ) -> impl Iterator<Item = (ArrayViewMut2<'_, f64>, ArrayViewMut1<'_, f64>)> {
        self.layers
            .iter_mut()
            .map(|layer| (layer.weights.view_mut(), layer.bias.view_mut()))
    }

    /// The predictions p for a batch `x` with one example per row: the last
    /// of the [`forward`](Self::forward) pass's activations.
    ///
    /// # Errors
    /// [`Error::InputWidth`] when `x` has not one column per input.
    pub fn predict(&self, x: ArrayView2<f64>) -> Result<Array2<f64>> {
        Ok(self.forward(x)?.pop().expect("a network has layers"))
    }

    /// The loss J = 1/(2m) Σ (p − y)² over the m examples of a batch.
    ///
    /// # Errors
    /// A shape error when `x` or `y` does not fit the network.
    pub fn loss(&self, x: ArrayView2<f64>, y: ArrayView2<f64>) -> Result<f64> {
        self.check_batch(x, y)?;
        let p = self.predict(x)?;
        Ok(mean_squared_loss(p.view(), y))
    }

    /// The share of examples classified right. With one output, p ≥ 0.5
    /// means class 1; with several, the class is the output with the
    /// largest p and the target is one-hot.
    ///
    /// # Errors
    /// A shape error when `x` or `y` does not fit the network.
    pub fn accuracy(&self, x: ArrayView2<f64>, y: ArrayView2<f64>) -> Result<f64> {
        self.check_batch(x, y)?;
        let p = self.predict(x)?;
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
        let p = self.predict(x)?;
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
    ///
    /// # Errors
    /// [`Error::InputWidth`] otherwise.
    pub fn check_inputs(&self, x: ArrayView2<f64>) -> Result<()> {
        if x.ncols() != self.inputs() {
            return Err(Error::InputWidth {
                expected: self.inputs(),
                found: x.ncols(),
            });
        }
        Ok(())
    }

    /// Checks that `x` and `y` fit the network and each other and hold at
    /// least one example.
    ///
    /// # Errors
    /// [`Error::InputWidth`], [`Error::TargetWidth`], [`Error::RowCount`] or
    /// [`Error::NoExamples`].
    pub fn check_batch(&self, x: ArrayView2<f64>, y: ArrayView2<f64>) -> Result<()> {
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
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gradients {
    /// ∂J/∂Θˡ = 1/m (δˡ)ᵀ aˡ⁻¹ for a batch of rows: entry (i, j) is a_j δ_i
    /// averaged over the examples.
    pub weights: Vec<Array2<f64>>,
    /// ∂J/∂bˡ = 1/m Σ δˡ over the batch.
    pub bias: Vec<Array1<f64>>,
}

impl Gradients {
    /// All entries as one vector, in the order of [`Network::theta`].
    pub fn to_vec(&self) -> Vec<f64> {
        self.weights
            .iter()
            .zip(&self.bias)
            .flat_map(|(w, b)| w.iter().chain(b.iter()))
            .copied()
            .collect()
    }

    /// ‖∇J‖, the Euclidean norm of all entries: near 0 at a minimum, and on
    /// a plateau.
    ///
    /// ```
    /// use network::{Gradients, ndarray::array};
    /// let grads = Gradients { weights: vec![array![[3.0]]], bias: vec![array![4.0]] };
    /// assert_eq!(grads.norm(), 5.0);
    /// ```
    pub fn norm(&self) -> f64 {
        self.to_vec().iter().map(|g| g * g).sum::<f64>().sqrt()
    }
}

/// J = 1/(2m) Σ (p − y)², the loss of the slides, for m rows.
///
/// ```
/// use network::ndarray::array;
/// // ((0.8 − 1)² + (0.2 − 0)²) / (2 · 2) = 0.08 / 4 = 0.02.
/// let j = network::mean_squared_loss(array![[0.8], [0.2]].view(), array![[1.0], [0.0]].view());
/// assert!((j - 0.02).abs() < 1e-15);
/// ```
pub fn mean_squared_loss(p: ArrayView2<f64>, y: ArrayView2<f64>) -> f64 {
    let delta_p = &p - &y;
    (&delta_p * &delta_p).sum() / (2.0 * p.nrows() as f64)
}

/// ε of the initial weight range [−ε, ε) for a layer fed by `inputs`
/// units: ε = 1/√inputs. The slides leave the range open ("What range of
/// values did we use?"); exercise `01_init_weights` takes ε as a parameter;
/// this crate picks 1/√n so that z = Σ Θ_ij a_j stays of the same small size
/// however many inputs a unit has.
///
/// ```
/// assert_eq!(network::init_epsilon(4), 0.5);
/// ```
pub fn init_epsilon(inputs: usize) -> f64 {
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
