//! The Python virtual environment that `lab test` and `lab bench` use for
//! the Jupyter client and the Python references (numpy, micrograd).
//!
//! It lives in `.venv` at the workspace root, or wherever the `LAB_VENV`
//! environment variable points.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root (the folder holding the root `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The folder of the virtual environment: `$LAB_VENV`, or `.venv` at the
/// workspace root.
pub fn location() -> PathBuf {
    match std::env::var_os("LAB_VENV") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => workspace_root().join(".venv"),
    }
}

/// Makes sure the virtual environment exists with `packages` installed, and
/// returns the path of its Python interpreter. Each package is a pair
/// (pip requirement, module to import). Idempotent: when every module is
/// already importable it only starts Python once to check.
///
/// # Errors
/// When `python3` is missing, cannot make a virtual environment, or pip fails.
pub fn ensure(packages: &[(&str, &str)]) -> Result<PathBuf> {
    let venv = location();
    let python = venv.join("bin").join("python");
    if !python.exists() {
        eprintln!("lab: creating the Python environment in {}", venv.display());
        run(Command::new("python3").arg("-m").arg("venv").arg(&venv)).context(
            "`python3 -m venv` failed (is python3 installed? On Debian or Ubuntu the \
             python3-venv package is needed as well)",
        )?;
    }
    let missing = missing_modules(&python, packages)?;
    if !missing.is_empty() {
        eprintln!(
            "lab: installing {} into {}",
            missing.join(" "),
            venv.display()
        );
        run(Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .args(&missing))
        .context("pip install failed")?;
        let still_missing = missing_modules(&python, packages)?;
        if !still_missing.is_empty() {
            bail!(
                "pip installed {} but Python cannot import them",
                still_missing.join(" ")
            );
        }
    }
    Ok(python)
}

/// The requirements of `packages` whose module Python cannot find.
fn missing_modules<'a>(python: &Path, packages: &[(&'a str, &str)]) -> Result<Vec<&'a str>> {
    const FIND: &str = "import importlib.util, sys
for name in sys.argv[1:]:
    try:
        print(importlib.util.find_spec(name) is not None)
    except ImportError:
        print(False)";
    let output = Command::new(python)
        .args(["-c", FIND])
        .args(packages.iter().map(|(_, module)| module))
        .output()
        .with_context(|| format!("cannot start {}", python.display()))?;
    if !output.status.success() {
        bail!(
            "{} failed: {}",
            python.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let found = String::from_utf8_lossy(&output.stdout);
    Ok(packages
        .iter()
        .zip(found.lines().chain(std::iter::repeat("False")))
        .filter(|(_, found)| *found != "True")
        .map(|((requirement, _), _)| *requirement)
        .collect())
}

fn run(command: &mut Command) -> Result<()> {
    let status = command.status()?;
    if !status.success() {
        bail!("{command:?} exited with {status}");
    }
    Ok(())
}
