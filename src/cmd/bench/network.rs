//! `lab bench network`.

/// Runs the network benchmark.
pub fn run() -> anyhow::Result<()> {
    anyhow::bail!("`lab bench network` is not available yet")
}
