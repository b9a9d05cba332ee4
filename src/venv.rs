//! The Python virtual environment that `lab test` and `lab bench` use for
//! the Jupyter client and the Python references (numpy, micrograd).

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root (the folder holding the root `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Makes sure `.venv` exists at the workspace root with `packages` installed,
/// and returns the path of its Python interpreter. Idempotent: a package that
/// is already importable is not installed again.
///
/// # Errors
/// When `python3` is missing or pip fails.
pub fn ensure(packages: &[(&str, &str)]) -> Result<PathBuf> {
    let venv = workspace_root().join(".venv");
    let python = venv.join("bin").join("python");
    if !python.exists() {
        eprintln!("lab: creating the Python environment in {}", venv.display());
        run(Command::new("python3").arg("-m").arg("venv").arg(&venv))
            .context("python3 -m venv failed (is python3 installed?)")?;
    }
    let missing: Vec<&str> = packages
        .iter()
        .filter(|(_, module)| !importable(&python, module))
        .map(|(requirement, _)| *requirement)
        .collect();
    if !missing.is_empty() {
        eprintln!("lab: installing {}", missing.join(" "));
        run(Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
            .args(&missing))
        .context("pip install failed")?;
    }
    Ok(python)
}

fn importable(python: &Path, module: &str) -> bool {
    Command::new(python)
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|out| out.status.success())
}

fn run(command: &mut Command) -> Result<()> {
    let status = command.status()?;
    if !status.success() {
        bail!("{command:?} exited with {status}");
    }
    Ok(())
}
