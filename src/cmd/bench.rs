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
