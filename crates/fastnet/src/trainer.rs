//! Gradient descent over epochs with buffers allocated once: after
//! [`Trainer::new`], an epoch creates no arrays. The same epochs as
//! [`Network::train`]: the same batches, in the same shuffled order.

use crate::buffers::{Buffers, Columns, first_rows, is_small_product};
use ndarray::{Array2, ArrayView2};
use network::{Batch, Error, Network, Result, Training};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

/// Runs epochs of gradient descent, reusing its buffers: after
/// [`new`](Self::new), an epoch creates no arrays.
///
/// ```
/// use fastnet::Trainer;
/// use network::{Dataset, Network, Training};
/// let data = Dataset::xor_table();
/// let mut net = Network::new(&[2, 4, 1], 3)?;
/// let mut trainer = Trainer::new(&net, Training::new(1, 2.0), data.len())?;
/// let before = net.loss(data.x.view(), data.y.view())?;
/// for epoch in 1..=100 {
///     trainer.epoch(&mut net, data.x.view(), data.y.view(), epoch)?;
/// }
/// assert!(net.loss(data.x.view(), data.y.view())? < before);
/// # Ok::<(), network::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Trainer {
    training: Training,
    buffers: Buffers,
    x_batch: Columns,
    /// Whether a full batch is copied into `x_batch` (column by column).
    copies_x: bool,
    y_batch: Array2<f64>,
    order: Vec<usize>,
    rng: StdRng,
}

impl Trainer {
    /// A trainer for `network` on a training set of `m` examples.
    ///
    /// # Errors
    /// [`Error::Setting`] for a learning rate that is not a positive number
    /// or an empty mini-batch.
    pub fn new(network: &Network, training: Training, m: usize) -> Result<Self> {
        training.check()?;
        let rows = training.batch.rows(m).max(1);
        let shuffled = training.batch != Batch::Full;
        let batch_rows = if shuffled { rows } else { 0 };
        // A full batch small enough for the column-wise products is copied
        // into column-major order once per epoch, like the buffers (see
        // `Buffers`); a large one is read where it is.
        let sizes = network.sizes();
        let copies_x = !shuffled && is_small_product(m, sizes[0], sizes[1]);
        let x_rows = if shuffled || copies_x { rows } else { 0 };
        Ok(Trainer {
            training,
            buffers: Buffers::new(&sizes, rows),
            x_batch: Columns::zeros(x_rows, network.inputs()),
            copies_x,
            y_batch: Array2::zeros((batch_rows, network.outputs())),
            order: (0..m).collect(),
            rng: StdRng::seed_from_u64(training.seed),
        })
    }

    /// One epoch: one pass over `x` and `y` in steps of the batch size, each
    /// step a forward pass, backpropagation and an update of all weights.
    /// Returns the mean loss of the epoch's steps (each measured before its
    /// update; weighted by batch size). `epoch` only names the epoch in errors.
    ///
    /// # Errors
    /// A shape error when the data does not fit the network or has another
    /// number of rows than given to [`new`](Self::new); [`Error::Diverged`]
    /// when the loss or a weight is no longer finite.
    pub fn epoch(
        &mut self,
        network: &mut Network,
        x: ArrayView2<f64>,
        y: ArrayView2<f64>,
        epoch: usize,
    ) -> Result<f64> {
        network.check_batch(x, y)?;
        if x.nrows() != self.order.len() {
            return Err(Error::TrainerRows {
                expected: self.order.len(),
                found: x.nrows(),
            });
        }
        let loss = if self.training.batch == Batch::Full {
            self.full_batch_step(network, x, y)
        } else {
            self.mini_batch_steps(network, x, y)
        };
        if !loss.is_finite() || !network.is_finite() {
            return Err(Error::Diverged {
                epoch,
                learning_rate: self.training.learning_rate,
            });
        }
        Ok(loss)
    }

