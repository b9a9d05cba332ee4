//! Compiling one exercise with its checks, and running every check in its
//! own process.

use crate::Error;
use crate::compiler::Compiler;
use crate::diagnostics::concerning;
use crate::process::{absolute, run_all_capped, run_capped};
use crate::report::{CheckResult, Outcome, Report};
use crate::sandbox::{Limits, Policy, Sandbox, system_paths};
use crate::test_output::{failure, frame_in, listed, panicked_elsewhere, passed, relocated};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// How long rustc may take for one exercise before it counts as a failure.
const COMPILE_TIMEOUT: Duration = Duration::from_secs(120);

/// A file of checks and the module name it is compiled as.
#[derive(Debug, Clone)]
pub struct CheckModule {
    /// `checks` for the lesson's checks, `hidden` for an instructor's hidden ones.
    pub module: &'static str,
    /// The checks file.
    pub path: PathBuf,
}

/// How exercises are compiled and run: the compiler with the crates an
/// exercise may use, and the sandbox around the student's code.
#[derive(Debug, Clone)]
pub struct Checker {
    /// The rustc and the crates exercises may use.
    pub compiler: Compiler,
    /// The sandbox of rustc and of every check; `None` runs them unrestricted.
    pub sandbox: Option<Sandbox>,
}

impl Checker {
    /// Exercises that use only the standard library, without a sandbox.
    pub fn std_only() -> Checker {
        Checker::new(Compiler::std_only())
    }

    /// A checker compiling with `compiler`, without a sandbox.
    pub fn new(compiler: Compiler) -> Checker {
        Checker {
            compiler,
            sandbox: None,
        }
    }

    /// The same checker, running rustc and the checks in `sandbox`.
    pub fn with_sandbox(self, sandbox: Sandbox) -> Checker {
        Checker {
            sandbox: Some(sandbox),
            ..self
        }
    }

    /// A command running `program` in `folder`, in the sandbox under `policy`
    /// when there is one; `clean` starts it with an empty environment (but
    /// for `PATH`), `HOME` and `TMPDIR` being its folder.
    fn command(&self, program: &Path, policy: &Policy, clean: bool) -> Command {
        let mut command = match &self.sandbox {
            Some(sandbox) => sandbox.command(policy, program),
            None => Command::new(program),
        };
        if clean {
            command.env_clear().env("PATH", "/usr/bin:/bin");
            command.env("HOME", &policy.write[0]);
        }
        command
            .env("TMPDIR", &policy.write[0])
            .current_dir(&policy.write[0]);
        command
    }

    /// Compiles `exercise` together with the `checks` into `build_dir` and runs
    /// every check in its own process, each with `timeout`.
    ///
    /// The result says what happened to the student's code; the error is only
    /// for trouble around it (rustc missing, `build_dir` not writable).
    ///
    /// # Errors
    /// [`Error::Write`] when `build_dir` cannot be written, [`Error::Rustc`] when
    /// rustc cannot be started, [`Error::Run`] when the compiled binary cannot be started.
    pub fn check(
        &self,
        name: &str,
        exercise: &Path,
        checks: &[CheckModule],
        build_dir: &Path,
        timeout: Duration,
    ) -> Result<Report, Error> {
        let checker = self;
        let report = |outcome| Report {
            exercise: name.to_string(),
            outcome,
        };
        if !exercise.is_file() {
            return Ok(report(Outcome::Missing));
        }
        if let Some(missing) = checks.iter().find(|c| !c.path.is_file()) {
            let message = format!("the checks file {} is missing", missing.path.display());
            return Ok(report(Outcome::Broken { message }));
        }
        let root = root_file(exercise, checks);
        let mut read: Vec<&Path> = checks.iter().map(|c| c.path.as_path()).collect();
        read.push(exercise);
        let binary = match compile(checker, name, &root, &read, build_dir, false)? {
            Ok(binary) => binary,
            Err(message) => {
                let message = concerning(&message, exercise, checks, false);
                return Ok(report(Outcome::CompileError { message }));
            }
        };
        let listing = match list(checker, &binary, build_dir, timeout)? {
            Ok(listing) => listing,
            Err(message) => return Ok(report(Outcome::Broken { message })),
        };
        let unit = Unit {
            binary: &binary,
            exercise,
            checks,
            build_dir,
            source: Source {
                name,
                root: &root,
                read: &read,
            },
        };
        Ok(report(run_listed(checker, &unit, &listing, "", timeout)?))
    }
}

