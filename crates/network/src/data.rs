//! Training data: inputs x with one example per row and targets y with the
//! same rows, made in code: two half-moons, two circles, two spirals, two
//! blobs, XOR. With the `files`
//! feature, also read from CSV (`src/csv_file.rs`).

use crate::{Error, Result};
use ndarray::{Array2, ArrayView1, Axis, array};
use ndarray_rand::RandomExt;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::{Distribution, Normal, Uniform};
use std::f64::consts::PI;

/// Inputs and targets, one example per row.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// The inputs, shape (m, features).
    pub x: Array2<f64>,
    /// The targets, shape (m, outputs).
    pub y: Array2<f64>,
}

impl Dataset {
    /// A data set from inputs and targets.
    ///
    /// # Errors
    /// [`Error::RowCount`] when they have a different number of rows.
    pub fn new(x: Array2<f64>, y: Array2<f64>) -> Result<Self> {
        if x.nrows() != y.nrows() {
            return Err(Error::RowCount {
                inputs: x.nrows(),
                targets: y.nrows(),
            });
        }
        Ok(Dataset { x, y })
    }

    /// The data set called `name`, as `lab train --data` and `lab bench`
    /// name them: `moons`, `circles` or `spiral` (noise 0.1), `blobs` or
    /// `xor` with `m` examples,
    /// `random` with `m` rows of `inputs` features and `outputs` one-hot
    /// targets, or else a CSV file with `inputs` feature columns (`m` is then
    /// the file's). `seed` seeds the noise.
    ///
    /// ```
    /// use network::Dataset;
    /// assert_eq!(Dataset::by_name("moons", 200, 2, 1, 0)?, Dataset::moons(200, 0.1, 0));
    /// assert_eq!(Dataset::by_name("random", 5, 784, 10, 0)?.y.dim(), (5, 10));
    /// let error = Dataset::by_name("swiss roll", 200, 2, 1, 0).unwrap_err();
    /// assert_eq!(
    ///     error.to_string(),
    ///     "unknown data `swiss roll`: use moons, circles, spiral, blobs, xor, random or a CSV file"
    /// );
    /// # Ok::<(), network::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::UnknownData`] for another name that is no existing file, and
    /// the errors of [`from_csv`](Self::from_csv).
    pub fn by_name(name: &str, m: usize, inputs: usize, outputs: usize, seed: u64) -> Result<Self> {
        match name {
            "moons" => Ok(Dataset::moons(m, 0.1, seed)),
            "circles" => Ok(Dataset::circles(m, 0.1, seed)),
            "spiral" => Ok(Dataset::spiral(m, 0.1, seed)),
            "blobs" => Ok(Dataset::blobs(m, seed)),
            "xor" => Ok(Dataset::xor(m, seed)),
            "random" => Ok(Dataset::random(m, inputs, outputs, seed)),
            #[cfg(feature = "files")]
            file if file.ends_with(".csv") || std::path::Path::new(file).exists() => {
                Dataset::from_csv(file, inputs)
            }
            other => Err(Error::UnknownData(other.to_string())),
        }
    }

    /// The number of examples m.
    pub fn len(&self) -> usize {
        self.x.nrows()
    }

    /// Whether there are no examples.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The class of every example: for one target column, 1 when y ≥ 0.5;
    /// for several (one-hot), the column holding the largest value.
    pub fn classes(&self) -> Vec<usize> {
        self.y.rows().into_iter().map(class_of).collect()
    }

    /// The first two features of every example as (x₁, x₂) points, for
    /// plotting 2-D data (empty when there are fewer than two features).
    pub fn points(&self) -> Vec<(f64, f64)> {
        if self.x.ncols() < 2 {
            return Vec::new();
        }
        self.x
            .rows()
            .into_iter()
            .map(|row| (row[0], row[1]))
            .collect()
    }

