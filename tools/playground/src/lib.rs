//! The playground: the lecture's network trained live in the browser, as in
//! TensorFlow Playground, and — what TensorFlow Playground does not show —
//! backpropagation's numbers on the network diagram, one example at a time
//! (δ_p, σ', δ_z, δ_a per unit and ∂J/∂Θ per edge, from
//! [`network::Network::trace`]).
//!
//! The parts follow TensorFlow Playground's split: the network is the
//! `network` crate (trained by `fastnet`), which knows nothing of the page;
//! [`config`] is the URL's state, [`session`] one run and its data,
//! [`snapshot`] what is sent to the page, [`server`] the HTTP routes and the
//! stream of frames, and `assets/` the page itself (HTML, CSS and plain
//! JavaScript, compiled into the binary, so it works offline).
//!
//! ```
//! use playground::{Config, Session};
//! let config = Config::from_pairs([("data", "slide")])?;
//! let session = Session::new(config, None)?;
//! let view = session.step_view(0)?;
//! // Notebook 08's δ_p = p − y of the tiny network's one example.
//! assert_eq!(format!("{:.4}", view.layers[2][0].delta_a), "0.7414");
//! # Ok::<(), playground::Error>(())
//! ```

pub mod config;
mod error;
pub mod server;
pub mod session;
pub mod snapshot;

pub use config::{Config, Data};
pub use error::Error;
pub use server::{router, serve};
pub use session::Session;
