//! Reading what the test harness printed: the names it lists, whether one
//! check passed, and one line on why it failed (a panic's message, a
//! timeout, a stack overflow, a crash).

use crate::process::Captured;
use crate::report::truncate;
use crate::sandbox::Limits;
use std::path::Path;
use std::process::ExitStatus;
use std::time::Duration;

/// The test names in the output of `--list` that belong to one of `modules`.
pub(crate) fn listed<'a>(stdout: &'a str, modules: &[&str]) -> Vec<&'a str> {
    stdout
        .lines()
        .filter_map(|l| l.strip_suffix(": test"))
        .filter(|n| modules.iter().any(|m| n.starts_with(&format!("{m}::"))))
        .collect()
}

/// Whether a run of one check (`NAME --exact`) passed.
pub(crate) fn passed(ran: &Captured) -> bool {
    ran.success() && ran.stdout.contains("test result: ok. 1 passed")
}

/// One line on why a check failed.
pub(crate) fn failure(
    ran: &Captured,
    timeout: Duration,
    check_file: Option<&Path>,
    limits: &Limits,
) -> String {
    if ran.timed_out {
        return format!(
            "timed out after {}s (an endless loop?)",
            timeout.as_secs_f64()
        );
    }
    if let Some(limit) = limit_reached(ran, limits) {
        return limit;
    }
    if ran.stderr.contains("has overflowed its stack") {
        return "stack overflow (endless recursion?)".to_string();
    }
    if let Some(message) = ran.stderr.strip_prefix(crate::sandbox::FAILED) {
        let why = message.lines().next().unwrap_or_default();
        return format!("the sandbox could not start: {why}");
    }
    if let Some(panic) = panic_message(&ran.stderr, check_file) {
        return denied(panic);
    }
    match ran.status.and_then(|s| s.code()) {
        Some(0) => "the process exited before the check finished".to_string(),
        Some(code) => format!("the process exited with code {code} before the check finished"),
        None => crashed(ran.status),
    }
}

/// The limit of the sandbox that stopped the process, if one did.
fn limit_reached(ran: &Captured, limits: &Limits) -> Option<String> {
    if ran.stderr.contains("memory allocation of") && ran.stderr.contains("failed") {
        return Some(format!("used more than {} of memory", bytes(limits.memory)));
    }
    match signal(ran.status)? {
        SIGXCPU | SIGKILL => Some(format!(
            "ran out of CPU time (the limit is {}s)",
            limits.cpu_seconds
        )),
        SIGXFSZ => Some(format!(
            "wrote a file larger than {}",
            bytes(limits.file_size)
        )),
        SIGSYS => Some("tried to start too many processes (a check may start none)".to_string()),
        _ => None,
    }
}

/// A panic caused by the sandbox says so, with its place: the denied file
/// or network access.
fn denied(panic: String) -> String {
    let place = panic
        .rfind(" (at ")
        .filter(|_| panic.ends_with(')'))
        .map_or("", |at| &panic[at..]);
    if panic.contains("Network is unreachable") {
        format!("tried to use the network, which the sandbox does not have{place}")
    } else if panic.contains("Permission denied") {
        format!("tried to write outside its folder or read what it may not{place}")
    } else {
        panic
    }
}

const SIGKILL: i32 = 9;
const SIGXCPU: i32 = 24;
const SIGXFSZ: i32 = 25;
const SIGSYS: i32 = 31;

/// `1 GiB`, `64 MiB`, or bytes.
fn bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 30 && n % (1 << 30) == 0 => format!("{} GiB", n >> 30),
        n if n >= 1 << 20 => format!("{} MiB", n >> 20),
        n => format!("{n} bytes"),
    }
}

#[cfg(unix)]
fn signal(status: Option<ExitStatus>) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    status.and_then(|s| s.signal())
}

#[cfg(not(unix))]
fn signal(_status: Option<ExitStatus>) -> Option<i32> {
    None
}

fn crashed(status: Option<ExitStatus>) -> String {
    match signal(status) {
        Some(signal) => format!("crashed (killed by signal {signal})"),
        None => "crashed".to_string(),
    }
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
        .take_while(|l| {
            !l.starts_with("note: ") && !l.starts_with("thread '") && *l != "stack backtrace:"
        })
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let message = if message.is_empty() {
        "panicked".to_string()
    } else {
        plain_assertion(&message).unwrap_or_else(|| message.join(" "))
    };
    let in_checks = check_file
        .is_some_and(|f| location.starts_with(&*crate::process::absolute(f).to_string_lossy()));
    if in_checks {
        return Some(truncate(&message));
    }
    let file_and_line = location.rsplit('/').next().unwrap_or(location);
    Some(truncate(&format!("{message} (at {file_and_line})")))
}

/// An `assert_eq!`/`assert_ne!` failure without the raw `left:`/`right:`:
/// its own message when it has one, else "expected RIGHT, got LEFT" (the
/// checks write `assert_eq!(got, expected)`).
fn plain_assertion(lines: &[&str]) -> Option<String> {
    let (first, rest) = lines.split_first()?;
    let kind = ["`left == right`", "`left != right`"]
        .into_iter()
        .position(|k| first.starts_with(&format!("assertion {k} failed")))?;
    if let Some((_, own)) = first.split_once("failed: ") {
        return Some(own.to_string());
    }
    let value = |side: &str| {
        rest.iter()
            .find_map(|l| l.strip_prefix(side))
            .map(str::trim)
            .unwrap_or("?")
    };
    Some(if kind == 0 {
        format!("expected {}, got {}", value("right:"), value("left:"))
    } else {
        format!("expected anything but {}", value("right:"))
    })
}

