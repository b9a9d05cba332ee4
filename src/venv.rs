//! The checkout `lab` runs in and its Python environment, for the
//! subcommands: the `workspace` and `jupyter` crates do the work.

use anyhow::Result;
use jupyter::python::Package;
use std::path::PathBuf;
use workspace::Workspace;

/// The course checkout `lab` runs in (see [`Workspace::find`]).
///
/// # Errors
/// When `lab` runs outside a checkout.
pub fn workspace() -> Result<Workspace> {
    Workspace::find()
}

/// Makes sure the project's Python environment has `packages` (pairs of pip
/// requirement and module) and returns its Python interpreter.
///
/// # Errors
/// See [`jupyter::python::ensure`].
pub fn ensure(packages: &[(&'static str, &'static str)]) -> Result<PathBuf> {
    let packages: Vec<Package> = packages
        .iter()
        .map(|&(requirement, module)| Package {
            requirement,
            module,
        })
        .collect();
    jupyter::python::ensure(&workspace()?.venv(), &packages)
}
