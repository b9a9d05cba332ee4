//! The hub test's browser step: two students log in through the hub's real
//! login page in headless Chromium and each runs notebook 05 to the end in
//! their own JupyterLab (`tools/hub/python/browser_students.py`, Playwright
//! driving the system's Chromium).

use crate::load::{self, NOTEBOOK};
use crate::{Hub, Setup, seed, server};
use anyhow::{Context, Result, bail};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tempfile::TempDir;
use wait_timeout::ChildExt;
use workspace::Workspace;

/// The students of the browser step.
const STUDENTS: &[&str] = &["ada", "grace"];

/// Runs the browser step on a throw-away hub served by `lab hub` (the
/// program `lab`, as an instructor runs it): each of [`STUDENTS`] logs in
/// with the password it printed, runs Run All Cells on notebook 05, every
/// code cell gets an execution count and none shows an error; then Ctrl-C
/// stops `lab hub`, which exits cleanly with no process of the hub left
/// running; neither kernel compiled a crate, and the checkout's notebooks
/// are as they were (the students' copies, autosaved, are in the hub's
/// folder). `lab hub`'s output is written to `log`.
///
/// # Errors
/// When Chromium is missing, the hub does not start, or any check fails.
pub fn two_students(workspace: &Workspace, setup: &Setup, log: &Path, lab: &Path) -> Result<()> {
    let chromium = jupyter::browser::installed()?;
    let notebook = workspace.notebooks().join(NOTEBOOK);
    let before = contents(&workspace.notebooks())?;
    let (_folder, hub) = throwaway_sharing_seed(workspace, setup)?;
    let password = server::password(&hub)?;
    let url = server::url(&server::Options {
        port: server::free_port()?,
        ..server::Options::default()
    });
    let mut served = serve(lab, &hub, &url, log)?;
    let mut script = setup.environment.python();
    script
        .arg(hub.tool_dir().join("python").join("browser_students.py"))
        .arg("--chromium")
        .arg(&chromium)
        .args(["--url", &url, "--password", &password])
        .args(["--notebook", NOTEBOOK])
        .arg("--homes")
        .arg(hub.students())
        .args(["--code-cells", &load::code_cells(&notebook)?.to_string()])
        .arg("--screenshots")
        .arg(log.parent().unwrap_or(Path::new(".")))
        .args(STUDENTS);
    let status = script.status();
    let stopped = interrupt(&mut served, &hub);
    if !status
        .context("cannot start the browser step's Python")?
        .success()
    {
        bail!("the students' notebooks in the browser failed (see the lines above)");
    }
    stopped?;
    for student in STUDENTS {
        load::shared_build_used(&hub.students().join(student), &setup.seed)
            .with_context(|| format!("{student}'s kernel"))?;
    }
    if contents(&workspace.notebooks())? != before {
        bail!(
            "the checkout's notebooks changed: a student's copy was saved into {}",
            workspace.notebooks().display()
        );
    }
    Ok(())
}

/// A throw-away hub folder whose shared build is `setup`'s (`seed`, a link
/// to it), so `lab hub` there finds it ready instead of compiling its own.
fn throwaway_sharing_seed(workspace: &Workspace, setup: &Setup) -> Result<(TempDir, Hub)> {
    let folder = tempfile::Builder::new()
        .prefix("lab-hub-")
        .tempdir()
        .context("cannot create a temporary folder")?;
    let hub = Hub::at(workspace.clone(), folder.path().to_path_buf());
    let seed_folder = setup
        .seed
        .parent()
        .context("the shared build has no folder")?;
    std::os::unix::fs::symlink(seed_folder, seed::folder(&hub))
        .context("cannot link the shared build")?;
    Ok((folder, hub))
}

/// Starts `lab hub --port PORT` (of `url`) in its own process group, as
/// from a terminal, for `hub`'s folder, its output in `log`; waits until
/// the hub answers.
fn serve(lab: &Path, hub: &Hub, url: &str, log: &Path) -> Result<Child> {
    let output =
        std::fs::File::create(log).with_context(|| format!("cannot write {}", log.display()))?;
    let port = url.rsplit(':').next().unwrap_or_default();
    let mut child = Command::new(lab)
        .args(["hub", "--port", port])
        .env("LAB_HUB_DIR", &hub.state)
        .stdout(Stdio::from(output.try_clone()?))
        .stderr(Stdio::from(output))
        .process_group(0)
        .spawn()
        .context("cannot start lab hub")?;
    if let Err(error) = server::wait_until_answering(&mut child, url, log) {
        let _ = child.kill();
        let _ = child.wait();
        server::stop_leftovers(hub);
        return Err(error);
    }
    Ok(child)
}

/// Ctrl-C to `lab hub` (SIGINT to its process group, as a terminal sends
/// it): it must exit successfully within a minute, leaving no process of
/// the hub running. Whatever is left is stopped here.
fn interrupt(served: &mut Child, hub: &Hub) -> Result<()> {
    let group = rustix::process::Pid::from_child(served);
    let _ = rustix::process::kill_process_group(group, rustix::process::Signal::INT);
    let exited = served.wait_timeout(Duration::from_secs(60));
    let status = match exited {
        Ok(Some(status)) => status,
        _ => {
            let _ = served.kill();
            let _ = served.wait();
            server::stop_leftovers(hub);
            bail!("lab hub did not exit within a minute of Ctrl-C");
        }
    };
    let still_running = server::processes(hub).len();
    server::stop_leftovers(hub);
    if !status.success() {
        bail!("lab hub exited with {status} after Ctrl-C");
    }
    if still_running > 0 {
        bail!("{still_running} of the hub's processes still run after lab hub exited");
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
