//! Gradient descent over epochs (slide "Backpropagation & Gradient descent"):
//! the whole training set, mini-batches, or one example at a time.
//!
//! An **epoch** is one pass over the whole training set. A **mini-batch** is
//! a part of it (here: a few examples drawn without repetition, reshuffled
//! every epoch); each gradient-descent step looks at one batch, so an epoch
//! makes m / (batch size) steps.

use crate::{Error, Network, Result};
use ndarray::{ArrayView2, Axis};
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

    /// Checks the settings.
    ///
    /// # Errors
    /// [`Error::Setting`] for a learning rate that is not a positive number
    /// or an empty mini-batch.
    pub fn check(&self) -> Result<()> {
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

impl Network {
    /// Trains the network by gradient descent and returns the loss of every
    /// epoch: the mean of its steps' losses, each measured before its update
    /// and weighted by the batch's size (for the full batch, the loss before
    /// the epoch's one update). `on_epoch(epoch, loss)` is called after each
    /// epoch.
    ///
    /// Each step is [`backward`](Self::backward) on one batch, then
    /// [`update`](Self::update). Mini-batches are drawn by shuffling the
    /// example indices with a generator seeded by `training.seed`, then
    /// cutting them into consecutive pieces.
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
    /// A shape error, an invalid setting, or [`Error::Diverged`] when the
    /// loss or a weight stops being a finite number.
    pub fn train(
        &mut self,
        x: ArrayView2<f64>,
        y: ArrayView2<f64>,
        training: &Training,
        mut on_epoch: impl FnMut(usize, f64),
    ) -> Result<Vec<f64>> {
        self.train_epochs(x, y, training, &mut on_epoch)
    }

    /// [`train`](Self::train) for one type of callback: compiled once,
    /// optimised, in this crate, where a type parameter would compile the
    /// loop (and the shuffling) again into every notebook cell that trains.
    fn train_epochs(
        &mut self,
        x: ArrayView2<f64>,
        y: ArrayView2<f64>,
        training: &Training,
        on_epoch: &mut dyn FnMut(usize, f64),
    ) -> Result<Vec<f64>> {
        self.check_batch(x, y)?;
        training.check()?;
        let mut order: Vec<usize> = (0..x.nrows()).collect();
        let mut rng = StdRng::seed_from_u64(training.seed);
        let mut history = Vec::with_capacity(training.epochs);
        for epoch in 1..=training.epochs {
            if training.batch != Batch::Full {
                order.shuffle(&mut rng);
            }
            let loss = self.epoch(x, y, &order, training)?;
            if !loss.is_finite() || !self.is_finite() {
                return Err(Error::Diverged {
                    epoch,
                    learning_rate: training.learning_rate,
                });
            }
            history.push(loss);
            on_epoch(epoch, loss);
        }
        Ok(history)
    }

    /// One epoch over the examples in `order`, one batch per step; returns
    /// the steps' mean loss.
    fn epoch(
        &mut self,
        x: ArrayView2<f64>,
        y: ArrayView2<f64>,
        order: &[usize],
        training: &Training,
    ) -> Result<f64> {
        let mut weighted = 0.0;
        for batch in order.chunks(training.batch.rows(order.len())) {
            let (x_batch, y_batch) = (x.select(Axis(0), batch), y.select(Axis(0), batch));
            let (loss, grads) = self.backward(x_batch.view(), y_batch.view())?;
            self.update(&grads, training.learning_rate);
            weighted += loss * batch.len() as f64;
        }
        Ok(weighted / order.len() as f64)
    }

    /// Whether every weight and bias is a finite number.
    pub fn is_finite(&self) -> bool {
        self.layers().iter().all(|layer| {
            layer
                .weights
                .iter()
                .chain(&layer.bias)
                .all(|w| w.is_finite())
        })
    }
}