/// One exercise of a submission checked together with the others.
#[derive(Debug, Clone)]
pub struct Together {
    /// The exercise's name.
    pub name: String,
    /// The student's file (it exists).
    pub exercise: PathBuf,
    /// Its checks, written for a shared crate (see [`shared_checks`]).
    pub checks: Vec<CheckModule>,
}

/// A checks file made ready for a crate holding several exercises, each in
/// its own module next to its `exercise`: `crate::exercise` becomes
/// `super::exercise`.
///
/// ```
/// assert_eq!(course::shared_checks("use crate::exercise::*;"), "use super::exercise::*;");
/// ```
pub fn shared_checks(checks: &str) -> String {
    checks.replace("crate::exercise", "super::exercise")
}

impl Checker {
    /// Compiles all `exercises` of one submission into one test binary in
    /// `build_dir` (one rustc instead of one per exercise) and runs every
    /// check in its own process. `None` when they do not compile together:
    /// then check each with [`Checker::check`], which says which fails.
    ///
    /// # Errors
    /// As [`Checker::check`].
    pub fn check_together(
        &self,
        exercises: &[Together],
        build_dir: &Path,
        timeout: Duration,
    ) -> Result<Option<Vec<Report>>, Error> {
        let mut root = String::new();
        let mut read = Vec::new();
        for unit in exercises {
            let inner = root_file(&unit.exercise, &unit.checks);
            root += &format!("pub mod {} {{\n{inner}}}\n", module_of(&unit.name));
            read.push(unit.exercise.as_path());
            read.extend(unit.checks.iter().map(|c| c.path.as_path()));
        }
        let Ok(binary) = compile(self, "together", &root, &read, build_dir, false)? else {
            return Ok(None);
        };
        let Ok(listing) = list(self, &binary, build_dir, timeout)? else {
            return Ok(None);
        };
        let mut reports = Vec::new();
        for unit in exercises {
            let prefix = format!("{}::", module_of(&unit.name));
            let built = Unit {
                binary: &binary,
                exercise: &unit.exercise,
                checks: &unit.checks,
                build_dir,
                source: Source {
                    name: "together",
                    root: &root,
                    read: &read,
                },
            };
            let outcome = run_listed(self, &built, &listing, &prefix, timeout)?;
            reports.push(Report {
                exercise: unit.name.clone(),
                outcome,
            });
        }
        Ok(Some(reports))
    }
}

/// The module of exercise `name` in a shared crate.
fn module_of(name: &str) -> String {
    format!("x_{name}")
}

/// The test names the binary lists (`Ok(stdout)`), or why it cannot list them.
fn list(
    checker: &Checker,
    binary: &Path,
    build_dir: &Path,
    timeout: Duration,
) -> Result<Result<String, String>, Error> {
    let policy = run_policy(build_dir, timeout);
    let mut list = checker.command(binary, &policy, true);
    list.arg("--list");
    let listed_run = run_capped(list, timeout).map_err(|source| Error::Run {
        path: binary.to_path_buf(),
        source,
    })?;
    if !listed_run.success() {
        let why = failure(&listed_run, timeout, None, &policy.limits);
        return Ok(Err(format!("the checks could not be listed: {why}")));
    }
    Ok(Ok(listed_run.stdout))
}

