//! `lab test`.

/// Arguments of `lab test`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs `lab test`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`lab test` is not available yet")
}
