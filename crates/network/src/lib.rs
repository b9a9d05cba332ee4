//! The lecture's neural network in plain [`ndarray`]: fully connected layers
//! of sigmoid units, trained by backpropagation and gradient descent. This is
//! the textbook version, to read beside the slides; `crates/fastnet` runs
//! the same computation fast (for `lab train` and `lab bench`) and is tested
//! equal to it.
//!
//! **A batch holds one example per row**, everywhere in this crate: the
//! inputs x are (m × inputs), the targets y (m × outputs), every layer's
//! activations (m × units).
//!
//! - **Computational Graphs & Backpropagation with Matrixes.** Layer l holds
//!   the weights Θˡ, of shape (units in l, units in l−1), and the biases bˡ
//!   ([`Layer`], [`Network`]). The forward pass computes
//!   aˡ = σ(aˡ⁻¹ (Θˡ)ᵀ + bˡ): the transpose of the recap question
//!   ([`Network::forward`]). The loss is J = 1/(2m) Σ (p − y)²
//!   ([`Network::loss`]).
//! - **Backpropagation.** δ_p = p − y, δ_z = δ_p ∘ σ'(z),
//!   δ_a = (Θ)ᵀ δ_z from the last layer down to the first, then
//!   Θˡ_ij ← Θˡ_ij − α a_j δ_i, averaged over the batch
//!   ([`Network::backward`], [`Network::update`], all in
//!   `src/backprop.rs`). The [`gradient check`](Network::gradient_check)
//!   compares it with the numeric gradient.
//! - **Backpropagation & Gradient descent.** The whole training set, mini-
//!   batches or one example per step, a learning rate α, the loss of every
//!   epoch ([`Network::train`], [`Training`], [`Batch`]), and what went wrong
//!   when α was too large ([`Diagnosis`]).
//! - **Implementing a neural network.** Data made in code ([`Dataset`]) and
//!   accuracy; with the `files` feature (on by default), data read from CSV
//!   and the model saved as JSON.
//!
//! ```
//! use network::{Dataset, Network, Training};
//!
//! let moons = Dataset::moons(200, 0.1, 0);
//! let mut net = Network::new(&[2, 16, 1], 0)?;
//! let (x, y) = (moons.x.view(), moons.y.view());
//! let losses = net.train(x, y, &Training::new(3000, 8.0), |_, _| {})?;
//! assert!(losses[2999] < losses[0]);
//! assert!(net.accuracy(x, y)? >= 0.95);
//! # Ok::<(), network::Error>(())
//! ```

mod backprop;
mod check;
#[cfg(feature = "files")]
mod csv_file;
mod data;
mod diagnose;
mod error;
#[cfg(feature = "files")]
mod model;
mod network;
mod train;

pub use backprop::{Trace, one_example};
pub use data::{Dataset, class_of};
pub use diagnose::{Diagnosis, RISE, SATURATED, diagnose};
pub use error::{Error, Result};
pub use finite_diff::{GradientCheck, NumericGradient};
pub use network::{
    Gradients, Layer, Network, init_epsilon, mean_squared_loss, sigmoid, sigmoid_prime,
};
pub use train::{Batch, Training};

/// ndarray, re-exported so that notebooks and users get the same version.
pub use ndarray;
