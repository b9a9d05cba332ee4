//! The browser the course's browser tests drive: Debian's Chromium, driven
//! by Playwright for Python from the project's virtual environment.
//!
//! Playwright's own browser download does not work offline or behind a
//! registry-only network, so the tests launch the system's Chromium
//! (`executable_path`) with the flags a headless run as root needs
//! ([`CHROMIUM_ARGS`]).

use crate::setup::Environment;
use anyhow::{Context, Result, bail};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The names Chromium goes by on the PATH, the Debian package's first.
const NAMES: &[&str] = &["chromium", "chromium-browser", "google-chrome"];

/// The flags every headless run gets: no sandbox (tests may run as root),
/// no GPU, and none of the background connections a closed network refuses.
pub const CHROMIUM_ARGS: &[&str] = &[
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// Chromium's program: `$LAB_CHROMIUM` when set, else found on the PATH,
/// else installed from Debian's packages with apt-get when running as root.
///
/// # Errors
/// One line naming the install command when Chromium is not there and
/// cannot be installed here (not root, no apt-get, or apt-get failed).
pub fn chromium() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("LAB_CHROMIUM").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    if let Some(found) = find() {
        return Ok(found);
    }
    if !is_root() || which("apt-get").is_none() {
        bail!(
            "Chromium is not installed: install it (on Debian or Ubuntu: sudo apt-get install \
             chromium) or set LAB_CHROMIUM to its program"
        );
    }
    eprintln!("lab: installing Chromium with apt-get (once)");
    let installed = apt_get(&["install", "-y", "--no-install-recommends", "chromium"])?
        || (apt_get(&["update"])?
            && apt_get(&["install", "-y", "--no-install-recommends", "chromium"])?);
    if !installed {
        bail!("`apt-get install chromium` failed (is the Debian package index reachable?)");
    }
    find().context("apt-get installed chromium, but it is not on the PATH")
}

/// The first of [`NAMES`] on the PATH.
fn find() -> Option<PathBuf> {
    find_in(&std::env::var_os("PATH")?)
}

/// The first of [`NAMES`] in the folders of `path` (a PATH value).
fn find_in(path: &OsStr) -> Option<PathBuf> {
    NAMES.iter().find_map(|name| which_in(path, name))
}

/// `name` on the PATH.
fn which(name: &str) -> Option<PathBuf> {
    which_in(&std::env::var_os("PATH")?, name)
}

/// `name` in the folders of `path`.
fn which_in(path: &OsStr, name: &str) -> Option<PathBuf> {
    std::env::split_paths(path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// Whether this process runs as root (apt-get needs it; there is no sudo).
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// `apt-get ARGS`, quietly and without questions; whether it succeeded.
fn apt_get(args: &[&str]) -> Result<bool> {
    let status = Command::new("apt-get")
        .args(["-q", "-o", "Dpkg::Use-Pty=0"])
        .args(args)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .stdout(std::process::Stdio::null())
        .status()
        .context("cannot start apt-get")?;
    Ok(status.success())
}

/// Where the browser tests look: the published folders, and the `lab`
/// program whose `lab notebooks` serves JupyterLab for the RISE test.
#[derive(Debug, Clone)]
pub struct Published<'a> {
    /// The notebooks the book was made of (the formulas each page must
    /// show), with the start page, whose slideshow RISE shows.
    pub notebooks: &'a Path,
    /// The book's folder.
    pub book: &'a Path,
    /// The slide decks' folder.
    pub slides: &'a Path,
    /// The `lab` program and a free port, to test RISE in JupyterLab.
    pub lab: Option<(&'a Path, u16)>,
}

/// Runs the browser tests (`python/browser_test.py`) on the published
/// book and slides in headless Chromium, offline, streaming their report.
///
/// # Errors
/// When Chromium is missing, or a check fails.
pub fn test_published(environment: &Environment, published: &Published) -> Result<()> {
    let chromium = chromium()?;
    let mut command = environment.python();
    command
        .arg(environment.script("browser_test.py"))
        .arg("--chromium")
        .arg(&chromium)
        .arg("--notebooks")
        .arg(published.notebooks)
        .arg("--book")
        .arg(published.book)
        .arg("--slides")
        .arg(published.slides);
    if let Some((lab, port)) = published.lab {
        command
            .arg("--lab")
            .arg(lab)
            .arg("--port")
            .arg(port.to_string());
    }
    let status = command
        .status()
        .with_context(|| format!("cannot start {}", environment.python.display()))?;
    if !status.success() {
        bail!("the browser tests failed (see the lines above)");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chromium_is_found_on_the_path_by_any_of_its_names() {
        let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let path = std::env::join_paths([first.path(), second.path()]).unwrap();
        assert_eq!(find_in(&path), None);
        let browser = second.path().join("chromium-browser");
        std::fs::write(&browser, "").unwrap();
        assert_eq!(find_in(&path), Some(browser));
        // Debian's name comes first.
        let debian = second.path().join("chromium");
        std::fs::write(&debian, "").unwrap();
        assert_eq!(find_in(&path), Some(debian));
    }
}
