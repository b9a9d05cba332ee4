//! The folders of the course workspace the notebook tools read and write.

use std::path::{Path, PathBuf};

/// The course workspace: the folder holding the root `Cargo.toml`,
/// `notebooks/` and `target/`.
#[derive(Debug, Clone)]
pub struct Workspace {
    root: PathBuf,
}

impl Workspace {
    /// The workspace whose root folder is `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The lecture's notebooks: `notebooks/`.
    pub fn notebooks(&self) -> PathBuf {
        self.root.join("notebooks")
    }

    /// Cargo's target folder: `$CARGO_TARGET_DIR` (relative to the root), or
    /// `target/`.
    pub fn target(&self) -> PathBuf {
        match std::env::var_os("CARGO_TARGET_DIR") {
            Some(path) if !path.is_empty() => self.root.join(path),
            _ => self.root.join("target"),
        }
    }

    /// Where the notebook runner keeps the executed notebooks, its report and
    /// the kernels' logs: `target/notebooks/`.
    pub fn executed(&self) -> PathBuf {
        self.target().join("notebooks")
    }

    /// The Python virtual environment: `$LAB_VENV`, or `.venv` at the root.
    pub fn venv(&self) -> PathBuf {
        match std::env::var_os("LAB_VENV") {
            Some(path) if !path.is_empty() => self.root.join(path),
            _ => self.root.join(".venv"),
        }
    }

    /// Every `notebooks/*.ipynb`, sorted by name (the lecture's order).
    ///
    /// # Errors
    /// When `notebooks/` cannot be read.
    pub fn all_notebooks(&self) -> anyhow::Result<Vec<PathBuf>> {
        use anyhow::Context;
        let folder = self.notebooks();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
            .with_context(|| format!("cannot read {}", folder.display()))?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "ipynb"))
            .collect();
        files.sort();
        Ok(files)
    }
}
