//! `lab test`: every test of the course in one command.
//!
//! 0. the set-up `lab notebooks --setup` does (the evcxr kernel, the `.venv`
//!    with JupyterLab and the notebook runner) and what the browser tests
//!    use (Playwright in the `.venv`, Debian's Chromium), installing only
//!    what is missing: the tests themselves install nothing;
//! 1. `cargo test --workspace --all-features` (unit tests, doctests, end-to-end tests of `lab`);
//! 2. every notebook in `notebooks/`, executed by the real evcxr Jupyter kernel,
//!    the executed copies kept in `target/notebooks/`;
//! 3. the HTML book built from those copies (`target/notebooks/book/`) and checked:
//!    every page there, with every plot its notebook produced, nothing loaded
//!    from the network; the slide decks of the same copies
//!    (`target/notebooks/slides/`), checked the same way;
//! 4. when every notebook ran, the browser tests: the book and the decks
//!    opened offline in headless Chromium (every formula typeset, every deck
//!    stepped through), and RISE's slideshow started in JupyterLab
//!    (`lab notebooks`), a cell run in it;
//! 5. the course self-check of the lessons' exercises.
//!
//! `--hub` runs the set-up (with the class server's: JupyterHub, its proxy,
//! the shared build; and the browser tests') and only the hub tests: two
//! simulated students on a throw-away JupyterHub each run notebook 05's
//! first cell, and neither kernel compiles a crate (see
//! `hub::load::two_students`); then two students in headless Chromium log in
//! through the hub's login page and each runs notebook 05 to the end (see
//! `hub::browser::two_students`).
//!
//! Every step runs even when an earlier one failed; the command ends with the
//! line `notebooks: N passed, M failed` and exits non-zero on any failure.

use crate::venv::workspace;
use anyhow::{Context, Result, bail};
use jupyter::runner::{self, Report};
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;

/// How many of the slowest cells `--timings` lists.
const SLOWEST_CELLS: usize = 15;

