//! Helpers shared by the end-to-end tests of the course commands.
// Each test file compiles this module on its own and uses only part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `lab SUBCOMMAND ARGS`, not run yet: for a test that gives it an
/// environment, a working folder or more arguments first.
pub fn lab_command(subcommand: &str, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lab"));
    command.arg(subcommand).args(args);
    command
}

/// Runs `lab SUBCOMMAND ARGS` and returns its output.
pub fn lab(subcommand: &str, args: &[&str]) -> Output {
    lab_with_env(subcommand, args, &[])
}

/// Runs `lab SUBCOMMAND ARGS` with the environment variables `env` set to
/// the given paths, and returns its output.
pub fn lab_with_env(subcommand: &str, args: &[&str], env: &[(&str, &Path)]) -> Output {
    lab_command(subcommand, args)
        .envs(env.iter().copied())
        .output()
        .expect("lab runs")
}

/// The stdout of a `lab` run that must have succeeded (its stderr is the
/// failure's message).
pub fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "lab failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs `lab SUBCOMMAND ARGS --json`, which must succeed quietly (nothing
/// on stderr, no progress bar when not on a terminal), and parses the one
/// JSON object it prints.
pub fn lab_json(subcommand: &str, args: &[&str]) -> serde_json::Value {
    let args = [args, &["--json"]].concat();
    let out = lab(subcommand, &args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{subcommand} {args:?}: {stderr}");
    assert!(
        stderr.is_empty(),
        "{subcommand} {args:?} wrote to stderr: {stderr}"
    );
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON object")
}

/// Runs `lab SUBCOMMAND ARGS`, which must fail with status 1 and one line
/// on stderr starting `error: `, and returns that line.
pub fn error_line(subcommand: &str, args: &[&str]) -> String {
    let out = lab(subcommand, args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{args:?} should fail with status 1"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "one line, got: {stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    stderr
}

/// This checkout, whose `lab` the tests run.
pub fn workspace() -> workspace::Workspace {
    workspace::Workspace::new(env!("CARGO_MANIFEST_DIR"))
}

/// The course's lesson 3, as the workspace holds it.
pub fn lesson_source() -> PathBuf {
    workspace().lesson(3)
}

/// Copies the folder `from` to `to`, leaving out the runner's `.progress.toml`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else if path.file_name().unwrap() != ".progress.toml" {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}
