//! The `finite-diff` crate.
