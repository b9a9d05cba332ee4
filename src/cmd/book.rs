//! `lab book`: the lecture as a static HTML site.
//!
//! Executes every notebook with the real kernel (as `lab test` does, keeping
//! the executed copies in `target/notebooks/`), then writes one page per
//! notebook, an index with the lecture's slide → page table, and MathJax
//! with its fonts, with nbconvert (the `jupyter` crate). The folder loads
//! nothing from the network: it can be opened offline or published as it is.

use crate::venv::workspace;
use anyhow::{Result, bail};
use jupyter::{Environment, Needs, Workspace, book, runner};
use std::path::{Path, PathBuf};

/// Arguments of `lab book` and `lab slides`.
#[derive(clap::Args)]
pub struct Args {
    /// The folder to write [default: target/book, target/slides].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Seconds allowed for each notebook.
    #[arg(long, default_value_t = 600, value_name = "SECONDS")]
    timeout: u64,
}

/// A function that writes a published folder of executed notebooks.
pub type Build = fn(&Environment, &[PathBuf], &Path) -> Result<()>;
/// A function that lists what is wrong with a published folder.
pub type Check = fn(&[PathBuf], &Path) -> Result<Vec<String>>;

/// Runs `lab book`.
pub fn run(args: Args) -> Result<()> {
    publish(args, "book", book::build, book::check)
}

/// Executes every notebook, writes the folder `target/NAME` (or `--out`)
/// of the executed copies with `build`, and checks it with `check`.
pub fn publish(args: Args, name: &str, build: Build, check: Check) -> Result<()> {
    let workspace = workspace()?;
    let out = args.out.unwrap_or_else(|| workspace.target().join(name));
    let (environment, executed) = execute_all(&workspace, args.timeout)?;
    build(&environment, &executed, &out)?;
    let problems = check(&executed, &out)?;
    if let Some(problem) = problems.first() {
        bail!("the {name} in {} is incomplete: {problem}", out.display());
    }
    println!("{name}: {}", out.join("index.html").display());
    Ok(())
}

/// Executes every notebook with the real kernel, one at a time, and returns
/// the set-up environment and the executed copies, in the lecture's order:
/// what the book and the slides are made of.
///
/// # Errors
/// When a notebook fails (the book and the slides need every one), or the
/// set-up fails.
pub fn execute_all(workspace: &Workspace, timeout: u64) -> Result<(Environment, Vec<PathBuf>)> {
    let files = workspace.all_notebooks()?;
    let options = runner::Options { timeout, jobs: 1 };
    let report = runner::run(workspace, &files, &options);
    if report.failed() > 0 {
        bail!(
            "{} of {} notebooks failed; every one is needed",
            report.failed(),
            files.len()
        );
    }
    let environment = Environment::ensure(workspace, Needs::default())?;
    Ok((environment, report.executed()))
}
