//! `lab bench first-cells`: how long a student waits for a notebook's first
//! two code cells, in fresh kernels of the course's kernelspec
//! (`tools/jupyter/python/first_cells.py`): run at once without the kernel's
//! warm-up (a kernel not told its notebook) and with it, and after reading
//! `--read` seconds, with it. Every figure is also given as a multiple of a
//! trivial cell (`1 + 1`) in the same kernel, since the machine may be
//! shared. Targets: after reading, the first two cells within 2 s; at once,
//! the warm-up costs the student nothing.

use anyhow::{Context, Result};
use jupyter::{Environment, Needs};
use serde::Deserialize;
use std::process::Stdio;

/// The seconds the first two cells may take after the student has read.
const TARGET_S: f64 = 2.0;

/// The script's report.
#[derive(Deserialize)]
struct Report {
    read: f64,
    notebooks: Vec<Notebook>,
}

/// One notebook's three kernels.
#[derive(Deserialize)]
struct Notebook {
    notebook: String,
    today: Run,
    at_once: Run,
    read: Run,
}

/// One kernel's figures, in seconds.
#[derive(Deserialize)]
struct Run {
    first_two: f64,
    trivial: f64,
    next: Vec<f64>,
    error: Option<String>,
}

impl Run {
    /// `seconds` and its multiple of the trivial cell, as a table cell.
    fn cell(&self) -> String {
        if self.error.is_some() {
            return format!("{:>13}", "failed");
        }
        format!(
            "{:5.2} s {:4.1}×",
            self.first_two,
            self.first_two / self.trivial
        )
    }

    /// The largest of the next cells as a multiple of the trivial cell.
    fn next_ratio(&self) -> f64 {
        self.next
            .iter()
            .fold(0.0, |most, &s| most.max(s / self.trivial))
    }
}

/// Runs `lab bench first-cells`, the student reading `read` seconds in the
/// third kernel of each notebook.
pub fn run(read: f64) -> Result<()> {
    let workspace = crate::venv::workspace()?;
    let environment = Environment::ensure(&workspace, Needs::NOTEBOOKS)?;
    let notebooks = workspace.all_notebooks()?;
    eprintln!(
        "lab: {} notebooks, three fresh kernels each (about a minute per notebook)",
        notebooks.len()
    );
    let mut python = environment.python();
    python.stderr(Stdio::inherit()).env("RUST_BACKTRACE", "0");
    let mut args = vec!["--read".to_owned(), read.to_string()];
    args.extend(notebooks.iter().map(|path| path.display().to_string()));
    let script = workspace.tool("jupyter").join("python/first_cells.py");
    let report = super::python_json(python, &script, &args, "the first-cells run")?;
    let report: Report =
        serde_json::from_value(report).context("the first-cells run printed no figures")?;
    print_table(&report);
    Ok(())
}

/// The table, then the verdicts.
fn print_table(report: &Report) {
    println!(
        "first two code cells, fresh kernel, seconds and × a trivial cell (1 + 1) in the same kernel"
    );
    println!(
        "{:<36} {:^27}   {:^13}",
        "",
        "run at once",
        format!("read {:.0} s first", report.read)
    );
    println!(
        "{:<36} {:>13} {:>13}   {:>13} {:>10}",
        "notebook", "no warm-up", "warm-up", "warm-up", "next cells"
    );
    for notebook in &report.notebooks {
        println!(
            "{:<36} {} {}   {} {:>9.1}×",
            notebook.notebook,
            notebook.today.cell(),
            notebook.at_once.cell(),
            notebook.read.cell(),
            notebook.read.next_ratio()
        );
        let runs = [&notebook.today, &notebook.at_once, &notebook.read];
        for error in runs.iter().filter_map(|run| run.error.as_ref()) {
            println!("    {}: {error}", notebook.notebook);
        }
    }
    print_verdicts(report);
}

/// Whether the targets are met: after reading, within [`TARGET_S`]; at
/// once, the warm kernel against the cold one.
fn print_verdicts(report: &Report) {
    let ok = |run: &Run| run.error.is_none();
    let read_met = report
        .notebooks
        .iter()
        .filter(|n| ok(&n.read) && n.read.first_two <= TARGET_S)
        .count();
    let extra: Vec<f64> = report
        .notebooks
        .iter()
        .filter(|n| ok(&n.today) && ok(&n.at_once))
        .map(|n| n.at_once.first_two - n.today.first_two)
        .collect();
    println!(
        "after reading {:.0} s, first two cells within {TARGET_S} s: {read_met} of {} notebooks",
        report.read,
        report.notebooks.len()
    );
    if !extra.is_empty() {
        println!(
            "at once, with the warm-up minus without: median {:+.2} s, most {:+.2} s",
            super::network::median(extra.clone()),
            extra.iter().copied().fold(f64::MIN, f64::max)
        );
    }
}
