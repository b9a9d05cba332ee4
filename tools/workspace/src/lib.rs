//! Where everything is in a course checkout, decided in one place.
//!
//! Every `lab` command and every test asks a [`Workspace`] for its folders
//! (the lessons, the notebooks, cargo's target folder, the Python
//! environment, the tools' own files) instead of building paths itself. The
//! checkout is found when `lab` runs ([`Workspace::find`]), not when it was
//! compiled, so a checkout that moves keeps working and a `lab` binary never
//! reads the lessons of another checkout.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// A course checkout: the folder holding the root `Cargo.toml` and
/// `lessons/` (and `notebooks/`, `crates/`, `tools/`; a grading bundle has
/// no notebooks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    root: PathBuf,
}

impl Workspace {
    /// The checkout whose root folder is `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The checkout `lab` runs in: `$LAB_ROOT` when set, else the nearest
    /// checkout at or above the current folder (as cargo finds its
    /// workspace), else the one at or above the running program (a `lab`
    /// binary in the checkout's `target/`).
    ///
    /// # Errors
    /// When `$LAB_ROOT` is not a checkout, or neither the current folder nor
    /// the program lies in one.
    pub fn find() -> Result<Self> {
        if let Some(root) = std::env::var_os("LAB_ROOT").filter(|root| !root.is_empty()) {
            let root = PathBuf::from(root);
            if !is_checkout(&root) {
                bail!(
                    "LAB_ROOT={} is not a course checkout (no Cargo.toml and lessons/ there)",
                    root.display()
                );
            }
            return Ok(Self::new(root));
        }
        let here = std::env::current_dir().context("cannot read the current folder")?;
        let program = std::env::current_exe().ok();
        std::iter::once(here.as_path())
            .chain(program.as_deref())
            .find_map(|start| start.ancestors().find(|dir| is_checkout(dir)))
            .map(Self::new)
            .context(
                "not inside a course checkout: run lab from the course's folder (or set LAB_ROOT)",
            )
    }

    /// The root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of all lessons: `$LAB_LESSONS`, or `lessons/`.
    pub fn lessons(&self) -> PathBuf {
        self.folder_from_env("LAB_LESSONS", "lessons")
    }

    /// One lesson's folder: `lessons/lesson-N`.
    pub fn lesson(&self, number: u32) -> PathBuf {
        self.lessons().join(format!("lesson-{number}"))
    }

    /// The lecture's notebooks: `notebooks/`.
    pub fn notebooks(&self) -> PathBuf {
        self.root.join("notebooks")
    }

    /// Cargo's target folder: `$CARGO_TARGET_DIR` (relative to the root), or
    /// `target/`.
    pub fn target(&self) -> PathBuf {
        self.folder_from_env("CARGO_TARGET_DIR", "target")
    }

    /// Where the notebook runner keeps the executed notebooks, its report and
    /// the kernels' logs: `target/notebooks/`.
    pub fn executed(&self) -> PathBuf {
        self.target().join("notebooks")
    }

    /// The Python virtual environment: `$LAB_VENV`, or `.venv`.
    pub fn venv(&self) -> PathBuf {
        self.folder_from_env("LAB_VENV", ".venv")
    }

    /// A course tool's own files: `tools/NAME` (e.g. the kernel settings in
    /// `tools/jupyter/kernel`, the benchmarks' Python references in
    /// `tools/bench/python`).
    pub fn tool(&self, name: &str) -> PathBuf {
        self.root.join("tools").join(name)
    }

    /// Every `notebooks/*.ipynb`, sorted by name (the lecture's order).
    ///
    /// # Errors
    /// When `notebooks/` cannot be read.
    pub fn all_notebooks(&self) -> Result<Vec<PathBuf>> {
        let folder = self.notebooks();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
            .with_context(|| format!("cannot read {}", folder.display()))?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "ipynb"))
            .collect();
        files.sort();
        Ok(files)
    }

    /// `$VARIABLE` when set and not empty (relative to the root), else
    /// `default` under the root.
    fn folder_from_env(&self, variable: &str, default: &str) -> PathBuf {
        match std::env::var_os(variable) {
            Some(path) if !path.is_empty() => self.root.join(path),
            _ => self.root.join(default),
        }
    }
}

/// Whether `dir` is a course checkout.
fn is_checkout(dir: &Path) -> bool {
    dir.join("Cargo.toml").is_file() && dir.join("lessons").is_dir()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checkout() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("Cargo.toml"), "[workspace]\n").unwrap();
        std::fs::create_dir(dir.path().join("lessons")).unwrap();
        dir
    }

    #[test]
    fn a_checkout_is_recognised_by_its_manifest_and_lessons() {
        let dir = checkout();
        assert!(is_checkout(dir.path()));
        assert!(!is_checkout(&dir.path().join("lessons")));
        std::fs::remove_file(dir.path().join("Cargo.toml")).unwrap();
        assert!(!is_checkout(dir.path()));
    }

    #[test]
    fn folders_are_under_the_root() {
        let workspace = Workspace::new("/course");
        assert_eq!(workspace.notebooks(), Path::new("/course/notebooks"));
        assert_eq!(
            workspace.tool("jupyter"),
            Path::new("/course/tools/jupyter")
        );
    }

    #[test]
    fn this_checkout_is_found_from_inside_it() {
        // Tests run in their package's folder, tools/workspace.
        let found = Workspace::find().unwrap();
        assert!(
            found
                .lessons()
                .join("lesson-3")
                .join("lesson.toml")
                .is_file()
        );
        assert_eq!(
            found.root().canonicalize().unwrap(),
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../..")
                .canonicalize()
                .unwrap()
        );
    }
}
