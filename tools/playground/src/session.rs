//! One run of the playground: its data, split into training and test sets,
//! the network, the trainer and the epochs so far. It knows nothing of the
//! page; the server turns what it returns into JSON.

use crate::Error;
use crate::config::{Config, Data};
use crate::snapshot::{Extent, Frame, Setup, StepView};
use fastnet::Trainer;
use network::ndarray::{Array2, Axis, array, s};
use network::{Batch, Dataset, Layer, Network, Training, one_example};

/// A playground run.
pub struct Session {
    config: Config,
    train: Dataset,
    test: Dataset,
    net: Network,
    trainer: Trainer,
    epoch: usize,
    playing: bool,
    extent: Extent,
    /// The centres of the boundary picture's cells, one per row.
    grid: Array2<f64>,
}

impl Session {
    /// A run of `config` from its first epoch; `csv` is the user's file for
    /// [`Data::Csv`].
    ///
    /// # Errors
    /// [`Error::Setting`] for a CSV file that is malformed or has not two
    /// features and one target, and the network crate's errors.
    pub fn new(config: Config, csv: Option<&str>) -> Result<Self, Error> {
        let data = dataset(&config, csv)?;
        let extent = Extent::around(&data);
        let (train, test) = split(&data, &config);
        let net = if config.data == Data::Slide {
            slide_network()
        } else {
            Network::new(&config.sizes(), config.seed)?
        };
        let trainer = Trainer::new(&net, training(&config, train.len()), train.len())?;
        Ok(Session {
            config,
            train,
            test,
            net,
            trainer,
            epoch: 0,
            playing: false,
            extent,
            grid: extent.grid(),
        })
    }

    /// The settings of this run.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The network as it is now.
    pub fn network(&self) -> &Network {
        &self.net
    }

    /// What the page draws once: the points and the plot's extent.
    pub fn setup(&self) -> Setup {
        Setup::new(&self.train, &self.test, &self.net, self.extent)
    }

    /// The centres of the boundary picture's cells.
    pub fn grid(&self) -> &Array2<f64> {
        &self.grid
    }

    /// Starts or stops training between frames.
    pub fn set_playing(&mut self, playing: bool) {
        self.playing = playing;
    }

    /// Whether it trains between frames.
    pub fn playing(&self) -> bool {
        self.playing
    }

    /// The next frame while playing: `speed` more epochs, then the picture.
    /// `None` when paused.
    pub fn next_frame(&mut self) -> Option<Frame> {
        if !self.playing {
            return None;
        }
        let result = self.train_epochs(self.config.speed);
        Some(self.frame_after(result))
    }

    /// One epoch, then the picture (the page's step button).
    pub fn step(&mut self) -> Frame {
        let result = self.train_epochs(1);
        self.frame_after(result)
    }

    /// The picture as it is, without training.
    pub fn frame(&self) -> Frame {
        Frame::new(self, self.epoch, None)
    }

    /// The epochs trained so far.
    pub fn epoch(&self) -> usize {
        self.epoch
    }

    /// The training and the test set.
    pub fn data(&self) -> (&Dataset, &Dataset) {
        (&self.train, &self.test)
    }

    /// Backpropagation of training example `index` alone, every value of it
    /// (the page's step mode), from [`Network::trace`].
    ///
    /// # Errors
    /// [`Error::Setting`] when there is no such example.
    pub fn step_view(&self, index: usize) -> Result<StepView, Error> {
        if index >= self.train.len() {
            return Err(Error::Setting(format!(
                "there is no training example {index}: the training set has {} (0 to {})",
                self.train.len(),
                self.train.len().saturating_sub(1)
            )));
        }
        let x = one_example(self.train.x.row(index));
        let y = one_example(self.train.y.row(index));
        let trace = self.net.trace(x, y)?;
        Ok(StepView::new(index, self.train.y[[index, 0]], &trace))
    }

