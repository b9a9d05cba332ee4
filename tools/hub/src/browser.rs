//! The hub test's browser step: two students log in through the hub's real
//! login page in headless Chromium and each runs notebook 05 to the end in
//! their own JupyterLab (`tools/hub/python/browser_students.py`, Playwright
//! driving the system's Chromium).

use crate::load::{self, NOTEBOOK};
use crate::{Setup, server};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use workspace::Workspace;

/// The students of the browser step.
const STUDENTS: &[&str] = &["ada", "grace"];

/// Runs the browser step on a throw-away hub: each of [`STUDENTS`] logs in
/// with the password `cargo lab hub` prints, runs Run All Cells on notebook
/// 05, every code cell gets an execution count and none shows an error;
/// then neither kernel compiled a crate, the hub left no process running,
/// and the checkout's notebooks are as they were (the students' copies,
/// autosaved, are in the hub's folder). The hub's log is written to `log`.
///
/// # Errors
/// When Chromium is missing, the hub does not start, or any check fails.
pub fn two_students(workspace: &Workspace, setup: &Setup, log: &Path) -> Result<()> {
    let chromium = jupyter::browser::installed()?;
    let notebook = workspace.notebooks().join(NOTEBOOK);
    let before = contents(&workspace.notebooks())?;
    let (_folder, hub, mut running) = load::throwaway(workspace, setup, log)?;
    let mut script = setup.environment.python();
    script
        .arg(hub.tool_dir().join("python").join("browser_students.py"))
        .arg("--chromium")
        .arg(&chromium)
        .args([
            "--url",
            &running.url,
            "--password",
            &server::password(&hub)?,
        ])
        .args(["--notebook", NOTEBOOK])
        .arg("--homes")
        .arg(hub.students())
        .args(["--code-cells", &load::code_cells(&notebook)?.to_string()])
        .arg("--screenshots")
        .arg(log.parent().unwrap_or(Path::new(".")))
        .args(STUDENTS);
    let status = script
        .status()
        .context("cannot start the browser step's Python")?;
    let left = running.stop();
    if !status.success() {
        bail!("the students' notebooks in the browser failed (see the lines above)");
    }
    for student in STUDENTS {
        load::shared_build_used(&hub.students().join(student), &setup.seed)
            .with_context(|| format!("{student}'s kernel"))?;
    }
    let still_running = server::processes(&hub).len();
    if still_running > 0 {
        bail!(
            "{still_running} of the hub's processes still run after it stopped ({left} were left by the hub)"
        );
    }
    if contents(&workspace.notebooks())? != before {
        bail!(
            "the checkout's notebooks changed: a student's copy was saved into {}",
            workspace.notebooks().display()
        );
    }
    Ok(())
}

/// Every file in `folder` with its bytes, in name order.
fn contents(folder: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(folder).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot read {}", folder.display()))?;
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path())
                .with_context(|| format!("cannot read {}", entry.path().display()))?;
            files.push((entry.path().to_path_buf(), bytes));
        }
    }
    Ok(files)
}