/// A compiled test binary and what it was compiled from.
struct Unit<'a> {
    binary: &'a Path,
    /// The student's file.
    exercise: &'a Path,
    checks: &'a [CheckModule],
    build_dir: &'a Path,
    source: Source<'a>,
}

/// What [`compile`] compiled a binary from, to compile it again with line
/// tables when a panic must be traced back to the student's line.
struct Source<'a> {
    name: &'a str,
    root: &'a str,
    read: &'a [&'a Path],
}

/// Runs, each in its own process and all at once (so endless loops cost one
/// timeout together), the checks of `listing` that belong to the unit's
/// checks (named `PREFIX` + `checks::NAME` or `hidden::NAME`), reported in
/// the order the checks files define them: the smallest step first.
fn run_listed(
    checker: &Checker,
    unit: &Unit,
    listing: &str,
    prefix: &str,
    timeout: Duration,
) -> Result<Outcome, Error> {
    let modules: Vec<String> = unit
        .checks
        .iter()
        .map(|c| format!("{prefix}{}", c.module))
        .collect();
    let modules: Vec<&str> = modules.iter().map(String::as_str).collect();
    let mut names = listed(listing, &modules);
    if names.is_empty() {
        let message = "the checks file has no #[test] functions".to_string();
        return Ok(Outcome::Broken { message });
    }
    let order = build_order(prefix, unit.checks);
    names.sort_by_key(|name| (order.iter().position(|o| o == name), *name));
    let policy = run_policy(unit.build_dir, timeout);
    let run_error = |source| Error::Run {
        path: unit.binary.to_path_buf(),
        source,
    };
    let runs = names
        .iter()
        .map(|full| check_command(checker, unit.binary, &policy, full, false))
        .collect();
    let ran = run_all_capped(runs, timeout).map_err(run_error)?;
    let mut results = Vec::new();
    let mut traced: Option<Option<PathBuf>> = None;
    for (full, ran) in names.iter().zip(ran) {
        let short = full.strip_prefix(prefix).unwrap_or(full);
        let check_file = unit
            .checks
            .iter()
            .find(|c| short.starts_with(&format!("{}::", c.module)))
            .map(|c| c.path.as_path());
        let passed = passed(&ran);
        let mut message = (!passed).then(|| failure(&ran, timeout, check_file, &policy.limits));
        if let Some(message) = message
            .as_mut()
            .filter(|_| panicked_elsewhere(&ran.stderr, &[Some(unit.exercise), check_file]))
        {
            if traced.is_none() {
                let Source { name, root, read } = &unit.source;
                let dir = unit.build_dir.join("traced");
                traced = Some(compile(checker, name, root, read, &dir, true)?.ok());
            }
            if let Some(binary) = traced.as_ref().and_then(Option::as_ref) {
                let again = check_command(checker, binary, &policy, full, true);
                let ran = run_capped(again, timeout).map_err(run_error)?;
                if let Some(place) = frame_in(&ran.stderr, unit.exercise) {
                    *message = relocated(message, &place);
                }
            }
        }
        results.push(CheckResult {
            name: short.strip_prefix("checks::").unwrap_or(short).to_string(),
            passed,
            message,
        });
    }
    Ok(Outcome::Ran { checks: results })
}

/// The full test names of the unit's checks in the order their files
/// define them (`PREFIX` + `checks::NAME`, then `hidden::NAME`).
fn build_order(prefix: &str, checks: &[CheckModule]) -> Vec<String> {
    checks
        .iter()
        .flat_map(|check| {
            let text = std::fs::read_to_string(&check.path).unwrap_or_default();
            test_functions(&text)
                .into_iter()
                .map(move |name| format!("{prefix}{}::{name}", check.module))
        })
        .collect()
}

