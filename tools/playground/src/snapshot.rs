//! What the server sends the page, as JSON: the set-up of a run (points,
//! extent), a frame while it trains (loss, accuracy, the decision boundary,
//! the weights) and the step view (one example's backpropagation).

use crate::session::Session;
use network::ndarray::{Array2, ArrayView2};
use network::{Dataset, Network, Trace};
use serde::Serialize;

/// The boundary picture is this many cells wide and high.
pub const GRID: usize = 50;

/// A unit counts as saturated for one example when its σ'(z) = a (1 − a)
/// is below this, a twenty-fifth of σ's steepest slope ¼: a is then within
/// about 1 % of 0 or 1 and the unit passes almost no gradient down.
pub const SATURATED_BELOW: f64 = 0.01;

/// The part of the plane the page draws: x₁ from `x_min` to `x_max`, x₂
/// from `y_min` to `y_max`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Extent {
    /// Left edge.
    pub x_min: f64,
    /// Right edge.
    pub x_max: f64,
    /// Bottom edge.
    pub y_min: f64,
    /// Top edge.
    pub y_max: f64,
}

impl Extent {
    /// The square around all points of `data`, with a margin of a tenth.
    pub fn around(data: &Dataset) -> Self {
        let column = |c: usize| {
            data.x
                .column(c)
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                    (lo.min(v), hi.max(v))
                })
        };
        let ((x_lo, x_hi), (y_lo, y_hi)) = (column(0), column(1));
        let half = ((x_hi - x_lo).max(y_hi - y_lo).max(0.2)) * 0.6;
        let (cx, cy) = ((x_lo + x_hi) / 2.0, (y_lo + y_hi) / 2.0);
        Extent {
            x_min: cx - half,
            x_max: cx + half,
            y_min: cy - half,
            y_max: cy + half,
        }
    }

    /// The centres of the [`GRID`] × [`GRID`] cells, one row per cell, the
    /// top row first (the order of the page's pixels).
    pub fn grid(&self) -> Array2<f64> {
        let cell = |lo: f64, hi: f64, i: usize| lo + (hi - lo) * (i as f64 + 0.5) / GRID as f64;
        Array2::from_shape_fn((GRID * GRID, 2), |(k, c)| {
            let (row, column) = (k / GRID, k % GRID);
            if c == 0 {
                cell(self.x_min, self.x_max, column)
            } else {
                cell(self.y_max, self.y_min, row)
            }
        })
    }
}

/// What the page draws once per run.
#[derive(Debug, Serialize)]
pub struct Setup {
    /// Units per layer, inputs first.
    pub sizes: Vec<usize>,
    /// The training points: x₁, x₂ and the class.
    pub train: Vec<[f64; 3]>,
    /// The test points.
    pub test: Vec<[f64; 3]>,
    /// The plotted part of the plane.
    pub extent: Extent,
    /// Cells per side of the boundary picture.
    pub grid: usize,
}

impl Setup {
    /// The set-up of a run on `train` and `test` with `net`, drawn over `extent`.
    pub fn new(train: &Dataset, test: &Dataset, net: &Network, extent: Extent) -> Self {
        let points = |data: &Dataset| {
            data.x
                .rows()
                .into_iter()
                .zip(data.classes())
                .map(|(row, class)| [row[0], row[1], class as f64])
                .collect()
        };
        Setup {
            sizes: net.sizes(),
            train: points(train),
            test: points(test),
            extent,
            grid: GRID,
        }
    }
}

/// One picture of a run.
#[derive(Debug, Serialize)]
pub struct Frame {
    /// Epochs trained so far.
    pub epoch: usize,
    /// Whether the run is training between frames.
    pub playing: bool,
    /// The loss J on the training set.
    pub train_loss: f64,
    /// The loss J on the test set (`None` without test examples).
    pub test_loss: Option<f64>,
    /// The share of training examples classified right.
    pub train_accuracy: f64,
    /// The share of test examples classified right.
    pub test_accuracy: Option<f64>,
    /// The network's output p in every grid cell, top row first, as
    /// 0..=255 for p from 0 to 1.
    pub boundary: Vec<u8>,
    /// Θˡ of every layer, one row per unit.
    pub weights: Vec<Vec<Vec<f64>>>,
    /// bˡ of every layer.
    pub biases: Vec<Vec<f64>>,
    /// What went wrong in training, for instance a diverging loss.
    pub error: Option<String>,
}

