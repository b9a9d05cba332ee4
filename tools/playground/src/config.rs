//! The playground's settings, as the page keeps them in its URL
//! (`#data=moons&noise=0.1&hidden=4&lr=3&batch=10`, like TensorFlow
//! Playground's `state.ts`): every setting is a link an instructor can put
//! on a slide. The page sends the pairs of its URL; this module checks them
//! and says in one line what is wrong.

use crate::Error;
use std::collections::{BTreeMap, HashMap};

/// The data sets of the playground.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Data {
    /// Two interleaving half-moons.
    Moons,
    /// A circle inside a circle.
    Circles,
    /// XOR in the plane.
    Xor,
    /// Two interleaved spirals.
    Spiral,
    /// Two Gaussian blobs.
    Blobs,
    /// The user's CSV file: two feature columns, then the target (0 or 1).
    Csv,
    /// Notebook 08's tiny 2-2-1 network with weights set by hand, and its
    /// one example x = (0.05, 0.10), y = 0.01.
    Slide,
}

impl Data {
    /// The names the URL uses, in the order the page lists them.
    pub const NAMES: [&'static str; 7] =
        ["moons", "circles", "xor", "spiral", "blobs", "csv", "slide"];

    /// The data sets, in the order of [`NAMES`](Self::NAMES).
    pub const ALL: [Data; 7] = [
        Data::Moons,
        Data::Circles,
        Data::Xor,
        Data::Spiral,
        Data::Blobs,
        Data::Csv,
        Data::Slide,
    ];

    fn from_name(name: &str) -> Result<Self, Error> {
        Data::NAMES
            .iter()
            .position(|&known| known == name)
            .map(|i| Data::ALL[i])
            .ok_or_else(|| {
                Error::Setting(format!(
                    "unknown data set `{name}`: use one of {}",
                    Data::NAMES.join(", ")
                ))
            })
    }
}

/// Every setting of a playground run.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The data set.
    pub data: Data,
    /// Standard deviation of the Gaussian noise added to the inputs.
    pub noise: f64,
    /// Examples made (ignored for a CSV file and the slide's example).
    pub examples: usize,
    /// Percentage of the examples used for training; the rest is the test set.
    pub train_percent: usize,
    /// Units of every hidden layer (the network has 2 inputs and 1 output).
    pub hidden: Vec<usize>,
    /// The learning rate α.
    pub learning_rate: f64,
    /// Examples per gradient-descent step: 0 is the full batch.
    pub batch: usize,
    /// Seed of the data, the initial weights and the shuffling.
    pub seed: u64,
    /// Epochs trained between two frames while playing.
    pub speed: usize,
}

impl Default for Config {
    /// The page's first view: the lecture's network with one hidden layer
    /// of 4 units on 200 moons.
    fn default() -> Self {
        Config {
            data: Data::Moons,
            noise: 0.1,
            examples: 200,
            train_percent: 50,
            hidden: vec![4],
            learning_rate: 3.0,
            batch: 10,
            seed: 0,
            speed: 5,
        }
    }
}

/// The most examples or units a setting may ask for: the page has to stay
/// responsive.
const MAX_EXAMPLES: usize = 5_000;
const MAX_UNITS: usize = 16;
const MAX_LAYERS: usize = 6;
const MAX_SPEED: usize = 1_000;