/// The names of the `#[test]` functions of a checks file, in its order.
///
/// ```
/// let text = "#[test]\nfn b() {}\nfn helper() {}\n#[test]\n#[should_panic]\nfn a() {}\n";
/// assert_eq!(course::test_functions(text), ["b", "a"]);
/// ```
pub fn test_functions(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut marked = false;
    for line in text.lines().map(str::trim) {
        if line == "#[test]" {
            marked = true;
        } else if let Some(rest) = line.strip_prefix("fn ").filter(|_| marked) {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            names.push(name);
            marked = false;
        } else if !line.starts_with("#[") {
            marked = false;
        }
    }
    names
}

/// The command running the check `full` alone, maybe with a backtrace.
fn check_command(
    checker: &Checker,
    binary: &Path,
    policy: &Policy,
    full: &str,
    backtrace: bool,
) -> Command {
    let mut run = checker.command(binary, policy, true);
    run.args([full, "--exact", "--nocapture", "--test-threads=1"]);
    run.env("RUST_BACKTRACE", if backtrace { "1" } else { "0" });
    run
}

/// Compiles `root` (a crate whose modules include the files `read`) into a
/// test binary `NAME-checks` in `build_dir`, with `lines` tables (slower to
/// link, for tracing a panic to its line): `Ok(Ok(binary))`, or
/// `Ok(Err(rustc's message))` when the code does not compile.
fn compile(
    checker: &Checker,
    name: &str,
    root: &str,
    read: &[&Path],
    build_dir: &Path,
    lines: bool,
) -> Result<Result<PathBuf, String>, Error> {
    let written = |source| Error::Write {
        path: build_dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(build_dir).map_err(written)?;
    let root_path = build_dir.join("root.rs");
    std::fs::write(&root_path, root).map_err(written)?;
    let binary = build_dir.join(format!("{name}-checks{}", std::env::consts::EXE_SUFFIX));
    let _ = std::fs::remove_file(&binary);
    let mut read_paths = system_paths();
    read_paths.extend(checker.compiler.read_paths());
    read_paths.extend(read.iter().filter_map(|f| f.parent()).map(absolute));
    let policy = Policy {
        read: read_paths,
        write: vec![absolute(build_dir)],
        limits: Limits::compile(COMPILE_TIMEOUT.as_secs()),
        processes: true,
    };
    let mut rustc = checker.command(checker.compiler.rustc(), &policy, false);
    rustc
        .args(checker.compiler.crate_args())
        .args(["--edition", "2024", "--test", "--crate-name", "exercise"])
        .args(["-A", "warnings", "-C"])
        .arg(if lines {
            "debuginfo=line-tables-only"
        } else {
            "debuginfo=0"
        })
        .arg("-o")
        .arg(&binary)
        .arg(&root_path);
    let compiled = run_capped(rustc, COMPILE_TIMEOUT).map_err(Error::Rustc)?;
    Ok(if compiled.timed_out {
        Err(format!(
            "rustc took longer than {}s",
            COMPILE_TIMEOUT.as_secs()
        ))
    } else if !compiled.success() {
        Err(compiled.stderr)
    } else {
        Ok(binary)
    })
}

/// What a check may do: write in its build folder and read nothing else
/// but the system libraries, with the limits of [`Limits::check`] and a CPU
/// time a little above `timeout`.
fn run_policy(build_dir: &Path, timeout: Duration) -> Policy {
    Policy {
        read: system_paths(),
        write: vec![absolute(build_dir)],
        limits: Limits::check(timeout.as_secs_f64().ceil() as u64 + 1),
        processes: false,
    }
}

/// The root of the test crate: the exercise as `mod exercise`, each checks
/// file as its module (compiled only for tests).
fn root_file(exercise: &Path, checks: &[CheckModule]) -> String {
    let mut text = format!("#[path = {:?}]\npub mod exercise;\n", absolute(exercise));
    for check in checks {
        text += &format!(
            "#[cfg(test)]\n#[path = {:?}]\nmod {};\n",
            absolute(&check.path),
            check.module
        );
    }
    text
}
