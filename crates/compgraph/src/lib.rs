//! The `compgraph` crate.
