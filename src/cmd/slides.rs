//! `lab slides`: the lecture as reveal.js slide decks.
//!
//! Executes every notebook with the real kernel (as `lab book` does), then
//! writes one deck per notebook and an index with nbconvert's slides
//! exporter (the `jupyter` crate), reveal.js and MathJax copied beside them:
//! the folder loads nothing from the network, so it can be presented from a
//! USB stick or published as it is.

use crate::venv::workspace;
use anyhow::{Result, bail};
use jupyter::slides;
use std::path::PathBuf;

/// Arguments of `lab slides`.
#[derive(clap::Args)]
pub struct Args {
    /// The decks' folder [default: target/slides].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Seconds allowed for each notebook.
    #[arg(long, default_value_t = 600, value_name = "SECONDS")]
    timeout: u64,
}

/// Runs `lab slides`.
pub fn run(args: Args) -> Result<()> {
    let workspace = workspace()?;
    let out = args
        .out
        .unwrap_or_else(|| workspace.target().join("slides"));
    let (environment, executed) = super::book::execute_all(&workspace, args.timeout)?;
    slides::build(&environment, &executed, &out)?;
    let problems = slides::check(&executed, &out)?;
    if let Some(problem) = problems.first() {
        bail!("the slides in {} are incomplete: {problem}", out.display());
    }
    println!("slides: {}", out.join("index.html").display());
    Ok(())
}
