//! The evcxr Jupyter kernel and the course's kernelspec.
//!
//! `evcxr_jupyter` is installed with `cargo install --locked` at the pinned
//! [`EVCXR_VERSION`]. The kernelspec, named `rust` as in the notebooks'
//! metadata, lives in the project's Python environment
//! (`.venv/share/jupyter/kernels/rust`, found through `JUPYTER_PATH`, which
//! comes before the user's own kernelspecs). It starts evcxr through
//! `kernel/launch.py` with `EVCXR_CONFIG_DIR` set to `kernel/` in its `env`,
//! so a kernel started by JupyterLab and one started by the notebook runner
//! read the same settings: see the crate's documentation.

use crate::{Workspace, output_of, tool_dir};
use anyhow::{Context, Result, bail};
use serde_json::{Value, json};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The evcxr Jupyter kernel version the notebooks are written and tested for.
pub const EVCXR_VERSION: &str = "0.22.0";

/// The kernelspec's name, as in every notebook's metadata.
pub const KERNEL_NAME: &str = "rust";

/// The folder of the kernel settings (`evcxr.toml`, `init.evcxr`,
/// `cargo-config.toml`) and of `launch.py`: `tools/jupyter/kernel`.
pub fn settings_dir(workspace: &Workspace) -> PathBuf {
    tool_dir(workspace).join("kernel")
}

fn cargo() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"))
}

/// The path of `evcxr_jupyter` at [`EVCXR_VERSION`], installed with
/// `cargo install --locked` when cargo has not installed that version yet.
///
/// `evcxr_jupyter` has no `--version` flag, so the version is the one cargo
/// recorded when it installed it (`cargo install --list`).
///
/// # Errors
/// When cargo cannot be started or the installation fails (crates.io
/// unreachable, for instance).
pub fn ensure_evcxr() -> Result<PathBuf> {
    let installed = Command::new(cargo())
        .args(["install", "--list"])
        .output()
        .context("cannot start cargo")?;
    let wanted = format!("evcxr_jupyter v{EVCXR_VERSION}:");
    let listed = String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|line| line == wanted);
    if let Some(path) = find_evcxr().filter(|_| listed) {
        return Ok(path);
    }
    eprintln!("lab: installing evcxr_jupyter {EVCXR_VERSION} with cargo (once; about 5 minutes)");
    let status = Command::new(cargo())
        .args([
            "install",
            "--locked",
            "evcxr_jupyter",
            "--version",
            EVCXR_VERSION,
        ])
        .status()
        .context("cannot start cargo")?;
    if !status.success() {
        bail!(
            "`cargo install --locked evcxr_jupyter --version {EVCXR_VERSION}` failed \
             (is crates.io reachable?)"
        );
    }
    find_evcxr().context("cargo installed evcxr_jupyter, but it is not in cargo's bin folder")
}

/// Where `cargo install` puts binaries: `$CARGO_INSTALL_ROOT/bin`,
/// `$CARGO_HOME/bin` or `~/.cargo/bin`.
fn cargo_bin_dir() -> Option<PathBuf> {
    let root = std::env::var_os("CARGO_INSTALL_ROOT")
        .or_else(|| std::env::var_os("CARGO_HOME"))
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))?;
    Some(root.join("bin"))
}

/// `evcxr_jupyter` in cargo's bin folder, else on the PATH.
fn find_evcxr() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    cargo_bin_dir()
        .into_iter()
        .chain(std::env::split_paths(&path))
        .map(|dir| dir.join("evcxr_jupyter"))
        .find(|candidate| candidate.is_file())
}

/// The kernelspec's `kernel.json`: `python launch.py EVCXR ...` with
/// `EVCXR_CONFIG_DIR` pointing at the `settings` folder.
pub fn kernel_json(settings: &Path, python: &Path, evcxr: &Path) -> Value {
    json!({
        "argv": [
            python,
            settings.join("launch.py"),
            evcxr,
            "--control_file",
            "{connection_file}"
        ],
        "display_name": "Rust",
        "language": "rust",
        "interrupt_mode": "message",
        "env": { "EVCXR_CONFIG_DIR": settings }
    })
}

/// Makes sure `JUPYTER_PATH/kernels/rust` holds the course's kernelspec.
///
/// evcxr writes its own kernelspec first (`evcxr_jupyter --install` with
/// `JUPYTER_PATH` set: the logos, the editor's scripts and `version.txt`,
/// which keeps a starting kernel from rewriting the folder), then
/// `kernel.json` is replaced by [`kernel_json`]. Nothing is written when the
/// folder is already as it should be.
///
/// # Errors
/// When `evcxr_jupyter --install` fails or the folder cannot be written.
pub fn ensure_kernelspec(
    workspace: &Workspace,
    jupyter_path: &Path,
    python: &Path,
    evcxr: &Path,
) -> Result<()> {
    let folder = jupyter_path.join("kernels").join(KERNEL_NAME);
    let file = folder.join("kernel.json");
    let wanted = kernel_json(&settings_dir(workspace), python, evcxr);
    let current = std::fs::read_to_string(&file)
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(&text).ok());
    if current.as_ref() == Some(&wanted) && folder.join("version.txt").exists() {
        return Ok(());
    }
    eprintln!(
        "lab: installing the rust kernelspec in {}",
        folder.display()
    );
    let mut install = Command::new(evcxr);
    install.arg("--install").env("JUPYTER_PATH", jupyter_path);
    output_of(&mut install, || "`evcxr_jupyter --install` failed".into())?;
    let text = serde_json::to_string_pretty(&wanted)?;
    std::fs::write(&file, text + "\n").with_context(|| format!("cannot write {}", file.display()))
}
