//! `lab lesson`.

/// Arguments of `lab lesson`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs `lab lesson`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`lab lesson` is not available yet")
}