/// Whether the last panic in `stderr` happened outside the `files` (the
/// student's file and the checks): inside ndarray or the standard library.
pub(crate) fn panicked_elsewhere(stderr: &str, files: &[Option<&Path>]) -> bool {
    let Some(start) = stderr.rfind("panicked at ") else {
        return false;
    };
    let location = &stderr[start + "panicked at ".len()..];
    !files
        .iter()
        .flatten()
        .any(|f| location.starts_with(&*crate::process::absolute(f).to_string_lossy()))
}

/// The first frame of a backtrace in `stderr` that lies in `exercise`, as
/// `NAME.rs:LINE:COLUMN`.
pub(crate) fn frame_in(stderr: &str, exercise: &Path) -> Option<String> {
    let path = crate::process::absolute(exercise);
    let path = path.to_string_lossy();
    let name = exercise.file_name()?.to_string_lossy();
    stderr.lines().find_map(|line| {
        let at = line.trim_start().strip_prefix("at ")?;
        let line_and_column = at.strip_prefix(&*path)?.strip_prefix(':')?;
        Some(format!("{name}:{line_and_column}"))
    })
}

/// A failure message whose place `(at FILE:LINE:COLUMN)` becomes `place`.
pub(crate) fn relocated(message: &str, place: &str) -> String {
    let head = message
        .rfind(" (at ")
        .filter(|_| message.ends_with(')'))
        .map_or(message, |at| &message[..at]);
    format!("{head} (at {place})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panic_message_of_todo_names_the_place() {
        let stderr = "\nthread 'checks::a' panicked at /l/exercises/01_x.rs:19:5:\nnot yet implemented\nnote: run with `RUST_BACKTRACE=1`\n";
        assert_eq!(
            panic_message(stderr, Some(Path::new("/l/checks/01_x.rs"))).unwrap(),
            "not yet implemented (at 01_x.rs:19:5)"
        );
    }

    #[test]
    fn assertions_read_without_left_and_right() {
        let stderr = |body: &str| {
            format!("thread 'checks::a' panicked at /c/checks/x.rs:3:5:\n{body}\nnote: run\n")
        };
        let checks = Some(Path::new("/c/checks/x.rs"));
        let said = |body: &str| panic_message(&stderr(body), checks).unwrap();
        assert_eq!(
            said("assertion `left == right` failed\n  left: 1\n right: 2"),
            "expected 2, got 1"
        );
        assert_eq!(
            said(
                "assertion `left == right` failed: δ_a: expected 2 values, got 1\n  left: 1\n right: 2"
            ),
            "δ_a: expected 2 values, got 1"
        );
        assert_eq!(
            said("assertion `left != right` failed\n  left: 0\n right: 0"),
            "expected anything but 0"
        );
    }

    #[test]
    fn a_panic_in_a_library_is_placed_in_the_students_file() {
        let stderr = "thread 'checks::a' panicked at /r/ndarray-0.17.1/src/linalg/impl_linalg.rs:343:5:\n\
            shapes not compatible\nstack backtrace:\n   0: std::panicking::begin_panic\n\
            \x20            at /rustc/abc/library/std/src/panicking.rs:1:1\n\
            \x20  5: exercise::exercise::layer_forward\n\
            \x20            at /s/exercises/10_x.rs:20:9\n";
        let exercise = Path::new("/s/exercises/10_x.rs");
        let checks = Path::new("/s/checks/10_x.rs");
        assert!(panicked_elsewhere(stderr, &[Some(exercise), Some(checks)]));
        assert!(!panicked_elsewhere(
            stderr,
            &[Some(Path::new(
                "/r/ndarray-0.17.1/src/linalg/impl_linalg.rs"
            ))]
        ));
        assert_eq!(frame_in(stderr, exercise).as_deref(), Some("10_x.rs:20:9"));
        let message = panic_message(stderr, Some(checks)).unwrap();
        assert_eq!(message, "shapes not compatible (at impl_linalg.rs:343:5)");
        assert_eq!(
            relocated(&message, "10_x.rs:20:9"),
            "shapes not compatible (at 10_x.rs:20:9)"
        );
    }

    #[test]
    fn limits_are_named() {
        use std::os::unix::process::ExitStatusExt;
        let killed = |signal: i32, stderr: &str| Captured {
            status: Some(ExitStatus::from_raw(signal)),
            timed_out: false,
            stdout: String::new(),
            stderr: stderr.to_string(),
        };
        let limits = Limits::check(6);
        let said = |ran: Captured| failure(&ran, Duration::from_secs(5), None, &limits);
        assert_eq!(
            said(killed(24, "")),
            "ran out of CPU time (the limit is 6s)"
        );
        assert_eq!(said(killed(25, "")), "wrote a file larger than 64 MiB");
        assert_eq!(
            said(killed(31, "")),
            "tried to start too many processes (a check may start none)"
        );
        let abort = "memory allocation of 8589934592 bytes failed\n";
        assert_eq!(said(killed(6, abort)), "used more than 1 GiB of memory");
        let panic = "thread 'checks::a' panicked at /s/exercises/01_x.rs:5:9:\n\
            called `Result::unwrap()` on an `Err` value: Os { code: 13, kind: PermissionDenied, message: \"Permission denied\" }\n";
        assert_eq!(
            said(killed(101 << 8, panic)),
            "tried to write outside its folder or read what it may not (at 01_x.rs:5:9)"
        );
        assert_eq!(bytes(1 << 30), "1 GiB");
    }

    #[test]
    fn only_the_checks_modules_are_listed() {
        let stdout =
            "checks::a: test\nhidden::b: test\nexercise::tests::c: test\nchecks::d: bench\n";
        assert_eq!(
            listed(stdout, &["checks", "hidden"]),
            ["checks::a", "hidden::b"]
        );
    }
}
