//! The `course` crate.