    /// Two interleaving half-moons: `m` points, half on the upper arc
    /// (cos t, sin t) with class 0, half on the lower arc (1 − cos t,
    /// ½ − sin t) with class 1, t ∈ [0, π], plus Gaussian noise of standard
    /// deviation `noise` on each coordinate.
    ///
    /// ```
    /// let moons = network::Dataset::moons(200, 0.0, 0);
    /// assert_eq!(moons.x.dim(), (200, 2));
    /// assert_eq!(moons.classes().iter().filter(|&&c| c == 1).count(), 100);
    /// // Without noise the first point of the upper moon is (cos 0, sin 0) = (1, 0).
    /// assert_eq!(moons.x.row(0).to_vec(), vec![1.0, 0.0]);
    /// ```
    pub fn moons(m: usize, noise: f64, seed: u64) -> Self {
        let upper = m / 2;
        let lower = m - upper;
        let angle = |i: usize, n: usize| {
            if n > 1 {
                PI * i as f64 / (n - 1) as f64
            } else {
                0.0
            }
        };
        let mut x = Array2::zeros((m, 2));
        let mut y = Array2::zeros((m, 1));
        for i in 0..upper {
            let t = angle(i, upper);
            x.row_mut(i).assign(&array![t.cos(), t.sin()]);
        }
        for i in 0..lower {
            let t = angle(i, lower);
            x.row_mut(upper + i)
                .assign(&array![1.0 - t.cos(), 0.5 - t.sin()]);
            y[[upper + i, 0]] = 1.0;
        }
        add_noise(&mut x, noise, seed);
        Dataset { x, y }
    }

    /// Two circles around the origin: `m` points, half evenly spaced on the
    /// circle of radius 1 with class 0, half on the circle of radius ½ with
    /// class 1, plus Gaussian noise of standard deviation `noise` on each
    /// coordinate. No line separates them, nor the strip between two
    /// parallel lines: a hidden layer needs three units to enclose the
    /// inner circle.
    ///
    /// ```
    /// let circles = network::Dataset::circles(100, 0.0, 0);
    /// for (row, class) in circles.x.rows().into_iter().zip(circles.classes()) {
    ///     let radius = row[0].hypot(row[1]);
    ///     assert!((radius - if class == 1 { 0.5 } else { 1.0 }).abs() < 1e-12);
    /// }
    /// ```
    pub fn circles(m: usize, noise: f64, seed: u64) -> Self {
        let mut circles = two_curves(m, |share, class| {
            let (t, radius) = (2.0 * PI * share, 1.0 - 0.5 * class);
            [radius * t.cos(), radius * t.sin()]
        });
        add_noise(&mut circles.x, noise, seed);
        circles
    }

    /// Two interleaved spirals, as in TensorFlow Playground: `m` points,
    /// half with class 0 at radius r = i/n and angle 3.5π r, half with
    /// class 1 on the same spiral turned by π, plus Gaussian noise of
    /// standard deviation `noise` on each coordinate. The hardest of the
    /// data sets: it needs several layers.
    ///
    /// ```
    /// let spiral = network::Dataset::spiral(100, 0.0, 0);
    /// // The two arms are point reflections of each other through the origin.
    /// let (first, other) = (spiral.x.row(10), spiral.x.row(60));
    /// assert!((first[0] + other[0]).abs() < 1e-12 && (first[1] + other[1]).abs() < 1e-12);
    /// assert_eq!(spiral.classes()[60], 1);
    /// ```
    pub fn spiral(m: usize, noise: f64, seed: u64) -> Self {
        let mut spiral = two_curves(m, |r, class| {
            let t = 3.5 * PI * r + PI * class;
            [r * t.sin(), r * t.cos()]
        });
        add_noise(&mut spiral.x, noise, seed);
        spiral
    }

    /// The same data with Gaussian noise of standard deviation `noise`
    /// added to every input, drawn from `seed`: the noise control of the
    /// playground for data sets made without one (blobs, XOR).
    /// `Dataset::moons(m, noise, seed)` is `Dataset::moons(m, 0.0, seed)`
    /// with this noise.
    ///
    /// ```
    /// use network::Dataset;
    /// assert_eq!(Dataset::moons(50, 0.0, 3).with_noise(0.2, 3), Dataset::moons(50, 0.2, 3));
    /// assert_eq!(Dataset::xor(50, 1).with_noise(0.0, 2), Dataset::xor(50, 1));
    /// ```
    pub fn with_noise(mut self, noise: f64, seed: u64) -> Self {
        add_noise(&mut self.x, noise, seed);
        self
    }