impl Config {
    /// The settings given by `pairs` (a URL's `key=value` pairs), the
    /// defaults for the others.
    ///
    /// ```
    /// use playground::{Config, Data};
    /// let config = Config::from_pairs([("data", "circles"), ("hidden", "4,2"), ("lr", "0.5")])?;
    /// assert_eq!((config.data, config.hidden, config.learning_rate), (Data::Circles, vec![4, 2], 0.5));
    /// let error = Config::from_pairs([("lr", "NaN")]).unwrap_err();
    /// assert_eq!(error.to_string(), "the learning rate α must be a positive number, got NaN");
    /// # Ok::<(), playground::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Setting`] naming the first unknown key or bad value.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, Error> {
        let mut config = Config::default();
        for (key, value) in pairs {
            config.set(key, value.trim())?;
        }
        if config.data == Data::Slide {
            config.hidden = vec![2]; // the slide's network is 2-2-1
        }
        config.check()?;
        Ok(config)
    }

    /// [`from_pairs`](Self::from_pairs) for the map the page sends.
    ///
    /// # Errors
    /// As [`from_pairs`](Self::from_pairs).
    pub fn from_map(map: &HashMap<String, String>) -> Result<Self, Error> {
        Self::from_pairs(map.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), Error> {
        match key {
            "data" => self.data = Data::from_name(value)?,
            "noise" => self.noise = number(value, "the noise")?,
            "examples" => self.examples = count(value, "the number of examples")?,
            "train" => self.train_percent = count(value, "the training percentage")?,
            "hidden" => self.hidden = layers(value)?,
            "lr" => self.learning_rate = number(value, "the learning rate α")?,
            "batch" => self.batch = count(value, "the batch size")?,
            "seed" => self.seed = count(value, "the seed")? as u64,
            "speed" => self.speed = count(value, "the speed")?,
            other => {
                return Err(Error::Setting(format!(
                    "unknown setting `{other}`: use data, noise, examples, train, hidden, lr, batch, seed or speed"
                )));
            }
        }
        Ok(())
    }

    /// The ranges of the values.
    fn check(&self) -> Result<(), Error> {
        let problem = if !(self.learning_rate.is_finite() && self.learning_rate > 0.0) {
            format!(
                "the learning rate α must be a positive number, got {}",
                self.learning_rate
            )
        } else if !(self.noise.is_finite() && (0.0..=1.0).contains(&self.noise)) {
            format!("the noise must be between 0 and 1, got {}", self.noise)
        } else if !(2..=MAX_EXAMPLES).contains(&self.examples) {
            format!(
                "the number of examples must be between 2 and {MAX_EXAMPLES}, got {}",
                self.examples
            )
        } else if !(10..=90).contains(&self.train_percent) {
            format!(
                "the training percentage must be between 10 and 90, got {}",
                self.train_percent
            )
        } else if !(1..=MAX_SPEED).contains(&self.speed) {
            format!(
                "the speed must be between 1 and {MAX_SPEED} epochs per frame, got {}",
                self.speed
            )
        } else {
            return Ok(());
        };
        Err(Error::Setting(problem))
    }

    /// The settings as the URL's pairs, every one of them: what the page
    /// shows in its controls.
    ///
    /// ```
    /// use playground::Config;
    /// let config = Config::from_pairs([("hidden", "4,2")])?;
    /// assert_eq!(config.to_map()["hidden"], "4,2");
    /// assert_eq!(Config::from_map(&config.to_map().into_iter().map(|(k, v)| (k.to_string(), v)).collect())?, config);
    /// # Ok::<(), playground::Error>(())
    /// ```
    pub fn to_map(&self) -> BTreeMap<&'static str, String> {
        let hidden: Vec<String> = self.hidden.iter().map(usize::to_string).collect();
        let data = Data::NAMES[Data::ALL.iter().position(|&d| d == self.data).unwrap_or(0)];
        BTreeMap::from([
            ("data", data.to_string()),
            ("noise", self.noise.to_string()),
            ("examples", self.examples.to_string()),
            ("train", self.train_percent.to_string()),
            ("hidden", hidden.join(",")),
            ("lr", self.learning_rate.to_string()),
            ("batch", self.batch.to_string()),
            ("seed", self.seed.to_string()),
            ("speed", self.speed.to_string()),
        ])
    }

    /// The units per layer: 2 inputs, the hidden layers, 1 output.
    pub fn sizes(&self) -> Vec<usize> {
        let mut sizes = vec![2];
        sizes.extend(&self.hidden);
        sizes.push(1);
        sizes
    }
}

fn number(value: &str, name: &str) -> Result<f64, Error> {
    value
        .parse()
        .map_err(|_| Error::Setting(format!("{name} must be a number, got `{value}`")))
}

fn count(value: &str, name: &str) -> Result<usize, Error> {
    value
        .parse()
        .map_err(|_| Error::Setting(format!("{name} must be a whole number ≥ 0, got `{value}`")))
}

/// Hidden layers as `4,2` (empty: no hidden layer).
fn layers(value: &str) -> Result<Vec<usize>, Error> {
    if value.is_empty() {
        return Ok(Vec::new());
    }
    let units: Vec<usize> = value
        .split(',')
        .map(|units| count(units.trim(), "the units of a hidden layer"))
        .collect::<Result<_, _>>()?;
    if let Some(empty) = units.iter().position(|&u| u == 0) {
        return Err(Error::Setting(format!(
            "hidden layer {} has 0 units: every layer needs at least one",
            empty + 1
        )));
    }
    if units.len() > MAX_LAYERS || units.iter().any(|&u| u > MAX_UNITS) {
        return Err(Error::Setting(format!(
            "at most {MAX_LAYERS} hidden layers of at most {MAX_UNITS} units, got `{value}`"
        )));
    }
    Ok(units)
}
