//! JupyterLab on the lecture's notebooks, with the start page open.

use crate::Workspace;
use crate::setup::Environment;
use anyhow::{Context, Result};

/// The notebook JupyterLab opens first.
pub const START_PAGE: &str = "00-start-here.ipynb";

/// How JupyterLab starts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Open a browser tab (JupyterLab's default).
    pub browser: bool,
    /// The port to serve on; without one JupyterLab takes 8888 or the next
    /// free port.
    pub port: Option<u16>,
}

/// The command that serves JupyterLab on `notebooks/` (`python -m
/// jupyterlab`), with the course's kernelspec and the start page as the
/// page it opens.
pub fn command(
    environment: &Environment,
    workspace: &Workspace,
    options: Options,
) -> std::process::Command {
    let mut command = environment.python();
    command
        .args(["-m", "jupyterlab"])
        .arg(format!(
            "--ServerApp.root_dir={}",
            workspace.notebooks().display()
        ))
        // LabApp sets the server's default page (the printed address, the tab opened).
        .arg(format!("--LabApp.default_url=/lab/tree/{START_PAGE}"))
        // In a container a student is often root, which JupyterLab refuses
        // by default; for anyone else the setting changes nothing.
        .arg("--ServerApp.allow_root=True")
        .current_dir(workspace.notebooks());
    if !options.browser {
        command.arg("--no-browser");
    }
    if let Some(port) = options.port {
        // The port asked for, or an error: not silently the next one.
        command
            .arg(format!("--ServerApp.port={port}"))
            .arg("--ServerApp.port_retries=0");
    }
    command
}

/// Serves JupyterLab until it is stopped (Ctrl-C twice). On Unix the
/// process becomes JupyterLab, so Ctrl-C reaches it alone.
///
/// # Errors
/// When JupyterLab cannot be started, or exits with an error.
pub fn serve(environment: &Environment, workspace: &Workspace, options: Options) -> Result<()> {
    become_program(command(environment, workspace, options), "JupyterLab")
}

/// Runs a server until it is stopped: on Unix this process becomes it
/// (`exec`), so Ctrl-C reaches the server alone; elsewhere it waits for it.
///
/// # Errors
/// When `name` cannot be started, or exits with an error.
pub fn become_program(mut command: std::process::Command, name: &str) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let error = command.exec();
        Err(error).with_context(|| format!("cannot start {name}"))
    }
    #[cfg(not(unix))]
    {
        let status = command
            .status()
            .with_context(|| format!("cannot start {name}"))?;
        if !status.success() {
            anyhow::bail!("{name} exited with {status}");
        }
        Ok(())
    }
}
