//! Compiling one exercise with its checks and running every check in its own
//! process, with a timeout and a cap on the output it may print.

use crate::Error;
use crate::compiler::Compiler;
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};
use std::time::Duration;
use wait_timeout::ChildExt;

/// How long rustc may take for one exercise before it counts as a failure.
const COMPILE_TIMEOUT: Duration = Duration::from_secs(120);
/// Bytes kept from the start of a process's output.
const HEAD: usize = 32 * 1024;
/// Bytes kept from the end of a process's output, past the head.
const TAIL: usize = 4 * 1024;
/// Longest one-line explanation of a failure.
const LINE: usize = 300;

/// A file of checks and the module name it is compiled as.
#[derive(Debug, Clone)]
pub struct CheckModule {
    /// `checks` for the lesson's checks, `hidden` for an instructor's hidden ones.
    pub module: &'static str,
    /// The checks file.
    pub path: PathBuf,
}

/// The result of one check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckResult {
    /// The test's name inside its module, prefixed `hidden::` for hidden checks.
    pub name: String,
    /// Whether it passed.
    pub passed: bool,
    /// For a failure: one line saying why (expected vs got, a timeout, a crash).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// What happened to one exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// The exercise file does not exist.
    Missing,
    /// rustc rejected the exercise (or its checks); `message` is rustc's output.
    CompileError {
        /// rustc's diagnostics (capped).
        message: String,
    },
    /// The exercise compiled but its checks could not be run or listed.
    Broken {
        /// Why.
        message: String,
    },
    /// The checks ran.
    Ran {
        /// One result per check, in name order.
        checks: Vec<CheckResult>,
    },
}

/// The report on one exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The exercise's name.
    pub exercise: String,
    /// What happened.
    pub outcome: Outcome,
}

impl Report {
    /// (passing checks, all checks); (0, 0) when the checks did not run.
    pub fn counts(&self) -> (usize, usize) {
        match &self.outcome {
            Outcome::Ran { checks } => (checks.iter().filter(|c| c.passed).count(), checks.len()),
            _ => (0, 0),
        }
    }

    /// Whether the checks ran and every one passed.
    pub fn passed(&self) -> bool {
        let (passed, total) = self.counts();
        total > 0 && passed == total
    }

    /// The share of `points` earned: points × passing / all checks.
    ///
    /// ```
    /// use course::{CheckResult, Outcome, Report};
    /// let check = |passed| CheckResult { name: "c".into(), passed, message: None };
    /// let report = Report {
    ///     exercise: "05_chain_rule".into(),
    ///     outcome: Outcome::Ran { checks: vec![check(true), check(true), check(false)] },
    /// };
    /// assert_eq!(report.score(3), 2.0); // 2 of 3 checks pass: 2 of 3 points
    /// assert!(!report.passed());
    /// ```
    pub fn score(&self, points: u32) -> f64 {
        let (passed, total) = self.counts();
        if total == 0 {
            0.0
        } else {
            f64::from(points) * passed as f64 / total as f64
        }
    }

    /// Removes `prefix` (a scratch or working folder) from the paths quoted in
    /// rustc's output and the failure messages, so they read `exercises/NAME.rs`.
    pub fn strip_prefix(&mut self, prefix: &Path) {
        let mut prefix = absolute(prefix).to_string_lossy().into_owned();
        if !prefix.ends_with(std::path::MAIN_SEPARATOR) {
            prefix.push(std::path::MAIN_SEPARATOR);
        }
        match &mut self.outcome {
            Outcome::CompileError { message } | Outcome::Broken { message } => {
                *message = message.replace(&prefix, "");
            }
            Outcome::Ran { checks } => {
                for message in checks.iter_mut().filter_map(|c| c.message.as_mut()) {
                    *message = message.replace(&prefix, "");
                }
            }
            Outcome::Missing => {}
        }
    }

