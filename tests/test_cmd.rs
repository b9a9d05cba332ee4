//! End-to-end tests of `lab test --notebooks` for the notebooks it refuses
//! before starting a kernel: stored outputs, missing files, files that are
//! not notebooks. (Running notebooks on the kernel is what `cargo lab test`
//! itself does.)

mod common;

use common::lab;
use std::path::Path;
use std::process::Output;

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A notebook whose second cell (a code cell) carries an output and an
/// execution count, as Jupyter saves it after a run.
const EXECUTED: &str = r###"{
 "cells": [
  {"cell_type": "markdown", "metadata": {}, "source": ["## A slide"]},
  {"cell_type": "code", "execution_count": 3, "metadata": {},
   "outputs": [{"name": "stdout", "output_type": "stream", "text": ["4\n"]}],
   "source": ["println!(\"{}\", 2 + 2);"]}
 ],
 "metadata": {"kernelspec": {"display_name": "Rust", "language": "rust", "name": "rust"}},
 "nbformat": 4,
 "nbformat_minor": 5
}"###;

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the notebook");
    path.to_string_lossy().into_owned()
}

#[test]
fn a_notebook_stored_with_outputs_fails_and_is_left_as_it_was() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = write(dir.path(), "executed.ipynb", EXECUTED);

    let output = lab("test", &["--notebooks", &path]);

    assert!(!output.status.success());
    let text = stdout(&output);
    assert!(
        text.contains("notebook executed.ipynb failed: stored with outputs"),
        "{text}"
    );
    assert!(text.contains("cell 2 has outputs"), "{text}");
    assert!(text.contains("cell 2 has an execution count"), "{text}");
    assert_eq!(
        text.lines().last(),
        Some("notebooks: 0 passed, 1 failed"),
        "{text}"
    );
    let stored = std::fs::read_to_string(&path).expect("read the notebook");
    assert_eq!(stored, EXECUTED);
}

#[test]
fn missing_and_malformed_notebooks_each_fail_with_one_line() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let missing = dir
        .path()
        .join("missing.ipynb")
        .to_string_lossy()
        .into_owned();
    let not_json = write(dir.path(), "broken.ipynb", "{ not json");
    let no_cells = write(dir.path(), "empty.ipynb", r#"{"nbformat": 4}"#);

    let output = lab("test", &["--notebooks", &missing, &not_json, &no_cells]);

    assert!(!output.status.success());
    let text = stdout(&output);
    assert!(
        text.contains("notebook missing.ipynb failed: cannot read"),
        "{text}"
    );
    assert!(
        text.contains("notebook broken.ipynb failed:") && text.contains("not valid JSON"),
        "{text}"
    );
    assert!(
        text.contains("notebook empty.ipynb failed:") && text.contains("not a notebook"),
        "{text}"
    );
    assert_eq!(
        text.lines().last(),
        Some("notebooks: 0 passed, 3 failed"),
        "{text}"
    );
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
}

#[test]
fn contradictory_options_are_refused() {
    let both = lab("test", &["--notebooks", "--no-notebooks"]);
    assert!(!both.status.success());
    assert!(String::from_utf8_lossy(&both.stderr).contains("cannot be used with"));

    let no_jobs = lab("test", &["--notebooks", "--jobs", "0"]);
    assert!(!no_jobs.status.success());
    assert!(String::from_utf8_lossy(&no_jobs.stderr).contains("--jobs"));
}