    /// Two Gaussian blobs of `m` points in all, standard deviation ½, around
    /// (−1, −1) with class 0 and (1, 1) with class 1.
    ///
    /// ```
    /// let blobs = network::Dataset::blobs(100, 0);
    /// let mean_x = blobs.x.column(0).mean().unwrap();
    /// assert!(mean_x.abs() < 0.2); // the two centres average to 0
    /// ```
    pub fn blobs(m: usize, seed: u64) -> Self {
        let mut x = Array2::zeros((m, 2));
        let mut y = Array2::zeros((m, 1));
        for i in 0..m {
            let class = (i >= m / 2) as u8 as f64;
            let centre = 2.0 * class - 1.0;
            x.row_mut(i).fill(centre);
            y[[i, 0]] = class;
        }
        add_noise(&mut x, 0.5, seed);
        Dataset { x, y }
    }

    /// XOR in the plane: `m` points uniform in [−1, 1]², class 1 where the
    /// two coordinates have opposite signs. No line separates the classes.
    ///
    /// ```
    /// let xor = network::Dataset::xor(50, 0);
    /// for (row, class) in xor.x.rows().into_iter().zip(xor.classes()) {
    ///     assert_eq!(class == 1, (row[0] > 0.0) != (row[1] > 0.0));
    /// }
    /// ```
    pub fn xor(m: usize, seed: u64) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        let uniform = Uniform::new_inclusive(-1.0, 1.0).expect("a valid range");
        let x = Array2::random_using((m, 2), uniform, &mut rng);
        let y = x.map_axis(Axis(1), |row| {
            ((row[0] > 0.0) != (row[1] > 0.0)) as u8 as f64
        });
        let y = y.insert_axis(Axis(1));
        Dataset { x, y }
    }

    /// The XOR truth table: the 4 points (0, 0), (0, 1), (1, 0), (1, 1)
    /// with targets 0, 1, 1, 0.
    ///
    /// ```
    /// let table = network::Dataset::xor_table();
    /// assert_eq!(table.classes(), vec![0, 1, 1, 0]);
    /// ```
    pub fn xor_table() -> Self {
        Dataset {
            x: array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]],
            y: array![[0.0], [1.0], [1.0], [0.0]],
        }
    }

    /// `m` random rows: inputs uniform in [0, 1], targets one-hot over
    /// `outputs` classes drawn uniformly. Data without a pattern, for timing.
    ///
    /// ```
    /// let rows = network::Dataset::random(5, 784, 10, 0);
    /// assert_eq!((rows.x.dim(), rows.y.dim()), ((5, 784), (5, 10)));
    /// assert!(rows.y.rows().into_iter().all(|row| row.sum() == 1.0));
    /// ```
    pub fn random(m: usize, inputs: usize, outputs: usize, seed: u64) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        let unit = Uniform::new(0.0, 1.0).expect("a valid range");
        let x = Array2::random_using((m, inputs), unit, &mut rng);
        let mut y = Array2::zeros((m, outputs));
        if let Ok(class) = Uniform::new(0, outputs) {
            for mut row in y.rows_mut() {
                row[class.sample(&mut rng)] = 1.0;
            }
        }
        Dataset { x, y }
    }
}

/// The class of one target row (see [`Dataset::classes`]).
pub fn class_of(y: ArrayView1<f64>) -> usize {
    if y.len() == 1 {
        (y[0] >= 0.5) as usize
    } else {
        y.iter()
            .enumerate()
            .fold((0, f64::NEG_INFINITY), |best, (i, &v)| {
                if v > best.1 { (i, v) } else { best }
            })
            .0
    }
}

/// `m` points, the first half of class 0 and the rest of class 1: example
/// k of a half of n is `point(k / n, class)`.
fn two_curves(m: usize, point: impl Fn(f64, f64) -> [f64; 2]) -> Dataset {
    let first = m / 2;
    let mut x = Array2::zeros((m, 2));
    let mut y = Array2::zeros((m, 1));
    for i in 0..m {
        let (share, class) = if i < first {
            (i as f64 / first as f64, 0.0)
        } else {
            ((i - first) as f64 / (m - first) as f64, 1.0)
        };
        x.row_mut(i).assign(&ArrayView1::from(&point(share, class)));
        y[[i, 0]] = class;
    }
    Dataset { x, y }
}

fn add_noise(x: &mut Array2<f64>, noise: f64, seed: u64) {
    if noise > 0.0 && noise.is_finite() {
        let mut rng = StdRng::seed_from_u64(seed);
        let normal = Normal::new(0.0, noise).expect("noise is a finite positive number");
        x.mapv_inplace(|v| v + normal.sample(&mut rng));
    }
}
