//! The teaching crates of lecture 3 (backpropagation) behind one dependency.
//!
//! Every notebook starts with the same cell,
//!
//! ```text
//! :dep lecture = { path = "../crates/lecture" }
//! ```
//!
//! so all notebooks share one compiled set of crates: the first notebook a
//! student opens compiles it once, every later one loads it from evcxr's
//! cache. The crates are re-exported under their own names, together with
//! the libraries their types come from, so a notebook never names a
//! crates.io crate (`:dep` would resolve its version afresh).
//!
//! ```
//! use lecture::compgraph::Graph;
//! use lecture::network::sigmoid;
//!
//! // The slides' sigmoid neuron outputs 0.73.
//! assert!((sigmoid(1.0) - 0.73).abs() < 0.005);
//! let mut g = Graph::new();
//! let (x, y, z) = (g.input("x", -2.0), g.input("y", 5.0), g.input("z", -4.0));
//! let q = g.add(x, y);
//! let f = g.mul(q, z);
//! assert_eq!(g.value(f), -12.0);
//! ```

pub use compgraph;
pub use descent;
pub use finite_diff;
pub use network;
pub use plots;

/// ndarray, the arrays of the network and its data.
pub use network::ndarray;
/// Random numbers for the notebooks' own experiments.
pub use plots::{ndarray_rand, rand};
