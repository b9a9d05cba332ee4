//! The workspace and its Python environment, for the subcommands: the
//! `jupyter` crate does the work.

use anyhow::Result;
use jupyter::python::Package;
use std::path::PathBuf;

/// The course workspace this binary was built from.
pub fn workspace() -> jupyter::Workspace {
    jupyter::Workspace::new(env!("CARGO_MANIFEST_DIR"))
}

/// The workspace root (the folder holding the root `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    workspace().root().to_owned()
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
    jupyter::python::ensure(&workspace().venv(), &packages)
}
