//! `lab train`.

/// Arguments of `lab train`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs `lab train`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`lab train` is not available yet")
}
