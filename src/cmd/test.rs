//! `lab test`: every test of the course in one command.
//!
//! 1. `cargo test --workspace` (unit tests, doctests, end-to-end tests of `lab`);
//! 2. every notebook in `notebooks/`, executed by the real evcxr Jupyter kernel
//!    (installed on first use: `evcxr_jupyter` 0.22.0 with cargo, its
//!    kernelspec, and a Python environment with nbclient);
//! 3. the course self-check of the lessons' exercises.
//!
//! Every step runs even when an earlier one failed; the command ends with the
//! line `notebooks: N passed, M failed` and exits non-zero on any failure.

use crate::venv;
use anyhow::{Context, Result, bail};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The evcxr Jupyter kernel version the notebooks are tested with.
const EVCXR_VERSION: &str = "0.22.0";

/// What the notebook runner needs in the Python environment.
const PYTHON_PACKAGES: &[(&str, &str)] = &[
    ("nbclient", "nbclient"),
    ("nbformat", "nbformat"),
    ("jupyter_client", "jupyter_client"),
];

/// Arguments of `lab test`.
#[derive(clap::Args)]
pub struct Args {
    /// Run only the notebooks: every notebook in notebooks/, or the given files.
    #[arg(long, num_args = 0.., value_name = "FILE")]
    notebooks: Option<Vec<PathBuf>>,
    /// Skip the notebooks.
    #[arg(long, conflicts_with = "notebooks")]
    no_notebooks: bool,
    /// Seconds allowed for each notebook.
    #[arg(long, default_value_t = 600, value_name = "SECONDS")]
    timeout: u64,
    /// How many notebooks run at once.
    #[arg(long, default_value_t = 1, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..))]
    jobs: u32,
}

/// Runs `lab test`.
pub fn run(args: Args) -> Result<()> {
    let only_notebooks = args.notebooks.is_some();
    let mut failed_steps = Vec::new();

    if !only_notebooks {
        heading("cargo test --workspace");
        if let Err(error) = cargo_test() {
            println!("test: cargo test --workspace failed: {error:#}");
            failed_steps.push("cargo test --workspace");
        }
    }

    let mut summary = None;
    if !args.no_notebooks {
        heading("notebooks");
        let files = match args.notebooks {
            Some(files) if !files.is_empty() => Ok(files),
            _ => all_notebooks(),
        };
        let (passed, failed) = match files {
            Ok(files) => run_notebooks(&files, args.timeout, args.jobs),
            Err(error) => {
                println!("test: cannot list the notebooks: {error:#}");
                failed_steps.push("notebooks");
                (0, 0)
            }
        };
        if failed > 0 {
            failed_steps.push("notebooks");
        }
        summary = Some((passed, failed));
    }

    if !only_notebooks {
        heading("course self-check");
        match crate::cmd::grade::self_check() {
            Ok(true) => println!("test: course self-check passed"),
            Ok(false) => {
                println!("test: course self-check failed");
                failed_steps.push("course self-check");
            }
            Err(error) => {
                println!("test: course self-check failed: {error:#}");
                failed_steps.push("course self-check");
            }
        }
    }

    if !only_notebooks {
        heading("summary");
        if failed_steps.is_empty() {
            println!("test: every step passed");
        } else {
            println!("test: failed: {}", failed_steps.join(", "));
        }
    }
    if let Some((passed, failed)) = summary {
        println!("notebooks: {passed} passed, {failed} failed");
    }
    if !failed_steps.is_empty() {
        // The notebooks line stays the last line: exit without another message.
        std::process::exit(1);
    }
    Ok(())
}

/// A section heading that stands out in a CI log.
fn heading(title: &str) {
    println!("\n==> {title}");
}

/// `cargo test --workspace`, streaming its output. `--no-fail-fast` runs
/// every test binary even after one fails, so a run reports every failure.
fn cargo_test() -> Result<()> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let status = Command::new(cargo)
        .args(["test", "--workspace", "--no-fail-fast"])
        .current_dir(venv::workspace_root())
        .status()
        .context("cannot start cargo")?;
    if !status.success() {
        bail!("cargo exited with {status}");
    }
    Ok(())
}

/// Every `notebooks/*.ipynb`, sorted by name.
fn all_notebooks() -> Result<Vec<PathBuf>> {
    let folder = venv::workspace_root().join("notebooks");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .with_context(|| format!("cannot read {}", folder.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "ipynb"))
        .collect();
    files.sort();
    Ok(files)
}

/// Runs the notebooks and returns (passed, failed). A notebook that is not
/// clean (stored outputs) fails without a kernel; when the kernel cannot be
/// set up, every remaining notebook counts as failed.
fn run_notebooks(files: &[PathBuf], timeout: u64, jobs: u32) -> (usize, usize) {
    let mut failed = 0;
    let mut clean = Vec::new();
    for file in files {
        match stored_outputs(file) {
            Ok(problems) if problems.is_empty() => clean.push(file.clone()),
            Ok(problems) => {
                failed += 1;
                println!(
                    "notebook {} failed: stored with outputs",
                    display_name(file)
                );
                for problem in problems.iter().take(5) {
                    println!("    {problem}");
                }
                println!("    (clear the outputs before committing: the notebook runs in memory)");
            }
            Err(error) => {
                failed += 1;
                println!("notebook {} failed: {error:#}", display_name(file));
            }
        }
    }
    if clean.is_empty() {
        return (0, failed);
    }
    match execute(&clean, timeout, jobs) {
        Ok((passed, kernel_failed)) => (passed, failed + kernel_failed),
        Err(error) => {
            println!("test: cannot run the notebooks: {error:#}");
            (0, failed + clean.len())
        }
    }
}

