//! Simulated students on a throw-away hub, on loopback: the measurements of
//! `cargo lab bench hub` and the check of `cargo lab test --hub`.
//!
//! Each run starts a hub of its own, in a temporary folder, on a free port
//! of 127.0.0.1, with the shared build of the checkout's hub, and runs
//! `tools/hub/python/load.py` against it (see that script for what a
//! simulated student does and what is measured). The hub and every
//! student's server are stopped at the end, and the folder removed.

use crate::server::{self, Running};
use crate::{Hub, Setup, seed};
use anyhow::{Context, Result, bail};
use serde::Deserialize;
use std::path::Path;
use workspace::Workspace;

/// The notebook the simulated students run.
pub const NOTEBOOK: &str = "05-backprop-chain-rule.ipynb";

/// What the simulated class does.
#[derive(Debug, Clone, Copy)]
pub struct Class {
    /// How many students.
    pub students: usize,
    /// Only the notebook's first code cells (all of them when `None`).
    pub cells: Option<usize>,
    /// The mean seconds from opening the notebook to the first cell (the
    /// student reads the introduction; the kernel warms itself up).
    pub read: f64,
    /// The mean pause before each cell after the first, in seconds.
    pub think: f64,
    /// The seconds over which the students arrive, one after the other.
    pub arrival: f64,
}

/// One simulated student's measurements.
#[derive(Debug, Clone, Deserialize)]
pub struct Student {
    /// The hub user's name.
    pub name: String,
    /// Why the student stopped early (no server, no kernel).
    #[serde(default)]
    pub error: Option<String>,
    /// Seconds from the start request to a server answering.
    #[serde(default)]
    pub spawn_seconds: f64,
    /// The cells run, in order.
    pub cells: Vec<Cell>,
    /// The kernel's PSS just before the first cell (started, warmed up).
    #[serde(default)]
    pub kernel_idle_bytes: u64,
    /// The kernel's PSS after the last cell.
    #[serde(default)]
    pub kernel_after_bytes: u64,
    /// The PSS of the student's Jupyter server.
    #[serde(default)]
    pub server_bytes: u64,
    /// The size of the student's folder after the notebook.
    #[serde(default)]
    pub disk_bytes: u64,
    /// How often the kernel died and was restarted by the student's server
    /// (the student then ran the cell again).
    #[serde(default)]
    pub restarts: usize,
}

/// One cell a simulated student ran.
#[derive(Debug, Clone, Deserialize)]
pub struct Cell {
    /// The code cell's number, from 1.
    pub cell: usize,
    /// From the request to the kernel's reply.
    pub seconds: f64,
    /// `ok`, `error` or `timeout`.
    pub status: String,
    /// The kernel's error, when it failed.
    pub message: String,
}

impl Cell {
    /// Whether the kernel ran the cell without an error.
    pub fn passed(&self) -> bool {
        self.status == "ok"
    }
}

/// Runs `class` on a throw-away hub and returns each student's
/// measurements; the hub's log is written to `log`, the measurements beside it
/// (`.json`). The students' folders
/// and measurements are handed to `inspect` before the hub's folder goes.
///
/// # Errors
/// When the hub does not start or the load script fails as a whole.
pub fn simulate(
    workspace: &Workspace,
    setup: &Setup,
    class: Class,
    log: &Path,
    inspect: impl FnOnce(&Path, &[Student]) -> Result<()>,
) -> Result<Vec<Student>> {
    let (_folder, hub, running) = throwaway(workspace, setup, log)?;
    let mut script = setup.environment.python();
    script
        .arg(hub.tool_dir().join("python").join("load.py"))
        .args(["--url", &running.url, "--token", &running.token])
        .args(["--students", &class.students.to_string()])
        .arg("--notebook")
        .arg(workspace.notebooks().join(NOTEBOOK))
        .arg("--homes")
        .arg(hub.students())
        .args(["--prefix", &format!("s{}-", server::random_hex(2)?)])
        .args(["--read", &class.read.to_string()])
        .args(["--think", &class.think.to_string()])
        .args(["--arrival", &class.arrival.to_string()])
        .args(["--cells", &class.cells.unwrap_or(0).to_string()]);
    let output = jupyter::output_of(&mut script, || "the simulated students failed".into())?;
    drop(running);
    // Every student's cells, beside the hub's log, for a closer look.
    let figures = log.with_extension("json");
    std::fs::write(&figures, &output.stdout)
        .with_context(|| format!("cannot write {}", figures.display()))?;
    #[derive(Deserialize)]
    struct Answer {
        students: Vec<Student>,
    }
    let answer: Answer = serde_json::from_slice(&output.stdout)
        .context("the simulated students' report is not the JSON expected")?;
    inspect(&hub.students(), &answer.students)?;
    Ok(answer.students)
}

