//! The lecture's neural network, vectorized with [`ndarray`]: fully connected
//! layers of sigmoid units, trained by backpropagation and gradient descent.
//!
//! - **Computational Graphs & Backpropagation with Matrixes.** Layer l holds
//!   the weights Θˡ, of shape (units in l, units in l−1), and the biases bˡ
//!   ([`Layer`], [`Network`]). A batch holds one example per row, so the
//!   forward pass is aˡ = σ(aˡ⁻¹ (Θˡ)ᵀ + bˡ): the transpose of the recap
//!   question ([`Network::activations`]). The loss is J = 1/(2m) Σ (p − y)²
//!   ([`Network::loss`]).
//! - **Backpropagation.** δ_p = p − y, δ_a = (Θ²)ᵀ (δ_p ∘ σ'(z_p)), from the
//!   last layer down to the first, then Θˡ_ij ← Θˡ_ij − α a_j δ_i, averaged
//!   over the batch ([`Network::backward`], [`Network::update`]). The
//!   [`gradient check`](Network::gradient_check) compares it with the
//!   numeric gradient.
//! - **Backpropagation & Gradient descent.** The whole training set, mini-
//!   batches or one example per step, a learning rate α, the loss of every
//!   epoch ([`Network::train`], [`Trainer`], [`Batch`]).
//! - **Implementing a neural network.** Data made in code or read from CSV
//!   ([`Dataset`]), accuracy, and saving the model as JSON.
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
//!
//! Training allocates its activations, deltas and gradients once
//! ([`Trainer`]); an epoch then creates no arrays, which matters for networks
//! as small as the lecture's. Products of large layers go to the `gemm`
//! crate (feature `gemm`, which `lab` turns on), which packs blocks into
//! memory of its own that it keeps between calls, or else to ndarray's own
//! product.

mod backprop;
mod check;
mod data;
mod error;
mod model;
mod network;
mod train;
mod vector;

pub use data::{Dataset, class_of};
pub use error::{Error, Result};
pub use finite_diff::GradientCheck;
pub use network::{
    Gradients, Layer, Network, init_range, mean_squared_loss, sigmoid, sigmoid_prime,
};
pub use train::{Batch, Trainer, Training};

/// ndarray, re-exported so that notebooks and users get the same version.
pub use ndarray;