    /// One line on what is wrong first, or `None` when everything passed.
    pub fn first_problem(&self) -> Option<String> {
        match &self.outcome {
            Outcome::Missing => Some(format!("{}.rs is missing", self.exercise)),
            Outcome::CompileError { message } => {
                Some(format!("compile error: {}", compile_summary(message)))
            }
            Outcome::Broken { message } => Some(message.clone()),
            Outcome::Ran { checks } => checks
                .iter()
                .find(|c| !c.passed)
                .map(|c| format!("{}: {}", c.name, c.message.as_deref().unwrap_or("failed"))),
        }
    }
}

/// The first error of rustc's output on one line, with its location:
/// `error[E0308]: mismatched types (02_batch_loss.rs:12:5)`.
pub fn compile_summary(message: &str) -> String {
    let mut lines = message.lines();
    let Some(error) = lines.by_ref().find(|l| l.starts_with("error")) else {
        return truncate(message.lines().next().unwrap_or("rustc failed"));
    };
    let location = lines
        .next()
        .and_then(|l| l.trim_start().strip_prefix("--> "))
        .map(|l| {
            let file = Path::new(l)
                .file_name()
                .map_or(l.into(), |f| f.to_string_lossy());
            format!(" ({file})")
        })
        .unwrap_or_default();
    truncate(&format!("{error}{location}"))
}

fn truncate(line: &str) -> String {
    match line.char_indices().nth(LINE) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_string(),
    }
}

/// How exercises are compiled and run: the compiler with the crates an
/// exercise may use.
#[derive(Debug, Clone)]
pub struct Checker {
    /// The rustc and the crates exercises may use.
    pub compiler: Compiler,
}

impl Checker {
    /// Exercises that use only the standard library.
    pub fn std_only() -> Checker {
        Checker::new(Compiler::std_only())
    }

    /// A checker compiling with `compiler`.
    pub fn new(compiler: Compiler) -> Checker {
        Checker { compiler }
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
        check_exercise(self, name, exercise, checks, build_dir, timeout)
    }
}

