//! Everything the notebooks need, set up in one idempotent call: the Python
//! environment with its packages, the evcxr kernel and the kernelspec.

use crate::kernel;
use crate::python::{self, Package};
use crate::{Workspace, tool_dir};
use anyhow::Result;
use std::path::PathBuf;
use std::process::Command;

/// What the notebook runner, the book and the slide decks need: the Jupyter
/// client, nbconvert, and what the book and the decks copy so that they load
/// nothing from the network: MathJax 3 with its fonts (django-static-mathjax,
/// whose module is `mathjax`) and reveal.js (inside sphinx-revealjs).
const RUNNER: &[Package] = &[
    Package::named("nbclient"),
    Package::named("nbformat"),
    Package::named("jupyter_client"),
    Package::named("nbconvert"),
    Package {
        requirement: "django-static-mathjax",
        module: "mathjax",
    },
    Package {
        requirement: "sphinx-revealjs",
        module: "sphinx_revealjs",
    },
];

/// What `cargo lab notebooks` needs besides: JupyterLab and RISE, its live
/// slideshow of a notebook.
const LAB: &[Package] = &[
    Package::named("jupyterlab"),
    Package {
        requirement: "jupyterlab-rise",
        module: "jupyterlab_rise",
    },
];

/// What the browser tests need besides: Playwright for Python (it drives
/// the system's Chromium, see [`crate::browser`]).
const BROWSER_TESTS: Package = Package::named("playwright");

/// What to set up beyond the kernel and the notebook runner.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    /// JupyterLab, for `cargo lab notebooks`.
    pub jupyterlab: bool,
    /// Playwright and Chromium, for the browser tests `cargo lab test` runs.
    pub browser_tests: bool,
}

impl Needs {
    /// What `cargo lab notebooks` needs.
    pub const NOTEBOOKS: Self = Self {
        jupyterlab: true,
        browser_tests: false,
    };
    /// What `cargo lab test` needs: everything.
    pub const TESTS: Self = Self {
        jupyterlab: true,
        browser_tests: true,
    };
}

/// A set-up notebook environment: the Python interpreter, the kernel and the
/// folder holding the kernelspec.
#[derive(Debug, Clone)]
pub struct Environment {
    /// The Python interpreter of the project's virtual environment.
    pub python: PathBuf,
    /// The `evcxr_jupyter` program.
    pub evcxr: PathBuf,
    /// The folder given to Jupyter as `JUPYTER_PATH` (it holds
    /// `kernels/rust`).
    pub jupyter_path: PathBuf,
    /// The folder of the tool's Python scripts, `tools/jupyter/python`.
    scripts: PathBuf,
}

impl Environment {
    /// Sets up what `needs` asks for, installing only what is missing: the
    /// Python environment and packages first (a missing `python3` shows at
    /// once), then `evcxr_jupyter`, then the kernelspec.
    ///
    /// # Errors
    /// One line when an installation fails (see [`python::ensure`] and
    /// [`kernel::ensure_evcxr`]).
    pub fn ensure(workspace: &Workspace, needs: Needs) -> Result<Self> {
        let mut packages = RUNNER.to_vec();
        if needs.jupyterlab {
            packages.extend_from_slice(LAB);
        }
        if needs.browser_tests {
            packages.push(BROWSER_TESTS);
            crate::browser::chromium()?;
        }
        let venv = workspace.venv();
        let python = python::ensure(&venv, &packages)?;
        let evcxr = kernel::ensure_evcxr()?;
        let jupyter_path = venv.join("share").join("jupyter");
        kernel::ensure_kernelspec(workspace, &jupyter_path, &python, &evcxr)?;
        Ok(Self {
            python,
            evcxr,
            jupyter_path,
            scripts: tool_dir(workspace).join("python"),
        })
    }

    /// A command running the environment's Python with `JUPYTER_PATH` set,
    /// no bytecode written into the work tree and unbuffered output.
    pub fn python(&self) -> Command {
        let mut command = Command::new(&self.python);
        command
            .env("JUPYTER_PATH", &self.jupyter_path)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .env("PYTHONUNBUFFERED", "1");
        command
    }

    /// A script of the tool's `python/` folder.
    pub(crate) fn script(&self, name: &str) -> PathBuf {
        self.scripts.join(name)
    }

    /// The folder of the kernelspec.
    pub fn kernelspec(&self) -> PathBuf {
        self.jupyter_path.join("kernels").join(kernel::KERNEL_NAME)
    }
}
