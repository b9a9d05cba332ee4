//! The fast path of the lecture's network: the same forward pass,
//! backpropagation and update as the textbook crate [`network`]
//! (`crates/network/src/backprop.rs`, the code to read beside the slides),
//! computed fast enough to beat numpy. `lab train` and `lab bench network`
//! use it; the tests check it equal to the textbook path to 1e-12 on random
//! networks and batches.
//!
//! What makes it fast, none of which a student needs to read:
//!
//! - [`Trainer`] allocates the activations, deltas and gradients once, so an
//!   epoch creates no arrays (which matters for networks as small as the
//!   lecture's 2-4-1, whose epoch takes microseconds);
//! - the buffers are stored column by column, each column on a 64-byte
//!   boundary, so the tiny layers' products, σ and δ ∘ σ' run along long
//!   contiguous columns (`src/buffers.rs`);
//! - those loops are compiled for AVX-512, AVX2 and plain x86-64 and chosen
//!   when the program runs (`multiversion`), and σ's exponential is written
//!   out without branches so that it vectorises (`src/vector.rs`);
//! - large layers' products go to the `gemm` crate, on all cores.
//!
//! ```
//! use network::{Dataset, Network};
//! let data = Dataset::moons(50, 0.1, 0);
//! let net = Network::new(&[2, 4, 1], 0)?;
//! let (loss, grads) = fastnet::backward(&net, data.x.view(), data.y.view())?;
//! let (expected_loss, expected) = net.backward(data.x.view(), data.y.view())?;
//! assert!((loss - expected_loss).abs() < 1e-12);
//! for (fast, textbook) in grads.to_vec().iter().zip(expected.to_vec()) {
//!     assert!((fast - textbook).abs() < 1e-12);
//! }
//! # Ok::<(), network::Error>(())
//! ```

mod buffers;
mod trainer;
mod vector;

use buffers::Buffers;
use ndarray::{Array2, ArrayView2};
use network::{Gradients, Network, Result};
pub use trainer::{Trainer, train};

/// The forward pass of [`Network::forward`]: every layer's activations
/// `[a⁰ = x, a¹, …, aᴸ = p]`, one row per example.
///
/// # Errors
/// [`network::Error::InputWidth`] when `x` has not one column per input.
pub fn forward(net: &Network, x: ArrayView2<f64>) -> Result<Vec<Array2<f64>>> {
    net.check_inputs(x)?;
    let mut buffers = Buffers::new(&net.sizes(), x.nrows());
    buffers.forward(net.layers(), x);
    Ok(buffers.into_activations(x))
}

/// Backpropagation as [`Network::backward`] computes it: the loss of the
/// batch and the gradient of every Θˡ and bˡ.
///
/// # Errors
/// A shape error when `x` or `y` does not fit the network.
pub fn backward(net: &Network, x: ArrayView2<f64>, y: ArrayView2<f64>) -> Result<(f64, Gradients)> {
    net.check_batch(x, y)?;
    let mut buffers = Buffers::new(&net.sizes(), x.nrows());
    buffers.forward(net.layers(), x);
    let loss = buffers.backward(net.layers(), x, y);
    Ok((loss, buffers.into_gradients()))
}
