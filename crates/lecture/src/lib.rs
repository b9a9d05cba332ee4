//! The teaching crates of lecture 3 (backpropagation) behind one dependency.
//!
//! Every notebook starts by loading this crate, the notebooks of the network
//! part with its `network` feature:
//!
//! ```text
//! :dep lecture = { path = "../crates/lecture" }
//! :dep lecture = { path = "../crates/lecture", features = ["network"] }
//! ```
//!
//! All notebooks share one compiled set of crates: the first notebook a
//! student opens compiles it once, every later one finds it compiled. The
//! crates are re-exported under their own names, together with the libraries
//! their types come from, so a notebook never names a crates.io crate (`:dep`
//! would resolve its version afresh).
//!
//! | re-export | slides | feature |
//! |---|---|---|
//! | [`descent`] | gradient descent in 1 and 2 dimensions | |
//! | [`finite_diff`] | numerical vs analytical gradients | |
//! | [`compgraph`] | computational graphs and their gates | |
//! | [`plots`] | every plot | |
//! | `network`, `ndarray`, `ndarray_rand`, `rand` | the recap, the matrix form, training | `network` |
//!
//! [`exercises::check`] is the check cell at the end of a notebook with
//! exercises: it runs the course's checker on them and shows a table.
//!
//! Why a feature: before a cell runs, evcxr reads the source of every crate
//! the notebook has loaded, to know the types of the cell's variables. ndarray
//! and rand with their dependencies add about 3 s to that, which the notebooks
//! on descent and graphs need not wait for.
//!
//! ```
//! use lecture::compgraph::Graph;
//!
//! // The slides' first graph: f = (x + y)·z at x = −2, y = 5, z = −4.
//! let mut g = Graph::new();
//! let (x, y, z) = (g.input("x", -2.0), g.input("y", 5.0), g.input("z", -4.0));
//! let q = g.add(x, y);
//! let f = g.mul(q, z);
//! assert_eq!(g.value(f), -12.0);
//! ```
#![cfg_attr(
    feature = "network",
    doc = r#"
With the `network` feature:

```
use lecture::network::sigmoid;

// The slides' sigmoid neuron outputs 0.73.
assert!((sigmoid(1.0) - 0.73).abs() < 0.005);
```
"#
)]

pub mod exercises;

pub use compgraph;
pub use descent;
pub use finite_diff;
pub use plots;

#[cfg(feature = "network")]
pub use network;

/// ndarray, the arrays of the network and its data.
#[cfg(feature = "network")]
pub use ndarray;
/// ndarray-rand: random arrays (`Array::random_using`) and `rand_distr`'s distributions.
#[cfg(feature = "network")]
pub use ndarray_rand;
/// rand: seeded random number generators.
#[cfg(feature = "network")]
pub use rand;