    fn train_epochs(&mut self, epochs: usize) -> Result<(), Error> {
        let (x, y) = (self.train.x.view(), self.train.y.view());
        for _ in 0..epochs {
            self.epoch += 1;
            if let Err(error) = self.trainer.epoch(&mut self.net, x, y, self.epoch) {
                self.playing = false;
                return Err(error.into());
            }
        }
        Ok(())
    }

    fn frame_after(&self, result: Result<(), Error>) -> Frame {
        Frame::new(self, self.epoch, result.err().map(|e| e.to_string()))
    }
}

/// The training settings of `config` for `m` training examples.
fn training(config: &Config, m: usize) -> Training {
    Training::new(1, config.learning_rate)
        .with_batch(Batch::of_size(config.batch, m))
        .with_seed(config.seed)
}

/// The examples `config` asks for.
fn dataset(config: &Config, csv: Option<&str>) -> Result<Dataset, Error> {
    let (m, noise, seed) = (config.examples, config.noise, config.seed);
    Ok(match config.data {
        Data::Moons => Dataset::moons(m, noise, seed),
        Data::Circles => Dataset::circles(m, noise, seed),
        Data::Spiral => Dataset::spiral(m, noise, seed),
        Data::Xor => Dataset::xor(m, seed).with_noise(noise, seed),
        Data::Blobs => Dataset::blobs(m, seed).with_noise(noise, seed.wrapping_add(1)),
        Data::Csv => csv_data(csv.unwrap_or(""))?,
        Data::Slide => Dataset::new(array![[0.05, 0.10]], array![[0.01]])?,
    })
}

/// The user's CSV: two features, then one target column of 0 and 1.
fn csv_data(text: &str) -> Result<Dataset, Error> {
    if text.trim().is_empty() {
        return Err(Error::Setting(
            "choose a CSV file first: two feature columns, then the target 0 or 1".into(),
        ));
    }
    let data = Dataset::read_csv(text.as_bytes(), 2, "the CSV file")?;
    if data.y.ncols() != 1 {
        return Err(Error::Setting(format!(
            "the CSV file has {} columns: the playground needs 3 (x1, x2, then the target 0 or 1)",
            data.y.ncols() + 2
        )));
    }
    if data.len() < 2 {
        return Err(Error::Setting(
            "the CSV file needs at least 2 examples, one to train on and one to test".into(),
        ));
    }
    Ok(data)
}

/// Every example of `data` whose position falls in the training part goes
/// to the training set, the others to the test set. The examples are taken
/// in an order shuffled by the seed, so that both sets hold both classes.
fn split(data: &Dataset, config: &Config) -> (Dataset, Dataset) {
    if data.len() == 1 {
        let empty = data.x.slice(s![0..0, ..]).to_owned();
        let none = data.y.slice(s![0..0, ..]).to_owned();
        return (data.clone(), Dataset { x: empty, y: none });
    }
    let order = shuffled(data.len(), config.seed);
    let train_rows = (data.len() * config.train_percent / 100).clamp(1, data.len() - 1);
    let pick = |rows: &[usize]| Dataset {
        x: data.x.select(Axis(0), rows),
        y: data.y.select(Axis(0), rows),
    };
    (pick(&order[..train_rows]), pick(&order[train_rows..]))
}

fn shuffled(m: usize, seed: u64) -> Vec<usize> {
    use rand::SeedableRng;
    use rand::seq::SliceRandom;
    let mut order: Vec<usize> = (0..m).collect();
    order.shuffle(&mut rand::rngs::StdRng::seed_from_u64(seed));
    order
}

/// Notebook 08's tiny network: Θ¹ = ((0.15, 0.20), (0.25, 0.30)),
/// b¹ = (0.35, 0.35), Θ² = (0.40, 0.45), b² = 0.60; its one example is
/// x = (0.05, 0.10), y = 0.01.
pub fn slide_network() -> Network {
    Network::from_layers(vec![
        Layer::new(array![[0.15, 0.20], [0.25, 0.30]], array![0.35, 0.35]),
        Layer::new(array![[0.40, 0.45]], array![0.60]),
    ])
    .expect("the slide's layers chain")
}