fn check_exercise(
    checker: &Checker,
    name: &str,
    exercise: &Path,
    checks: &[CheckModule],
    build_dir: &Path,
    timeout: Duration,
) -> Result<Report, Error> {
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
    let written = |source| Error::Write {
        path: build_dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(build_dir).map_err(written)?;
    let root = build_dir.join("root.rs");
    std::fs::write(&root, root_file(exercise, checks)).map_err(written)?;
    let binary = build_dir.join(format!("{name}-checks{}", std::env::consts::EXE_SUFFIX));
    let _ = std::fs::remove_file(&binary);
    let mut rustc = checker.compiler.command();
    rustc
        .args(["--edition", "2024", "--test", "--crate-name", "exercise"])
        .args(["-A", "warnings", "-C", "debuginfo=0", "-o"])
        .arg(&binary)
        .arg(&root);
    let compiled = run_capped(rustc, COMPILE_TIMEOUT).map_err(Error::Rustc)?;
    if compiled.timed_out {
        let message = format!("rustc took longer than {}s", COMPILE_TIMEOUT.as_secs());
        return Ok(report(Outcome::CompileError { message }));
    }
    if !compiled.success() {
        return Ok(report(Outcome::CompileError {
            message: compiled.stderr,
        }));
    }
    let run_error = |source| Error::Run {
        path: binary.clone(),
        source,
    };
    let mut list = Command::new(&binary);
    list.arg("--list");
    let listed = run_capped(list, timeout).map_err(run_error)?;
    if !listed.success() {
        let message = format!(
            "the checks could not be listed: {}",
            failure(&listed, timeout, None)
        );
        return Ok(report(Outcome::Broken { message }));
    }
    let names: Vec<&str> = listed
        .stdout
        .lines()
        .filter_map(|l| l.strip_suffix(": test"))
        .filter(|n| {
            checks
                .iter()
                .any(|c| n.starts_with(&format!("{}::", c.module)))
        })
        .collect();
    if names.is_empty() {
        let message = "the checks file has no #[test] functions".to_string();
        return Ok(report(Outcome::Broken { message }));
    }
    let mut results = Vec::new();
    for full in names {
        let mut run = Command::new(&binary);
        run.args([full, "--exact", "--nocapture", "--test-threads=1"]);
        run.env("RUST_BACKTRACE", "0");
        let ran = run_capped(run, timeout).map_err(run_error)?;
        let passed = ran.success() && ran.stdout.contains("test result: ok. 1 passed");
        let check_file = checks
            .iter()
            .find(|c| full.starts_with(&format!("{}::", c.module)))
            .map(|c| c.path.as_path());
        results.push(CheckResult {
            name: full.strip_prefix("checks::").unwrap_or(full).to_string(),
            passed,
            message: (!passed).then(|| failure(&ran, timeout, check_file)),
        });
    }
    Ok(report(Outcome::Ran { checks: results }))
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

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// One line on why a check failed.
fn failure(ran: &Captured, timeout: Duration, check_file: Option<&Path>) -> String {
    if ran.timed_out {
        return format!(
            "timed out after {}s (an endless loop?)",
            timeout.as_secs_f64()
        );
    }
    if ran.stderr.contains("has overflowed its stack") {
        return "stack overflow (endless recursion?)".to_string();
    }
    if let Some(panic) = panic_message(&ran.stderr, check_file) {
        return panic;
    }
    match ran.status.and_then(|s| s.code()) {
        Some(0) => "the process exited before the check finished".to_string(),
        Some(code) => format!("the process exited with code {code} before the check finished"),
        None => crashed(ran.status),
    }
}

#[cfg(unix)]
fn crashed(status: Option<ExitStatus>) -> String {
    use std::os::unix::process::ExitStatusExt;
    match status.and_then(|s| s.signal()) {
        Some(signal) => format!("crashed (killed by signal {signal})"),
        None => "crashed".to_string(),
    }
}

#[cfg(not(unix))]
fn crashed(_status: Option<ExitStatus>) -> String {
    "crashed".to_string()
}

/// The last panic in `stderr` as one line. The location is added unless the
/// panic is an assertion of the checks file (whose message says it all), so
/// `todo!()` reads "not yet implemented (at 03_gradient_descent.rs:40:5)".
fn panic_message(stderr: &str, check_file: Option<&Path>) -> Option<String> {
    let start = stderr.rfind("panicked at ")?;
    let rest = &stderr[start + "panicked at ".len()..];
    let (location, body) = rest.split_once('\n').unwrap_or((rest, ""));
    let location = location.trim_end_matches(':');
    let message: Vec<&str> = body
        .lines()
        .take_while(|l| !l.starts_with("note: ") && !l.starts_with("thread '"))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let message = if message.is_empty() {
        "panicked".to_string()
    } else {
        message.join(" ")
    };
    let in_checks =
        check_file.is_some_and(|f| location.starts_with(&*absolute(f).to_string_lossy()));
    if in_checks {
        return Some(truncate(&message));
    }
    let file_and_line = location.rsplit('/').next().unwrap_or(location);
    Some(truncate(&format!("{message} (at {file_and_line})")))
}

/// What a finished (or killed) process printed.
struct Captured {
    status: Option<ExitStatus>,
    timed_out: bool,
    stdout: String,
    stderr: String,
}

impl Captured {
    fn success(&self) -> bool {
        self.status.is_some_and(|s| s.success())
    }
}

/// Runs `command` for at most `timeout`, keeping the head and tail of its
/// output (a flood of output is drained, not stored).
fn run_capped(mut command: Command, timeout: Duration) -> std::io::Result<Captured> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn()?;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = match child.wait_timeout(timeout)? {
        Some(status) => Some(status),
        None => {
            let _ = child.kill();
            let _ = child.wait();
            None
        }
    };
    // The output ends when every process holding the pipes is gone; one left
    // behind by the check must not hold up the grader: after a grace period,
    // what was read so far is the output.
    let collect = |output: Output| {
        let _ = output.done.recv_timeout(Duration::from_secs(2));
        output.text()
    };
    Ok(Captured {
        status,
        timed_out: status.is_none(),
        stdout: collect(stdout),
        stderr: collect(stderr),
    })
}

/// The head and tail of what a pipe delivered, filled by a reading thread.
#[derive(Default)]
struct Kept {
    head: Vec<u8>,
    tail: Vec<u8>,
    total: usize,
}

/// A pipe being read: what was kept so far, and a signal when it ended.
struct Output {
    kept: std::sync::Arc<Mutex<Kept>>,
    done: mpsc::Receiver<()>,
}

impl Output {
    fn text(&self) -> String {
        let Ok(kept) = self.kept.lock() else {
            return String::new();
        };
        let mut text = String::from_utf8_lossy(&kept.head).into_owned();
        let tail = &kept.tail[kept.tail.len().saturating_sub(TAIL)..];
        let left_out = kept.total - kept.head.len() - tail.len();
        if left_out > 0 {
            text += &format!("\n[… {left_out} bytes of output left out …]\n");
        }
        text + &String::from_utf8_lossy(tail)
    }
}

/// Reads `pipe` to its end on a thread, keeping its head and tail.
fn drain(pipe: Option<impl Read + Send + 'static>) -> Output {
    let (sender, done) = mpsc::channel();
    let kept = std::sync::Arc::new(Mutex::new(Kept::default()));
    let filled = kept.clone();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 8192];
        if let Some(mut pipe) = pipe {
            while let Ok(n @ 1..) = pipe.read(&mut buffer) {
                let Ok(mut kept) = filled.lock() else { break };
                kept.total += n;
                let room = (HEAD - kept.head.len()).min(n);
                kept.head.extend_from_slice(&buffer[..room]);
                kept.tail.extend_from_slice(&buffer[room..n]);
                if kept.tail.len() > 2 * TAIL {
                    let extra = kept.tail.len() - TAIL;
                    kept.tail.drain(..extra);
                }
            }
        }
        let _ = sender.send(());
    });
    Output { kept, done }
}

