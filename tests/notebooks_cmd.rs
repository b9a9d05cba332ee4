//! End-to-end tests of `lab notebooks --setup`: the one-line errors when
//! `python3`, its venv module or the Python package index is missing, and
//! the real set-up (done by `cargo lab test` before the tests): run again it
//! installs nothing, and a kernel started from the course's kernelspec gets
//! the course's settings.

mod common;

use common::{lab, lab_command, lab_with_env};
use std::process::Output;

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The one error line of a failed run (lab's progress lines start `lab:`).
fn error_line(output: &Output) -> String {
    assert!(!output.status.success(), "{}", stderr(output));
    let text = stderr(output);
    assert!(!text.contains("panicked"), "{text}");
    let errors: Vec<&str> = text
        .lines()
        .filter(|line| line.starts_with("error:"))
        .collect();
    assert_eq!(errors.len(), 1, "{text}");
    errors[0].to_owned()
}

#[test]
fn without_python3_on_the_path_setup_says_so_in_one_line() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let venv = dir.path().join("venv");
    let output = lab_with_env(
        "notebooks",
        &["--setup"],
        &[("PATH", dir.path()), ("LAB_VENV", &venv)],
    );
    let line = error_line(&output);
    assert!(line.contains("python3 is not on the PATH"), "{line}");
    assert!(!dir.path().join("venv").exists());
}

#[cfg(unix)]
#[test]
fn without_the_venv_module_setup_names_the_package_and_leaves_no_half_environment() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temporary folder");
    // Debian's python3 without python3-venv: the folder is made, then ensurepip fails.
    let python = dir.path().join("python3");
    std::fs::write(
        &python,
        "#!/bin/sh\nmkdir -p \"$3/bin\"\necho 'The virtual environment was not created \
         successfully because ensurepip is not available.' >&2\nexit 1\n",
    )
    .expect("write the fake python3");
    std::fs::set_permissions(&python, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let venv = dir.path().join("venv");
    let output = lab_with_env(
        "notebooks",
        &["--setup"],
        &[("PATH", dir.path()), ("LAB_VENV", &venv)],
    );
    let line = error_line(&output);
    assert!(
        line.contains("cannot create a virtual environment"),
        "{line}"
    );
    assert!(
        line.contains("python3-venv") && line.contains("ensurepip"),
        "{line}"
    );
    assert!(!venv.exists(), "the half-made environment is removed");
}

#[test]
fn without_the_package_index_setup_says_pip_cannot_reach_it() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let output = lab_command("notebooks", &["--setup"])
        .env("LAB_VENV", dir.path().join("venv"))
        // Nothing listens on port 9 (discard): every download fails at once.
        .env("PIP_INDEX_URL", "http://127.0.0.1:9/simple")
        .env("PIP_RETRIES", "0")
        .env("PIP_TIMEOUT", "2")
        .env("PIP_NO_CACHE_DIR", "1")
        .output()
        .expect("lab runs");
    let line = error_line(&output);
    assert!(line.contains("pip could not install"), "{line}");
    assert!(line.contains("package index"), "{line}");
}

#[test]
fn setup_when_done_installs_nothing_and_kernels_get_the_settings() {
    // `cargo lab test` sets up before the tests run; the tests install nothing.
    let workspace = common::workspace();
    let spec = workspace
        .venv()
        .join("share/jupyter/kernels/rust/kernel.json");
    let spec = std::fs::read_to_string(&spec).unwrap_or_else(|_| {
        panic!(
            "no kernelspec at {}: run `cargo lab notebooks --setup` first (`cargo lab test` does)",
            spec.display()
        )
    });
    let output = lab("notebooks", &["--setup"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        !stderr(&output).contains("installing"),
        "{}",
        stderr(&output)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("notebooks: ready"), "{stdout}");

    let spec: serde_json::Value = serde_json::from_str(&spec).unwrap();
    let settings = workspace.tool("jupyter").join("kernel");
    assert_eq!(spec["env"]["EVCXR_CONFIG_DIR"], settings.to_str().unwrap());
    assert!(
        spec["argv"][1]
            .as_str()
            .unwrap()
            .ends_with("kernel/launch.py")
    );

    // A kernel started from that kernelspec reads the settings.
    let notebook = workspace
        .root()
        .join("tests/notebooks/kernel_settings.ipynb");
    let output = lab("test", &["--notebooks", notebook.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", stderr(&output));
    let executed = workspace.executed().join("kernel_settings.ipynb");
    let executed = std::fs::read_to_string(&executed).expect("the executed copy is kept");
    // `:cache` prints evcxr's cache statistics and the limit init.evcxr set.
    assert!(executed.contains("Size limit: 2000 MiB"), "{executed}");
    assert!(executed.contains("settings from "), "{executed}");
}

#[test]
fn a_cell_that_shows_the_unit_value_fails_with_the_fix() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let notebook = dir.path().join("unit.ipynb");
    let cells = serde_json::json!({
        "cells": [
            {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
             "source": ["let kept = 1;"]},
            {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
             "source": ["for i in 0..kept {\n    assert!(i < kept);\n}"]}
        ],
        "metadata": {"kernelspec": {"display_name": "Rust", "language": "rust", "name": "rust"}},
        "nbformat": 4,
        "nbformat_minor": 5
    });
    std::fs::write(&notebook, cells.to_string()).unwrap();
    let output = lab("test", &["--notebooks", notebook.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "{stdout}");
    assert!(
        stdout.contains("cell 2 (for i in 0..kept {) shows `()` as its output"),
        "{stdout}"
    );
}
