//! The course's notebook tooling, behind `cargo lab notebooks`, `cargo lab
//! test` and `cargo lab book`.
//!
//! - [`python`]: the project's Python environment (`.venv`), made and filled
//!   with pip on first use;
//! - [`kernel`]: the evcxr Jupyter kernel (installed with cargo at a pinned
//!   version) and the course's kernelspec, which gives every kernel the same
//!   settings — the students' kernels in JupyterLab and the test kernels;
//! - [`setup`]: all of the above in one call, idempotent and fast once done;
//! - [`runner`]: executes notebooks on the real kernel, reports each one and
//!   its cells' times, and keeps the executed copies;
//! - [`book`]: turns executed notebooks into a static HTML site and checks it;
//! - [`slides`]: the notebooks' slideshow metadata, and reveal.js decks of
//!   the executed notebooks;
//! - [`lab`]: starts JupyterLab on the notebooks;
//! - [`offline`]: finds what a published folder would load from the network;
//! - [`browser`]: the Chromium the browser tests drive with Playwright.
//!
//! The settings every kernel gets live in one folder, `tools/jupyter/kernel/`:
//! `evcxr.toml` (cells compiled without optimisation), `init.evcxr` (evcxr's
//! shared `:cache` of compiled dependencies), `cargo-config.toml` (the crates
//! the notebooks load compiled with optimisation) and `launch.py`, which the
//! kernelspec runs to start evcxr in a build folder kept between kernels.

pub mod book;
pub mod browser;
pub mod kernel;
pub mod lab;
pub mod offline;
pub mod python;
pub mod runner;
pub mod setup;
pub mod slides;

pub use setup::{Environment, Needs};
pub use workspace::Workspace;

use anyhow::{Context, Result, bail};
use std::process::{Command, Output};

/// This tool's folder in a checkout, holding `kernel/` and `python/`.
fn tool_dir(workspace: &Workspace) -> std::path::PathBuf {
    workspace.tool("jupyter")
}

/// Runs `command` to its end and returns its output; when it cannot start
/// or fails, one line: "cannot start PROGRAM", or `failure` followed by the
/// last line the program wrote to stderr.
///
/// # Errors
/// When the program cannot start or exits with a failure.
pub fn output_of(command: &mut Command, failure: impl FnOnce() -> String) -> Result<Output> {
    let program = command.get_program().to_string_lossy().into_owned();
    let output = command
        .output()
        .with_context(|| format!("cannot start {program}"))?;
    if !output.status.success() {
        bail!("{}: {}", failure(), last_line(&output.stderr));
    }
    Ok(output)
}

/// The last non-empty line of a program's output, to end a one-line error.
fn last_line(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .lines()
        .rev()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("")
        .to_owned()
}