/// Arguments of `lab test`.
#[derive(clap::Args)]
pub struct Args {
    /// Run only the class server's tests: two students on a JupyterHub, simulated and in a browser.
    #[arg(long, conflicts_with_all = ["notebooks", "no_notebooks", "timings"])]
    hub: bool,
    /// Run only the notebooks: every notebook in notebooks/, or the given files.
    #[arg(long, num_args = 0.., value_name = "FILE")]
    notebooks: Option<Vec<PathBuf>>,
    /// Skip the notebooks (and the book).
    #[arg(long, conflicts_with = "notebooks")]
    no_notebooks: bool,
    /// Print each notebook's kernel start and cell times, and the slowest cells.
    #[arg(long, conflicts_with = "no_notebooks")]
    timings: bool,
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
    if args.hub {
        return hub();
    }
    step("set-up", setup(), &mut failed_steps);
    if !only_notebooks {
        step(
            "cargo test --workspace --all-features",
            cargo_test(),
            &mut failed_steps,
        );
    }
    let mut summary = None;
    if !args.no_notebooks {
        heading("notebooks");
        let report = notebooks(&args);
        if report.failed() > 0 || report.results.is_empty() {
            failed_steps.push("notebooks");
        }
        if args.timings {
            heading("notebook timings");
            print_timings(&report);
        }
        if !report.executed().is_empty() {
            step("book", book(&report), &mut failed_steps);
            step("slides", slides(&report), &mut failed_steps);
            // The browser tests look at the whole lecture, RISE included:
            // not when only some notebooks were asked for.
            if args.notebooks.as_ref().is_none_or(Vec::is_empty) {
                step("browser", browser(), &mut failed_steps);
            }
        }
        summary = Some((report.passed(), report.failed()));
    }
    if !only_notebooks {
        step("course self-check", self_check(), &mut failed_steps);
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

/// Prints a step's heading, runs it, and notes its failure.
fn step(name: &'static str, result: Result<()>, failed_steps: &mut Vec<&'static str>) {
    if let Err(error) = result {
        println!("test: {name} failed: {error:#}");
        failed_steps.push(name);
    }
}

/// What the tests use, set up as `lab notebooks --setup` does.
fn setup() -> Result<()> {
    heading("set-up");
    jupyter::Environment::ensure(&workspace()?, jupyter::Needs::TESTS)?;
    println!("test: the kernel, the Python environment and Chromium are ready");
    Ok(())
}

/// The set-up of the class server, then the hub test.
fn hub() -> Result<()> {
    heading("set-up");
    let workspace = workspace()?;
    jupyter::Environment::ensure(&workspace, jupyter::Needs::TESTS)?;
    let setup = hub::Setup::ensure(&hub::Hub::new(workspace.clone()))?;
    heading("hub");
    let logs = workspace.target().join("hub");
    std::fs::create_dir_all(&logs)?;
    hub::load::two_students(&workspace, &setup, &logs.join("test.log"))?;
    println!("hub: two students ran their first cell; neither kernel compiled a crate");
    heading("hub in the browser");
    let lab = std::env::current_exe().context("cannot find the lab program")?;
    hub::browser::two_students(&workspace, &setup, &logs.join("browser.log"), &lab)?;
    println!(
        "hub: two students logged in to `lab hub` through the login page and ran {} to the \
         end; neither kernel compiled a crate; Ctrl-C stopped every process of the hub; the \
         checkout's notebooks are unchanged",
        hub::load::NOTEBOOK
    );
    Ok(())
}

/// `cargo test --workspace --all-features` (the `lecture` facade's `network`
/// part included), streaming its output. `--no-fail-fast` runs
/// every test binary even after one fails, so a run reports every failure.
fn cargo_test() -> Result<()> {
    heading("cargo test --workspace --all-features");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let status = Command::new(cargo)
        .args(["test", "--workspace", "--all-features", "--no-fail-fast"])
        .current_dir(workspace()?.root())
        .status()
        .context("cannot start cargo")?;
    if !status.success() {
        bail!("cargo exited with {status}");
    }
    Ok(())
}

/// Runs the notebooks asked for (all of them by default).
fn notebooks(args: &Args) -> Report {
    let workspace = match workspace() {
        Ok(workspace) => workspace,
        Err(error) => {
            println!("test: {error:#}");
            return Report::default();
        }
    };
    let files = match &args.notebooks {
        Some(files) if !files.is_empty() => files.clone(),
        _ => match workspace.all_notebooks() {
            Ok(files) => files,
            Err(error) => {
                println!("test: cannot list the notebooks: {error:#}");
                return Report::default();
            }
        },
    };
    let options = runner::Options {
        timeout: args.timeout,
        jobs: args.jobs,
    };
    runner::run(&workspace, &files, &options)
}

/// Each notebook's kernel start and total, then the slowest cells.
fn print_timings(report: &Report) {
    for result in &report.results {
        let cells: f64 = result.cells.iter().map(|cell| cell.seconds).sum();
        let kernel = result.kernel_seconds.unwrap_or(0.0);
        println!(
            "{:<36} {:6.1} s  (kernel start {kernel:4.1} s, cells {cells:6.1} s)",
            result.name(),
            result.seconds
        );
    }
    println!("slowest cells:");
    for (notebook, cell) in report.slowest_cells(SLOWEST_CELLS) {
        println!(
            "{:7.2} s  {notebook} cell {}: {}",
            cell.seconds, cell.cell, cell.first_line
        );
    }
}

/// Builds the book of the notebooks just run into `target/notebooks/book`
/// (`lab book` writes `target/book`) and checks it.
fn book(report: &Report) -> Result<()> {
    publish("book", report, jupyter::book::build, jupyter::book::check)
}

/// Builds the slide decks of the notebooks just run into
/// `target/notebooks/slides` (`lab slides` writes `target/slides`) and
/// checks them.
fn slides(report: &Report) -> Result<()> {
    publish(
        "slides",
        report,
        jupyter::slides::build,
        jupyter::slides::check,
    )
}

/// Writes the folder `target/notebooks/NAME` of the executed notebooks with
/// `build` and checks it with `check`.
fn publish(
    name: &str,
    report: &Report,
    build: super::book::Build,
    check: super::book::Check,
) -> Result<()> {
    heading(name);
    let workspace = workspace()?;
    let environment = jupyter::Environment::ensure(&workspace, jupyter::Needs::default())?;
    let out = workspace.executed().join(name);
    // Only this run's pages: an earlier run may have had other notebooks.
    let _ = std::fs::remove_dir_all(&out);
    let executed = report.executed();
    build(&environment, &executed, &out)?;
    let problems = check(&executed, &out)?;
    for problem in &problems {
        println!("{name}: {problem}");
    }
    if !problems.is_empty() {
        bail!("{} problem(s) in {}", problems.len(), out.display());
    }
    println!("{name}: {} notebooks in {}", executed.len(), out.display());
    Ok(())
}

/// The port JupyterLab serves on for the RISE test.
const RISE_TEST_PORT: u16 = 8898;

/// The browser tests on the book and the decks just built, and on RISE in
/// JupyterLab served by this `lab`.
fn browser() -> Result<()> {
    heading("browser");
    let workspace = workspace()?;
    let environment = jupyter::Environment::ensure(&workspace, jupyter::Needs::TESTS)?;
    let lab = std::env::current_exe().context("cannot find the lab program")?;
    let (book, slides) = (
        workspace.executed().join("book"),
        workspace.executed().join("slides"),
    );
    let executed = workspace.executed();
    let published = jupyter::browser::Published {
        notebooks: &executed,
        book: &book,
        slides: &slides,
        lab: Some((&lab, RISE_TEST_PORT)),
    };
    jupyter::browser::test_published(&environment, &published)
}

/// The course self-check of the lessons' exercises.
fn self_check() -> Result<()> {
    heading("course self-check");
    if crate::lessons::self_check()? {
        println!("test: course self-check passed");
        Ok(())
    } else {
        bail!("some exercise's stub or solution is wrong")
    }
}