/// Maps `f` over `items` on `jobs` threads, keeping the order.
pub fn parallel<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, items.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let result = f(item);
                    if let Ok(mut results) = results.lock() {
                        results[i] = Some(result);
                    }
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compile_summary_is_one_line_with_the_location() {
        let rustc =
            "error[E0308]: mismatched types\n  --> /tmp/x/exercises/02_batch_loss.rs:12:5\n   |\n";
        assert_eq!(
            compile_summary(rustc),
            "error[E0308]: mismatched types (02_batch_loss.rs:12:5)"
        );
    }

    #[test]
    fn panic_message_of_todo_names_the_place() {
        let stderr = "\nthread 'checks::a' panicked at /l/exercises/01_x.rs:19:5:\nnot yet implemented\nnote: run with `RUST_BACKTRACE=1`\n";
        assert_eq!(
            panic_message(stderr, Some(Path::new("/l/checks/01_x.rs"))).unwrap(),
            "not yet implemented (at 01_x.rs:19:5)"
        );
    }

    #[test]
    fn drained_output_keeps_head_and_tail() {
        let data = vec![b'x'; HEAD + 100_000];
        let output = drain(Some(std::io::Cursor::new(data)));
        output.done.recv().unwrap();
        let text = output.text();
        assert!(text.len() < HEAD + TAIL + 100);
        assert!(text.contains("bytes of output left out"));
    }

    #[test]
    fn parallel_keeps_the_order() {
        let items: Vec<u32> = (0..50).collect();
        assert_eq!(
            parallel(&items, 3, |x| x * 2),
            (0..50).map(|x| x * 2).collect::<Vec<_>>()
        );
    }
}
