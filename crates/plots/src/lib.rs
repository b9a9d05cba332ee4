//! The `plots` crate.
