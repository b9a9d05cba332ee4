//! Gradient descent over epochs (slide "Backpropagation & Gradient descent"):
//! the whole training set, mini-batches, or one example at a time.

use crate::backprop::{Buffers, Columns, first_rows, is_small_product};
use crate::{Error, Network, Result};
use ndarray::{Array2, ArrayView2};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

/// How many examples one gradient-descent step looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Batch {
    /// The complete training set in every step: one step per epoch.
    Full,
    /// Mini-batches of this many examples, reshuffled every epoch.
    Mini(usize),
    /// One example at a time (a mini-batch of 1), reshuffled every epoch.
    One,
}

impl Batch {
    /// The batch for a size given on the command line: 0 or at least `m`
    /// is the full batch, 1 is one example at a time.
    pub fn of_size(size: usize, m: usize) -> Self {
        match size {
            0 => Batch::Full,
            1 => Batch::One,
            b if b >= m => Batch::Full,
            b => Batch::Mini(b),
        }
    }

    /// The number of rows per step for `m` examples.
    pub fn rows(self, m: usize) -> usize {
        match self {
            Batch::Full => m,
            Batch::Mini(b) => b.min(m),
            Batch::One => 1,
        }
    }
}

/// The settings of a training run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Training {
    /// Passes over the training set.
    pub epochs: usize,
    /// α, the size of each gradient-descent step.
    pub learning_rate: f64,
    /// Examples per step.
    pub batch: Batch,
    /// Seed of the shuffling of mini-batches.
    pub seed: u64,
}

impl Training {
    /// `epochs` of full-batch gradient descent with learning rate α.
    pub fn new(epochs: usize, learning_rate: f64) -> Self {
        Training {
            epochs,
            learning_rate,
            batch: Batch::Full,
            seed: 0,
        }
    }

    /// The same settings with another batch size.
    pub fn with_batch(self, batch: Batch) -> Self {
        Training { batch, ..self }
    }

    /// The same settings with another shuffling seed.
    pub fn with_seed(self, seed: u64) -> Self {
        Training { seed, ..self }
    }

    fn check(&self) -> Result<()> {
        if !(self.learning_rate.is_finite() && self.learning_rate > 0.0) {
            return Err(Error::Setting(format!(
                "the learning rate α must be a positive number, got {}",
                self.learning_rate
            )));
        }
        if self.batch == Batch::Mini(0) {
            return Err(Error::Setting(
                "a mini-batch needs at least 1 example".into(),
            ));
        }
        Ok(())
    }
}

/// Runs epochs of gradient descent, reusing its buffers: after
/// [`new`](Self::new), an epoch creates no arrays.
///
/// ```
/// use network::{Dataset, Network, Trainer, Training};
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
            return Err(Error::RowCount {
                inputs: x.nrows(),
                targets: self.order.len(),
            });
        }
        let m = x.nrows();
        let loss = if self.training.batch == Batch::Full {
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
        } else {
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
        };
        let finite = |network: &Network| {
            network
                .layers()
                .iter()
                .all(|l| l.weights.iter().chain(&l.bias).all(|w| w.is_finite()))
        };
        if !loss.is_finite() || !finite(network) {
            return Err(Error::Diverged {
                epoch,
                learning_rate: self.training.learning_rate,
            });
        }
        Ok(loss)
    }
}

/// Forward, backward and update on one batch; returns its loss.
fn step(
    buffers: &mut Buffers,
    network: &mut Network,
    x: ArrayView2<f64>,
    y: ArrayView2<f64>,
    learning_rate: f64,
) -> f64 {
    buffers.forward(network.layers(), x);
    let loss = buffers.backward(network.layers(), x, y);
    network.update(&buffers.grads, learning_rate);
    loss
}

impl Network {
    /// Trains the network by gradient descent and returns the loss of every
    /// epoch (see [`Trainer::epoch`]). `on_epoch(epoch, loss)` is called
    /// after each epoch, for instance to move a progress bar.
    ///
    /// ```
    /// use network::{Dataset, Network, Training};
    /// let data = Dataset::moons(200, 0.1, 0);
    /// let mut net = Network::new(&[2, 8, 1], 0)?;
    /// let history = net.train(data.x.view(), data.y.view(), &Training::new(2000, 5.0), |_, _| {})?;
    /// assert!(history[1999] < history[0] / 2.0);
    /// assert!(net.accuracy(data.x.view(), data.y.view())? > 0.85);
    /// # Ok::<(), network::Error>(())
    /// ```
    ///
    /// # Errors
    /// A shape error, an invalid setting, or [`Error::Diverged`].
    pub fn train(
        &mut self,
        x: ArrayView2<f64>,
        y: ArrayView2<f64>,
        training: &Training,
        mut on_epoch: impl FnMut(usize, f64),
    ) -> Result<Vec<f64>> {
        self.check_batch(x, y)?;
        let mut trainer = Trainer::new(self, *training, x.nrows())?;
        let mut history = Vec::with_capacity(training.epochs);
        for epoch in 1..=training.epochs {
            let loss = trainer.epoch(self, x, y, epoch)?;
            history.push(loss);
            on_epoch(epoch, loss);
        }
        Ok(history)
    }
}
