//! `lab graph`.

/// Arguments of `lab graph`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs `lab graph`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`lab graph` is not available yet")
}
