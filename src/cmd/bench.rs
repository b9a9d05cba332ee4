//! `lab bench`: the benchmarks, each run side by side with its Python reference.

mod graph;
mod network;
mod playground;

/// Arguments of `lab bench`.
#[derive(clap::Args)]
pub struct Args {
    /// Which benchmark to run (graph and network when omitted).
    #[arg(value_enum)]
    which: Option<Which>,
}

/// The benchmarks.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Which {
    /// The computational graph against Python micrograd.
    Graph,
    /// The network crate against a numpy implementation.
    Network,
    /// The playground's boundary frames per second, on the server and in Chromium.
    Playground,
}

/// Runs `lab bench`.
pub fn run(args: Args) -> anyhow::Result<()> {
    match args.which {
        Some(Which::Graph) => graph::run(),
        Some(Which::Network) => network::run(),
        Some(Which::Playground) => playground::run(),
        None => graph::run().and_then(|()| network::run()),
    }
}

/// Runs a Python script of the benchmarks with `python` and parses the one
/// JSON object it prints; `what` names it in the one-line error when it
/// cannot start, fails (with the last line of its stderr) or prints no JSON.
fn python_json(
    python: &std::path::Path,
    script: &std::path::Path,
    args: &[String],
    what: &str,
) -> anyhow::Result<serde_json::Value> {
    use anyhow::Context;
    let output = std::process::Command::new(python)
        .arg(script)
        .args(args)
        .output()
        .with_context(|| format!("could not run {}", script.display()))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        anyhow::bail!("{what} failed: {}", last.trim());
    }
    serde_json::from_slice(&output.stdout).with_context(|| format!("{what} printed no JSON"))
}
