//! The notebook runner: executes notebooks on the real evcxr kernel
//! (`python/run_notebooks.py` with nbclient), reports each one as it ends,
//! times every cell, and keeps the executed copies for the book.
//!
//! A notebook stored with outputs is refused before any kernel starts: the
//! notebooks are committed clean and run in memory, never written back.

use crate::Workspace;
use crate::setup::{Environment, Needs};
use anyhow::{Context, Result, bail};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// How the notebooks run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Seconds allowed for each notebook.
    pub timeout: u64,
    /// How many notebooks run at once.
    pub jobs: u32,
}

/// One cell's execution time.
#[derive(Debug, Clone, Deserialize)]
pub struct CellTime {
    /// The cell's number in the notebook, from 1.
    pub cell: usize,
    /// The cell's first line, to recognise it.
    pub first_line: String,
    /// Seconds from sending the cell to its last output.
    pub seconds: f64,
}

/// How one notebook went.
#[derive(Debug, Clone, Deserialize)]
pub struct NotebookResult {
    /// The notebook file.
    pub notebook: PathBuf,
    /// Whether every cell ran without an error.
    pub passed: bool,
    /// Seconds from starting the kernel to the last cell.
    pub seconds: f64,
    /// What went wrong, when it failed.
    pub failure: Option<String>,
    /// Seconds the kernel took to start.
    #[serde(default)]
    pub kernel_seconds: Option<f64>,
    /// The code cells' times, in order.
    #[serde(default)]
    pub cells: Vec<CellTime>,
    /// The executed copy with its outputs, when it passed.
    #[serde(default)]
    pub executed: Option<PathBuf>,
}

impl NotebookResult {
    fn refused(notebook: &Path, failure: String) -> Self {
        Self {
            notebook: notebook.to_owned(),
            passed: false,
            seconds: 0.0,
            failure: Some(failure),
            kernel_seconds: None,
            cells: Vec::new(),
            executed: None,
        }
    }

    /// The notebook's file name.
    pub fn name(&self) -> String {
        file_name(&self.notebook)
    }
}

/// Every notebook's result, in the order they ended.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// One result per notebook given.
    pub results: Vec<NotebookResult>,
}

impl Report {
    /// How many notebooks passed.
    pub fn passed(&self) -> usize {
        self.results.iter().filter(|result| result.passed).count()
    }

    /// How many notebooks failed.
    pub fn failed(&self) -> usize {
        self.results.len() - self.passed()
    }

    /// The `n` slowest cells of all notebooks, slowest first, each with its
    /// notebook's name.
    pub fn slowest_cells(&self, n: usize) -> Vec<(String, &CellTime)> {
        let mut cells: Vec<(String, &CellTime)> = self
            .results
            .iter()
            .flat_map(|result| result.cells.iter().map(|cell| (result.name(), cell)))
            .collect();
        cells.sort_by(|a, b| b.1.seconds.total_cmp(&a.1.seconds));
        cells.truncate(n);
        cells
    }

    /// The executed copies of the notebooks that passed, sorted by name.
    pub fn executed(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = self
            .results
            .iter()
            .filter_map(|result| result.executed.clone())
            .collect();
        files.sort();
        files
    }
}

fn file_name(file: &Path) -> String {
    file.file_name().map_or_else(
        || file.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// Runs `files`, printing a line per notebook as it ends. Notebooks stored
/// with outputs, missing or malformed fail first without a kernel; when the
/// kernel cannot be set up, every other notebook fails with that reason.
/// Executed copies go to [`Workspace::executed`].
pub fn run(workspace: &Workspace, files: &[PathBuf], options: &Options) -> Report {
    let mut report = Report::default();
    let mut clean = Vec::new();
    for file in files {
        match stored_outputs(file) {
            Ok(problems) if problems.is_empty() => clean.push(file.clone()),
            Ok(problems) => {
                let mut failure = "stored with outputs".to_owned();
                for problem in problems.iter().take(5) {
                    failure.push_str(&format!("\n    {problem}"));
                }
                failure.push_str(
                    "\n    (clear the outputs before committing: the notebook runs in memory)",
                );
                println!("notebook {} failed: {failure}", file_name(file));
                report.results.push(NotebookResult::refused(file, failure));
            }
            Err(error) => {
                println!("notebook {} failed: {error:#}", file_name(file));
                report
                    .results
                    .push(NotebookResult::refused(file, format!("{error:#}")));
            }
        }
    }
    if clean.is_empty() {
        return report;
    }
    let executed = Environment::ensure(workspace, Needs::default())
        .and_then(|environment| execute(&environment, workspace, &clean, options));
    match executed {
        Ok(results) => report.results.extend(results),
        Err(error) => {
            println!("notebooks: cannot run the notebooks: {error:#}");
            for file in &clean {
                let failure = format!("not run: {error:#}");
                report.results.push(NotebookResult::refused(file, failure));
            }
        }
    }
    report
}

/// The cells of a stored notebook that have outputs or execution counts.
///
/// # Errors
/// When the file is missing or is not a notebook (JSON with a `cells` list).
pub fn stored_outputs(file: &Path) -> Result<Vec<String>> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let notebook: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("{} is not valid JSON", file.display()))?;
    let Some(cells) = notebook.get("cells").and_then(|cells| cells.as_array()) else {
        bail!("{} is not a notebook (no list of cells)", file.display());
    };
    let mut problems = Vec::new();
    for (index, cell) in cells.iter().enumerate() {
        if cell.get("cell_type").and_then(|kind| kind.as_str()) != Some("code") {
            continue;
        }
        let number = index + 1;
        let outputs = cell.get("outputs").and_then(|outputs| outputs.as_array());
        if outputs.is_some_and(|outputs| !outputs.is_empty()) {
            problems.push(format!("cell {number} has outputs"));
        }
        if cell
            .get("execution_count")
            .is_some_and(|count| !count.is_null())
        {
            problems.push(format!("cell {number} has an execution count"));
        }
    }
    Ok(problems)
}

/// Runs the Python notebook runner on clean notebooks and reads its report.
fn execute(
    environment: &Environment,
    workspace: &Workspace,
    files: &[PathBuf],
    options: &Options,
) -> Result<Vec<NotebookResult>> {
    // The report, the kernels' logs and the executed copies.
    let scratch = workspace.executed();
    std::fs::create_dir_all(&scratch)
        .with_context(|| format!("cannot create {}", scratch.display()))?;
    let report = scratch.join("report.json");
    // A report left by an earlier run must not be read as this run's.
    let _ = std::fs::remove_file(&report);
    let status = environment
        .python()
        .arg(environment.script("run_notebooks.py"))
        .args(files)
        .arg("--timeout")
        .arg(options.timeout.to_string())
        .arg("--jobs")
        .arg(options.jobs.to_string())
        .arg("--logs")
        .arg(&scratch)
        .arg("--executed")
        .arg(&scratch)
        .arg("--report")
        .arg(&report)
        .status()
        .with_context(|| format!("cannot start {}", environment.python.display()))?;
    let text = std::fs::read_to_string(&report)
        .with_context(|| format!("the notebook runner failed ({status}) without a report"))?;
    serde_json::from_str(&text).context("the notebook runner's report is not valid JSON")
}
