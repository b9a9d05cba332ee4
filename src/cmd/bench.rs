//! `lab bench`: the benchmarks, each run side by side with its Python
//! reference, and the class server's capacity.

mod first_cells;
mod graph;
mod hub;
mod network;
mod playground;

/// Arguments of `lab bench`.
#[derive(clap::Args)]
pub struct Args {
    /// Which benchmark to run (graph and network when omitted).
    #[arg(value_enum)]
    which: Option<Which>,
    /// `hub`: the class sizes to simulate, one after the other.
    #[arg(long, value_name = "N,N…", value_delimiter = ',', default_values_t = [1, 5, 10, 20],
          value_parser = clap::value_parser!(u16).range(1..=200))]
    students: Vec<u16>,
    /// `hub`: the mean seconds a student reads the notebook before its first cell;
    /// `first-cells`: the seconds they read.
    #[arg(long, value_name = "SECONDS", default_value_t = 15.0)]
    read: f64,
    /// `hub`: the mean seconds a student pauses before each cell after the first.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    think: f64,
    /// `hub`: the seconds over which a class's students arrive.
    #[arg(long, value_name = "SECONDS", default_value_t = 20.0)]
    arrival: f64,
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
    /// The class server: simulated students on a JupyterHub, on loopback.
    Hub,
    /// A notebook's first cells in fresh kernels: at once, and after reading.
    FirstCells,
    /// The same in JupyterLab, each notebook opened in headless Chromium.
    FirstCellsLab,
}

/// Runs `lab bench`.
pub fn run(args: Args) -> anyhow::Result<()> {
    match args.which {
        Some(Which::Graph) => graph::run(),
        Some(Which::Network) => network::run(),
        Some(Which::Playground) => playground::run(),
        Some(Which::Hub) => {
            let students: Vec<usize> = args.students.iter().map(|&n| usize::from(n)).collect();
            hub::run(&students, args.read, args.think, args.arrival)
        }
        Some(Which::FirstCells) => first_cells::run(args.read),
        Some(Which::FirstCellsLab) => first_cells::run_lab(args.read),
        None => graph::run().and_then(|()| network::run()),
    }
}

/// Runs a Python script of the benchmarks with `python` (a command with the
/// interpreter and its environment; its stderr is captured unless the
/// command says otherwise) and parses the one JSON object it prints; `what`
/// names it in the one-line error when it cannot start, fails (with the last
/// line of its stderr) or prints no JSON.
fn python_json(
    mut python: std::process::Command,
    script: &std::path::Path,
    args: &[String],
    what: &str,
) -> anyhow::Result<serde_json::Value> {
    use anyhow::Context;
    let output = python
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
            .unwrap_or("its messages are above");
        anyhow::bail!("{what} failed: {}", last.trim());
    }
    serde_json::from_slice(&output.stdout).with_context(|| format!("{what} printed no JSON"))
}
