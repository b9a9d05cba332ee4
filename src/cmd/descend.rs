//! `lab descend`.

/// Arguments of `lab descend`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs `lab descend`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`lab descend` is not available yet")
}
