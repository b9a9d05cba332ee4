//! Everything the hub needs, set up in one idempotent call, installing only
//! what is missing and nothing outside the checkout's `.venv`: the
//! notebooks' set-up (the evcxr kernel, JupyterLab, the kernelspec),
//! JupyterHub and its idle culler from PyPI, JupyterHub's proxy from npm,
//! and the shared build of the notebooks' crates.

use crate::{Hub, seed};
use anyhow::{Result, bail};
use jupyter::python::Package;
use jupyter::{Environment, Needs};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What the hub needs in the Python environment besides JupyterLab.
const HUB_PACKAGES: &[Package] = &[
    Package::named("jupyterhub"),
    Package {
        requirement: "jupyterhub-idle-culler",
        module: "jupyterhub_idle_culler",
    },
];

/// JupyterHub's proxy, a Node.js program from the npm registry.
const PROXY: &str = "configurable-http-proxy";

/// A set-up hub: the notebooks' environment, the proxy and the seed.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The notebooks' environment (Python with JupyterLab and JupyterHub,
    /// the kernel, the kernelspec).
    pub environment: Environment,
    /// The `configurable-http-proxy` program.
    pub proxy: PathBuf,
    /// The shared build the students' kernels start from.
    pub seed: PathBuf,
}

impl Setup {
    /// Sets up what is missing, the slowest last: the Python packages, the
    /// proxy, then the seed (minutes the first time, while it compiles).
    ///
    /// # Errors
    /// One line when an installation fails, npm is missing, or the seed's
    /// kernel fails.
    pub fn ensure(hub: &Hub) -> Result<Self> {
        let environment = Environment::ensure(&hub.workspace, Needs::NOTEBOOKS)?;
        jupyter::python::ensure(&hub.workspace.venv(), HUB_PACKAGES)?;
        let proxy = ensure_proxy(&hub.workspace.venv())?;
        let seed = seed::ensure(hub, &environment)?;
        Ok(Self {
            environment,
            proxy,
            seed,
        })
    }
}

/// `configurable-http-proxy` in `.venv/node` or on the PATH, else installed
/// with npm into `.venv/node`.
fn ensure_proxy(venv: &Path) -> Result<PathBuf> {
    let prefix = venv.join("node");
    let local = prefix.join("node_modules").join(".bin").join(PROXY);
    if let Some(found) = Some(local.clone())
        .filter(|path| path.is_file())
        .or_else(|| on_path(PROXY))
    {
        return Ok(found);
    }
    if on_path("npm").is_none() {
        bail!(
            "JupyterHub's proxy, {PROXY}, is not installed and npm is not on the PATH: \
             install Node.js and npm (Debian or Ubuntu, as root: apt install nodejs npm), \
             or put {PROXY} on the PATH"
        );
    }
    eprintln!("lab: installing {PROXY} with npm into {}", prefix.display());
    let mut npm = Command::new("npm");
    npm.args([
        "install",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        "--prefix",
    ])
    .arg(&prefix)
    .arg(PROXY);
    jupyter::output_of(&mut npm, || {
        format!("npm could not install {PROXY} (is the npm registry reachable?)")
    })?;
    if !local.is_file() {
        bail!("npm installed {PROXY} but {} is missing", local.display());
    }
    Ok(local)
}

/// A program on the PATH.
fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}