/// A throw-away hub: a temporary folder (removed when dropped), the hub in
/// it, running on a free port with the shared build of `setup`, its log in
/// `log`.
///
/// # Errors
/// When the folder cannot be made or the hub does not start.
pub fn throwaway(
    workspace: &Workspace,
    setup: &Setup,
    log: &Path,
) -> Result<(tempfile::TempDir, Hub, Running)> {
    let folder = tempfile::Builder::new()
        .prefix("lab-hub-")
        .tempdir()
        .context("cannot create a temporary folder")?;
    let hub = Hub::at(workspace.clone(), folder.path().to_path_buf());
    let running = Running::start(&hub, setup, log)?;
    Ok((folder, hub, running))
}

/// The hub test: two students each run notebook 05's first cell (its
/// `:dep lecture`) on a throw-away hub, and neither kernel compiles a crate
/// the notebooks load: every library in their build folders is the shared
/// build's own file.
///
/// # Errors
/// When a cell fails, or a student's kernel compiled a library, or it has
/// none (the shared build not used at all).
pub fn two_students(workspace: &Workspace, setup: &Setup, log: &Path) -> Result<()> {
    let class = Class {
        students: 2,
        cells: Some(1),
        read: 0.0,
        think: 0.0,
        arrival: 0.0,
    };
    simulate(workspace, setup, class, log, |homes, students| {
        if students.len() != class.students {
            bail!(
                "{} students reported, not {}",
                students.len(),
                class.students
            );
        }
        for student in students {
            if let Some(error) = &student.error {
                bail!("{}: {error}", student.name);
            }
            match student.cells.first() {
                Some(cell) if cell.passed() => {}
                Some(cell) => bail!("{}: the first cell failed: {}", student.name, cell.message),
                None => bail!("{} ran no cell", student.name),
            }
            shared_build_used(&homes.join(&student.name), &setup.seed)
                .with_context(|| format!("{}'s kernel", student.name))?;
        }
        Ok(())
    })?;
    Ok(())
}

/// Checks that the kernel build folders in a student's `home` hold the
/// `lecture` library and that none of their libraries was compiled there.
pub(crate) fn shared_build_used(home: &Path, seed_build: &Path) -> Result<()> {
    let builds = home.join(".kernels");
    let folders = std::fs::read_dir(&builds)
        .with_context(|| format!("no kernel build folder in {}", builds.display()))?;
    for folder in folders.filter_map(|entry| entry.ok().map(|entry| entry.path())) {
        if !folder.join("target").is_dir() {
            continue;
        }
        let libraries = seed::libraries(&folder)?;
        let has_lecture = libraries.iter().any(|library| {
            library
                .file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with("liblecture-"))
        });
        if !has_lecture {
            bail!("{} has no compiled lecture crate", folder.display());
        }
        let compiled = seed::compiled_beside(&folder, seed_build)?;
        if !compiled.is_empty() {
            let names: Vec<String> = compiled.iter().map(|p| p.display().to_string()).collect();
            bail!("compiled {} itself", names.join(", "));
        }
        return Ok(());
    }
    bail!("no kernel build in {}", builds.display())
}

/// How many code cells a notebook has.
///
/// # Errors
/// When the file is not a notebook.
pub fn code_cells(notebook: &Path) -> Result<usize> {
    let text = std::fs::read_to_string(notebook)
        .with_context(|| format!("cannot read {}", notebook.display()))?;
    let json: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a notebook", notebook.display()))?;
    let cells = json["cells"]
        .as_array()
        .with_context(|| format!("{} has no cells", notebook.display()))?;
    Ok(cells
        .iter()
        .filter(|cell| cell["cell_type"] == "code")
        .count())
}

/// The machine's 1-minute load average (0 when unknown).
pub fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0)
}
