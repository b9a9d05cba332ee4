//! `lab grade`.

/// Arguments of `lab grade`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs `lab grade`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`lab grade` is not available yet")
}

/// The course self-check run by `lab test`: every exercise's stub fails its
/// checks, every reference solution passes them, and every exercise has a hint.
/// Returns whether everything held; prints one line per problem.
pub fn self_check() -> anyhow::Result<bool> {
    anyhow::bail!("the course self-check is not available yet")
}