impl Frame {
    /// The picture of `session` after `epoch` epochs.
    pub fn new(session: &Session, epoch: usize, error: Option<String>) -> Self {
        let net = session.network();
        let (train, test) = session.data();
        let measure = |data: &Dataset| {
            let (x, y) = (data.x.view(), data.y.view());
            match (net.loss(x, y), net.accuracy(x, y)) {
                (Ok(loss), Ok(accuracy)) if !data.is_empty() => Some((loss, accuracy)),
                _ => None,
            }
        };
        let (train_loss, train_accuracy) = measure(train).unwrap_or((f64::NAN, f64::NAN));
        let test = measure(test);
        Frame {
            epoch,
            playing: session.playing(),
            train_loss,
            test_loss: test.map(|t| t.0),
            train_accuracy,
            test_accuracy: test.map(|t| t.1),
            boundary: boundary(net, session.grid().view()),
            weights: net
                .layers()
                .iter()
                .map(|l| rows(l.weights.view()))
                .collect(),
            biases: net.layers().iter().map(|l| l.bias.to_vec()).collect(),
            error,
        }
    }
}

/// The network's output on every grid cell, as bytes (the fast path: this
/// runs every frame).
fn boundary(net: &Network, grid: ArrayView2<f64>) -> Vec<u8> {
    match fastnet::forward(net, grid) {
        Ok(mut a) => a
            .pop()
            .map(|p| p.iter().map(|&p| (p * 255.0).round() as u8).collect())
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

fn rows(matrix: ArrayView2<f64>) -> Vec<Vec<f64>> {
    matrix.rows().into_iter().map(|row| row.to_vec()).collect()
}

/// The values of one unit in the step view.
#[derive(Debug, Serialize)]
pub struct Unit {
    /// Its activation a (for an input, the input x).
    pub a: f64,
    /// σ'(z) = a (1 − a) (`None` for an input).
    pub sigma_prime: Option<f64>,
    /// δ_z = ∂J/∂z = δ_a ∘ σ'(z) (`None` for an input).
    pub delta_z: Option<f64>,
    /// δ_a = ∂J/∂a: δ_p = p − y for the output, (Θ)ᵀ δ_z of the layer
    /// above otherwise.
    pub delta_a: f64,
    /// Whether σ' is below [`SATURATED_BELOW`].
    pub saturated: bool,
}

/// One example's backpropagation, unit by unit and edge by edge.
#[derive(Debug, Serialize)]
pub struct StepView {
    /// Which training example.
    pub index: usize,
    /// Its target y.
    pub y: f64,
    /// Its loss J = ½ (p − y)².
    pub loss: f64,
    /// The units of every layer, inputs first.
    pub layers: Vec<Vec<Unit>>,
    /// ∂J/∂Θˡ_ij = a_j δ_z,i of every layer l = 1..=L, one row per unit i.
    pub grad_weights: Vec<Vec<Vec<f64>>>,
    /// ∂J/∂bˡ_i = δ_z,i.
    pub grad_biases: Vec<Vec<f64>>,
}

impl StepView {
    /// The view of `trace`, the backpropagation of the one example `index`.
    pub fn new(index: usize, y: f64, trace: &Trace) -> Self {
        let layers = (0..trace.a.len())
            .map(|l| {
                let at = |values: &Array2<f64>, i: usize| (l > 0).then(|| values[[0, i]]);
                (0..trace.a[l].ncols())
                    .map(|i| {
                        let sigma_prime = at(&trace.sigma_prime[l], i);
                        Unit {
                            a: trace.a[l][[0, i]],
                            sigma_prime,
                            delta_z: at(&trace.delta_z[l], i),
                            delta_a: trace.delta_a[l][[0, i]],
                            saturated: sigma_prime.is_some_and(|s| s < SATURATED_BELOW),
                        }
                    })
                    .collect()
            })
            .collect();
        StepView {
            index,
            y,
            loss: trace.loss,
            layers,
            grad_weights: trace.grads.weights.iter().map(|g| rows(g.view())).collect(),
            grad_biases: trace.grads.bias.iter().map(|b| b.to_vec()).collect(),
        }
    }
}
