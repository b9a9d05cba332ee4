//! `lab bench first-cells` and `first-cells-lab`: how long a student waits
//! for a notebook's first two code cells in a fresh kernel of the course's
//! kernelspec, run at once without the kernel's warm-up (a kernel not told
//! its notebook) and with it, and after reading `--read` seconds, with it.
//! Every figure is also given as a multiple of a trivial cell (`1 + 1`) in
//! the same kernel, since the machine may be shared. Targets: after reading,
//! the first two cells within 2 s; at once, the warm-up costs the student
//! nothing.
//!
//! `first-cells` talks to the kernels as Jupyter's clients do
//! (`tools/jupyter/python/first_cells.py`; the reading starts when the
//! kernel answers). `first-cells-lab` is the student's own path
//! (`first_cells_lab.py`): JupyterLab on a student's folder (as the class
//! server fills it), each notebook opened in headless Chromium, the cells
//! run with Shift+Enter; the reading starts when the notebook is opened, so
//! it includes JupyterLab's start of the page and of the kernel.

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

    /// The largest of the next cells as a multiple of the trivial cell, as
    /// a table cell ("–" when none were timed).
    fn next_ratio(&self) -> String {
        if self.next.is_empty() {
            return format!("{:>10}", "–");
        }
        let most = self
            .next
            .iter()
            .fold(0.0_f64, |most, &s| most.max(s / self.trivial));
        format!("{most:>9.1}×")
    }
}

/// One run of `first_cells_lab.py`.
#[derive(Clone, Deserialize)]
struct LabRun {
    notebook: String,
    read_s: f64,
    first_two_s: Option<f64>,
    trivial_s: Option<f64>,
    problem: Option<String>,
}

impl LabRun {
    /// As a kernel run (no later cells are timed in JupyterLab).
    fn into_run(self) -> Run {
        Run {
            first_two: self.first_two_s.unwrap_or(f64::NAN),
            trivial: self.trivial_s.unwrap_or(f64::NAN),
            next: Vec::new(),
            error: self
                .problem
                .or_else(|| self.first_two_s.is_none().then(|| "no figure".to_owned())),
        }
    }
}

/// Runs `lab bench first-cells-lab`: every notebook in JupyterLab, at once
/// without and with the warm-up, and after reading `read` seconds.
pub fn run_lab(read: f64) -> Result<()> {
    let workspace = crate::venv::workspace()?;
    let environment = Environment::ensure(&workspace, Needs::TESTS)?;
    let chromium = jupyter::browser::chromium()?;
    // A fresh student's folder, as the class server fills it.
    let folder = workspace.target().join("first-cells-lab");
    if folder.exists() {
        std::fs::remove_dir_all(&folder)
            .with_context(|| format!("cannot remove {}", folder.display()))?;
    }
    hub::student::prepare(&workspace, &folder)?;
    let names: Vec<String> = workspace
        .all_notebooks()?
        .iter()
        .filter_map(|path| Some(path.file_name()?.to_string_lossy().into_owned()))
        .collect();
    eprintln!(
        "lab: {} notebooks in JupyterLab, three fresh kernels each",
        names.len()
    );
    let lab_runs = |reads: &[f64], warm_up: bool| -> Result<Vec<LabRun>> {
        let mut python = environment.python();
        python.stderr(Stdio::inherit());
        let mut args = vec![
            "--chromium".to_owned(),
            chromium.display().to_string(),
            "--folder".to_owned(),
            folder.display().to_string(),
            "--port".to_owned(),
            hub::server::free_port()?.to_string(),
        ];
        if !warm_up {
            args.push("--without-warm-up".to_owned());
        }
        args.push("--read".to_owned());
        args.extend(reads.iter().map(f64::to_string));
        args.extend(names.iter().cloned());
        let script = workspace.tool("jupyter").join("python/first_cells_lab.py");
        let report = super::python_json(python, &script, &args, "the JupyterLab run")?;
        serde_json::from_value(report["runs"].clone()).context("the JupyterLab run printed no runs")
    };
    let today = lab_runs(&[0.0], false)?;
    let warm = lab_runs(&[0.0, read], true)?;
    print_table(&paired(today, &warm, read));
    Ok(())
}

/// Each notebook's run without the warm-up (`today`) beside its runs with
/// it (`warm`), at once and after reading `read` seconds.
fn paired(today: Vec<LabRun>, warm: &[LabRun], read: f64) -> Report {
    let notebooks = today
        .into_iter()
        .map(|cold| {
            let of = |read_s: f64| {
                warm.iter()
                    .find(|run| run.notebook == cold.notebook && run.read_s == read_s)
                    .map_or_else(missing, |run| run.clone().into_run())
            };
            Notebook {
                notebook: cold.notebook.clone(),
                at_once: of(0.0),
                read: of(read),
                today: cold.into_run(),
            }
        })
        .collect();
    Report { read, notebooks }
}

/// A run that did not happen.
fn missing() -> Run {
    Run {
        first_two: f64::NAN,
        trivial: f64::NAN,
        next: Vec::new(),
        error: Some("not run".to_owned()),
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
            "{:<36} {} {}   {} {}",
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
    let at_once = report
        .notebooks
        .iter()
        .filter(|n| ok(&n.today) && ok(&n.at_once));
    let extra: Vec<f64> = at_once
        .clone()
        .map(|n| n.at_once.first_two - n.today.first_two)
        .collect();
    let extra_ratio: Vec<f64> = at_once
        .map(|n| n.at_once.first_two / n.at_once.trivial - n.today.first_two / n.today.trivial)
        .collect();
    println!(
        "after reading {:.0} s, first two cells within {TARGET_S} s: {read_met} of {} notebooks",
        report.read,
        report.notebooks.len()
    );
    if !extra.is_empty() {
        println!(
            "at once, with the warm-up minus without: median {:+.2} s, most {:+.2} s; \
             as multiples of the trivial cell, median {:+.1}",
            super::network::median(extra.clone()),
            extra.iter().copied().fold(f64::MIN, f64::max),
            super::network::median(extra_ratio)
        );
    }
}