    /// One step on the whole training set; returns its loss.
    fn full_batch_step(
        &mut self,
        network: &mut Network,
        x: ArrayView2<f64>,
        y: ArrayView2<f64>,
    ) -> f64 {
        let m = x.nrows();
        let x = if self.copies_x {
            // Column by column, which ndarray copies faster than at once.
            let mut x_batch = self.x_batch.rows_mut(m);
            for (mut to, from) in x_batch.columns_mut().into_iter().zip(x.columns()) {
                to.assign(&from);
            }
            self.x_batch.rows(m)
        } else {
            x
        };
        step(
            &mut self.buffers,
            network,
            x,
            y,
            self.training.learning_rate,
        )
    }

    /// One step per mini-batch of the shuffled examples; returns the mean of
    /// their losses, weighted by batch size.
    fn mini_batch_steps(
        &mut self,
        network: &mut Network,
        x: ArrayView2<f64>,
        y: ArrayView2<f64>,
    ) -> f64 {
        let m = x.nrows();
        self.order.shuffle(&mut self.rng);
        let rows = self.training.batch.rows(m);
        let mut weighted = 0.0;
        for start in (0..m).step_by(rows) {
            let batch = &self.order[start..(start + rows).min(m)];
            let n = batch.len();
            let mut x_batch = self.x_batch.rows_mut(n);
            for (row, &example) in batch.iter().enumerate() {
                x_batch.row_mut(row).assign(&x.row(example));
                self.y_batch.row_mut(row).assign(&y.row(example));
            }
            let (xb, yb) = (self.x_batch.rows(n), first_rows(&self.y_batch, n));
            weighted += n as f64
                * step(
                    &mut self.buffers,
                    network,
                    xb,
                    yb,
                    self.training.learning_rate,
                );
        }
        weighted / m as f64
    }
}

/// Forward, backward and update on one batch; returns its loss. The update
/// is [`Network::update`]'s Θ ← Θ − α ∂J/∂Θ, in place.
fn step(
    buffers: &mut Buffers,
    network: &mut Network,
    x: ArrayView2<f64>,
    y: ArrayView2<f64>,
    learning_rate: f64,
) -> f64 {
    buffers.forward(network.layers(), x);
    let loss = buffers.backward(network.layers(), x, y);
    let grads = buffers.grads.weights.iter().zip(&buffers.grads.bias);
    for ((mut theta, mut b), (grad_theta, grad_b)) in network.parameters_mut().zip(grads) {
        theta.scaled_add(-learning_rate, grad_theta);
        b.scaled_add(-learning_rate, grad_b);
    }
    loss
}

/// Trains `network` as [`Network::train`] does and returns the loss of every
/// epoch, with a [`Trainer`].
///
/// ```
/// use network::{Dataset, Network, Training};
/// let data = Dataset::moons(200, 0.1, 0);
/// let (x, y) = (data.x.view(), data.y.view());
/// let (mut fast, mut textbook) = (Network::new(&[2, 8, 1], 0)?, Network::new(&[2, 8, 1], 0)?);
/// let training = Training::new(50, 5.0);
/// let history = fastnet::train(&mut fast, x, y, &training, |_, _| {})?;
/// let expected = textbook.train(x, y, &training, |_, _| {})?;
/// assert!((history[49] - expected[49]).abs() < 1e-12);
/// # Ok::<(), network::Error>(())
/// ```
///
/// # Errors
/// A shape error, an invalid setting, or [`Error::Diverged`].
pub fn train(
    network: &mut Network,
    x: ArrayView2<f64>,
    y: ArrayView2<f64>,
    training: &Training,
    mut on_epoch: impl FnMut(usize, f64),
) -> Result<Vec<f64>> {
    network.check_batch(x, y)?;
    let mut trainer = Trainer::new(network, *training, x.nrows())?;
    let mut history = Vec::with_capacity(training.epochs);
    for epoch in 1..=training.epochs {
        let loss = trainer.epoch(network, x, y, epoch)?;
        history.push(loss);
        on_epoch(epoch, loss);
    }
    Ok(history)
}
