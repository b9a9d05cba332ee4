//! `lab book`: the lecture as a static HTML site.
//!
//! Executes every notebook with the real kernel (as `lab test` does, keeping
//! the executed copies in `target/notebooks/`), then writes one page per
//! notebook and a table of contents with nbconvert (the `jupyter` crate).

use crate::venv::workspace;
use anyhow::{Result, bail};
use jupyter::{Environment, Needs, book, runner};
use std::path::PathBuf;

/// Arguments of `lab book`.
#[derive(clap::Args)]
pub struct Args {
    /// The book's folder [default: target/book].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Seconds allowed for each notebook.
    #[arg(long, default_value_t = 600, value_name = "SECONDS")]
    timeout: u64,
}

/// Runs `lab book`.
pub fn run(args: Args) -> Result<()> {
    let workspace = workspace()?;
    let out = args.out.unwrap_or_else(|| workspace.target().join("book"));
    let files = workspace.all_notebooks()?;
    let options = runner::Options {
        timeout: args.timeout,
        jobs: 1,
    };
    let report = runner::run(&workspace, &files, &options);
    if report.failed() > 0 {
        bail!(
            "{} of {} notebooks failed; the book needs every one",
            report.failed(),
            files.len()
        );
    }
    let executed = report.executed();
    let environment = Environment::ensure(&workspace, Needs::default())?;
    book::build(&environment, &executed, &out)?;
    let problems = book::check(&executed, &out)?;
    if let Some(problem) = problems.first() {
        bail!("the book in {} is incomplete: {problem}", out.display());
    }
    println!("book: {}", out.join("index.html").display());
    Ok(())
}
