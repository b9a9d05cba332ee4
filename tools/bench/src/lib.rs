//! The benchmarks of `lab bench`: the workloads they time and the Python
//! references they are compared with (`python/`, run in the project's
//! virtual environment).
//!
//! - [`graph`]: the computational graph (crates/compgraph) against Python
//!   micrograd (`python/micrograd_reference.py`);
//! - the network's fast path (crates/fastnet) against numpy
//!   (`python/numpy_reference.py`), timed by `lab bench network`.

pub mod graph;
