//! `lab notebooks`: the lecture in JupyterLab.
//!
//! Sets up what is missing (the Python environment with JupyterLab, the
//! evcxr kernel, the course's kernelspec and its settings; see the `jupyter`
//! crate), then serves JupyterLab on `notebooks/` with the start page open.

use crate::venv::workspace;
use anyhow::Result;
use jupyter::{Environment, Needs, lab};

/// Arguments of `lab notebooks`.
#[derive(clap::Args)]
pub struct Args {
    /// Do not open a browser tab; open the printed address yourself.
    #[arg(long)]
    no_browser: bool,
    /// Serve on this port (JupyterLab's default: 8888, or the next free one).
    #[arg(long, value_name = "N")]
    port: Option<u16>,
    /// Only set everything up, then exit (for scripts and CI).
    #[arg(long, conflicts_with_all = ["no_browser", "port"])]
    setup: bool,
}

/// Runs `lab notebooks`.
pub fn run(args: Args) -> Result<()> {
    let workspace = workspace()?;
    let environment = Environment::ensure(&workspace, Needs::NOTEBOOKS)?;
    if args.setup {
        println!(
            "notebooks: ready (kernelspec in {}); start JupyterLab with `cargo lab notebooks`",
            environment.kernelspec().display()
        );
        return Ok(());
    }
    let options = lab::Options {
        browser: !args.no_browser,
        port: args.port,
    };
    eprintln!(
        "lab: starting JupyterLab on {}",
        workspace.notebooks().display()
    );
    lab::serve(&environment, &workspace, options)
}
