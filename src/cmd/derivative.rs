//! `lab derivative`.

/// Arguments of `lab derivative`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs `lab derivative`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`lab derivative` is not available yet")
}
