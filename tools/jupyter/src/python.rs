//! The project's Python virtual environment: the Jupyter client, nbconvert
//! and JupyterLab for the notebooks, numpy and micrograd for the benchmarks.
//!
//! Made with `python3 -m venv` on first use and filled with pip; nothing is
//! installed outside it, so nothing needs sudo.

use crate::{last_line, output_of};
use anyhow::{Context, Result, bail};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A package the environment needs: the pip requirement and the module that
/// shows it is installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Package {
    /// What `pip install` is given.
    pub requirement: &'static str,
    /// What Python imports.
    pub module: &'static str,
}

impl Package {
    /// A package whose module has the requirement's name.
    pub const fn named(name: &'static str) -> Self {
        Self {
            requirement: name,
            module: name,
        }
    }
}

/// Makes sure the virtual environment `venv` exists with `packages`
/// installed, and returns the path of its Python interpreter. Idempotent:
/// when every module is already importable it only starts Python once.
///
/// # Errors
/// One line each when `python3` is not on the PATH, cannot make a virtual
/// environment (Debian's python3-venv missing), or pip cannot install a
/// package (the package index unreachable, for instance).
pub fn ensure(venv: &Path, packages: &[Package]) -> Result<PathBuf> {
    let python = venv.join("bin").join("python");
    if !python.exists() {
        create(venv)?;
    }
    let missing = missing(&python, packages)?;
    if missing.is_empty() {
        return Ok(python);
    }
    let names = missing.join(" ");
    eprintln!("lab: installing {names} into {}", venv.display());
    let mut pip = Command::new(&python);
    pip.args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ])
    .args(&missing);
    output_of(&mut pip, || {
        format!("pip could not install {names} (is the Python package index reachable?)")
    })?;
    let still_missing = self::missing(&python, packages)?;
    if !still_missing.is_empty() {
        bail!(
            "pip installed {} but Python cannot import them",
            still_missing.join(" ")
        );
    }
    Ok(python)
}

/// `python3 -m venv VENV`; a half-made environment is removed, so the next
/// attempt starts again.
fn create(venv: &Path) -> Result<()> {
    eprintln!("lab: creating the Python environment in {}", venv.display());
    let output = match Command::new("python3")
        .arg("-m")
        .arg("venv")
        .arg(venv)
        .output()
    {
        Err(error) if error.kind() == ErrorKind::NotFound => bail!(
            "python3 is not on the PATH: install Python 3 (on Debian or Ubuntu: \
             apt install python3 python3-venv)"
        ),
        result => result.context("cannot start python3")?,
    };
    if !output.status.success() || !venv.join("bin").join("python").exists() {
        let _ = std::fs::remove_dir_all(venv);
        bail!(
            "python3 cannot create a virtual environment in {} (on Debian or Ubuntu \
             install python3-venv): {}",
            venv.display(),
            last_line(&output.stderr)
        );
    }
    Ok(())
}

/// The requirements of `packages` whose module Python cannot find.
fn missing(python: &Path, packages: &[Package]) -> Result<Vec<&'static str>> {
    const FIND: &str = "import importlib.util, sys
for name in sys.argv[1:]:
    try:
        print(importlib.util.find_spec(name) is not None)
    except ImportError:
        print(False)";
    let mut find = Command::new(python);
    find.args(["-c", FIND])
        .args(packages.iter().map(|package| package.module));
    let output = output_of(&mut find, || format!("{} failed", python.display()))?;
    let found = String::from_utf8_lossy(&output.stdout);
    Ok(packages
        .iter()
        .zip(found.lines().chain(std::iter::repeat("False")))
        .filter(|(_, found)| *found != "True")
        .map(|(package, _)| package.requirement)
        .collect())
}
