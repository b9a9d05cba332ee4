//! `lab bench graph`.

/// Runs the graph benchmark.
pub fn run() -> anyhow::Result<()> {
    anyhow::bail!("`lab bench graph` is not available yet")
}
