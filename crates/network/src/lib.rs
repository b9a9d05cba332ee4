//! The `network` crate.
