//! The course on a class server, behind `cargo lab hub`, `cargo lab bench
//! hub` and `cargo lab test --hub`: JupyterHub serving every student a
//! JupyterLab with the course's Rust kernel and their own copy of the
//! notebooks and exercises.
//!
//! - [`setup`]: what the hub needs besides the notebooks' set-up (JupyterHub
//!   and its idle culler from PyPI, `configurable-http-proxy` from npm) and
//!   the shared build, in one idempotent call;
//! - [`seed`]: the crates the notebooks load, compiled once into a read-only
//!   build every student's kernel starts from (`LAB_KERNEL_SEED` in
//!   `tools/jupyter/kernel/launch.py`), so no student's first `:dep`
//!   compiles them;
//! - [`student`]: a new student's folder, filled with the notebooks and the
//!   lesson's exercises;
//! - [`server`]: JupyterHub started on the course's configuration,
//!   `tools/hub/jupyterhub_config.py`;
//! - [`load`]: simulated students on loopback, for the benchmark and the
//!   hub test;
//! - [`browser`]: the hub test's students in a real browser, through the
//!   login page.
//!
//! The hub keeps its state (database, students' folders, the seed) in
//! [`Hub::state`], outside the checkout: a kernel's build folder inside the
//! workspace would be taken by cargo for one of its members.

pub mod browser;
pub mod load;
pub mod report;
pub mod seed;
pub mod server;
pub mod setup;
pub mod student;

pub use setup::Setup;
pub use workspace::Workspace;

use std::path::{Path, PathBuf};

/// Where a checkout's hub keeps its files.
#[derive(Debug, Clone)]
pub struct Hub {
    /// The checkout the hub serves.
    pub workspace: Workspace,
    /// The hub's folder: `$LAB_HUB_DIR`, else
    /// `/var/tmp/lab-hub-UID/CHECKOUT` (the checkout's path with `-` for
    /// `/`), so two checkouts have two hubs. Not in the home folder: a kernel
    /// build folder beside the Rust toolchain's (`~/.rustup`) gets a wrong
    /// relative rpath to the standard library, and its cells fail to load.
    pub state: PathBuf,
}

impl Hub {
    /// The hub of `workspace`.
    pub fn new(workspace: Workspace) -> Self {
        let state = match std::env::var_os("LAB_HUB_DIR") {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => PathBuf::from("/var/tmp")
                .join(format!("lab-hub-{}", rustix::process::getuid().as_raw()))
                .join(escaped(workspace.root())),
        };
        Self { workspace, state }
    }

    /// The hub of `workspace` with its state in `state` (the benchmark's and
    /// the test's throw-away hubs).
    pub fn at(workspace: Workspace, state: PathBuf) -> Self {
        Self { workspace, state }
    }

    /// The students' folders, one per hub user: `students/NAME`.
    pub fn students(&self) -> PathBuf {
        self.state.join("students")
    }

    /// This tool's own files in the checkout: `tools/hub`.
    pub fn tool_dir(&self) -> PathBuf {
        self.workspace.tool("hub")
    }
}

/// A path as one folder name: `/work/course` → `work-course`.
fn escaped(path: &Path) -> String {
    path.components()
        .filter_map(|part| match part {
            std::path::Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_checkouts_have_two_hub_folders() {
        assert_eq!(escaped(Path::new("/work/course")), "work-course");
        assert_ne!(
            escaped(Path::new("/work/a/course")),
            escaped(Path::new("/work/b/course"))
        );
    }
}