fn display_name(file: &Path) -> String {
    file.file_name().map_or_else(
        || file.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// The cells of a stored notebook that have outputs or execution counts.
///
/// # Errors
/// When the file is missing or is not a notebook (JSON with a `cells` list).
fn stored_outputs(file: &Path) -> Result<Vec<String>> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let notebook: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("{} is not valid JSON", file.display()))?;
    let Some(cells) = notebook.get("cells").and_then(|cells| cells.as_array()) else {
        bail!("{} is not a notebook (no list of cells)", file.display());
    };
    let mut problems = Vec::new();
    for (index, cell) in cells.iter().enumerate() {
        if cell.get("cell_type").and_then(|kind| kind.as_str()) != Some("code") {
            continue;
        }
        let number = index + 1;
        if cell
            .get("outputs")
            .and_then(|outputs| outputs.as_array())
            .is_some_and(|outputs| !outputs.is_empty())
        {
            problems.push(format!("cell {number} has outputs"));
        }
        if cell
            .get("execution_count")
            .is_some_and(|count| !count.is_null())
        {
            problems.push(format!("cell {number} has an execution count"));
        }
    }
    Ok(problems)
}

/// Sets up the kernel and the Python client, then runs the notebook runner.
/// Returns (passed, failed) as it reports them.
fn execute(files: &[PathBuf], timeout: u64, jobs: u32) -> Result<(usize, usize)> {
    let evcxr = ensure_evcxr()?;
    let python = venv::ensure(PYTHON_PACKAGES)?;
    ensure_kernelspec(&python, &evcxr)?;

    // The report and the kernels' logs.
    let scratch = target_dir().join("notebooks");
    std::fs::create_dir_all(&scratch)
        .with_context(|| format!("cannot create {}", scratch.display()))?;
    let report = scratch.join("report.json");
    // A report left by an earlier run must not be read as this run's.
    let _ = std::fs::remove_file(&report);
    let runner = venv::workspace_root().join("tests/notebooks/run_notebooks.py");
    let status = Command::new(&python)
        .arg(&runner)
        .args(files)
        .arg("--timeout")
        .arg(timeout.to_string())
        .arg("--jobs")
        .arg(jobs.to_string())
        .arg("--logs")
        .arg(&scratch)
        .arg("--report")
        .arg(&report)
        .env("PYTHONUNBUFFERED", "1")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .status()
        .with_context(|| format!("cannot start {}", python.display()))?;
    let text = std::fs::read_to_string(&report)
        .with_context(|| format!("the notebook runner failed ({status}) without a report"))?;
    let results: Vec<serde_json::Value> =
        serde_json::from_str(&text).context("the notebook runner's report is not valid JSON")?;
    let passed = results
        .iter()
        .filter(|result| result.get("passed").and_then(|p| p.as_bool()) == Some(true))
        .count();
    let failed = files.len().saturating_sub(passed);
    Ok((passed, failed))
}

/// The cargo target folder (where the notebooks' kernels build).
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|path| venv::workspace_root().join(path))
        .unwrap_or_else(|| venv::workspace_root().join("target"))
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

/// The path of `evcxr_jupyter` 0.22.0, installed with cargo if it is not yet.
///
/// `evcxr_jupyter` has no `--version` flag, so the version is the one cargo
/// recorded when it installed it (`cargo install --list`).
fn ensure_evcxr() -> Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let installed = Command::new(&cargo)
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
    let status = Command::new(&cargo)
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
        bail!("`cargo install --locked evcxr_jupyter --version {EVCXR_VERSION}` failed");
    }
    find_evcxr().context("cargo installed evcxr_jupyter, but it is not in cargo's bin folder")
}

/// `evcxr_jupyter` in cargo's bin folder, else on the PATH.
fn find_evcxr() -> Option<PathBuf> {
    let name = "evcxr_jupyter";
    let path = std::env::var_os("PATH").unwrap_or_default();
    cargo_bin_dir()
        .into_iter()
        .chain(std::env::split_paths(&path))
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// Makes sure the Python client finds a `rust` kernelspec that starts
/// `evcxr`; writes it with `evcxr_jupyter --install` when it does not.
fn ensure_kernelspec(python: &Path, evcxr: &Path) -> Result<()> {
    let evcxr = &evcxr.canonicalize().unwrap_or_else(|_| evcxr.to_owned());
    if kernel_program(python)?.as_deref() == Some(evcxr) {
        return Ok(());
    }
    eprintln!("lab: installing the rust kernelspec for Jupyter");
    let output = Command::new(evcxr)
        .arg("--install")
        .output()
        .with_context(|| format!("cannot start {}", evcxr.display()))?;
    if !output.status.success() {
        bail!(
            "`evcxr_jupyter --install` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    match kernel_program(python)? {
        Some(program) if program == *evcxr => Ok(()),
        Some(program) => bail!(
            "Jupyter's rust kernel starts {}, not {} (check JUPYTER_PATH)",
            program.display(),
            evcxr.display()
        ),
        None => bail!("Jupyter does not find the rust kernelspec (check JUPYTER_PATH)"),
    }
}

/// The program the `rust` kernelspec starts, as the Python client sees it.
fn kernel_program(python: &Path) -> Result<Option<PathBuf>> {
    const FIND: &str = "from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
try:
    print(KernelSpecManager().get_kernel_spec('rust').argv[0])
except NoSuchKernel:
    pass";
    let output = Command::new(python)
        .args(["-c", FIND])
        .output()
        .with_context(|| format!("cannot start {}", python.display()))?;
    if !output.status.success() {
        bail!(
            "cannot list the Jupyter kernels: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let program = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    Ok((!program.is_empty()).then(|| {
        let program = PathBuf::from(program);
        program.canonicalize().unwrap_or(program)
    }))
}
