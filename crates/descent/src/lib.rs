//! The `descent` crate.
