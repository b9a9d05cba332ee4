//! The Gradescope autograder bundle (`cargo lab grade 3 --gradescope-bundle FILE.zip`).
//!
//! Gradescope unzips the bundle into `/autograder/source` and runs
//! `setup.sh` once, as root on Ubuntu, to build its image; then, for every
//! student, it puts the uploaded files in `/autograder/submission`, runs
//! `run_autograder` and reads `/autograder/results/results.json`.
//!
//! The bundle holds the workspace's sources (`workspace/`: the `lab` tool,
//! its crates and the one lesson graded, without `target/`), the instructor's
//! hidden checks (`hidden/`) when given, and the two scripts: `setup.sh`
//! installs the same Rust toolchain, builds `lab`, and runs the lesson's
//! self-check, which also builds the crates exercises may use, so a
//! student's grading starts warm; `run_autograder` grades the one submission
//! with [`crate::grade`] and copies its `results.json`. Its folders can be
//! moved with `AUTOGRADER_SOURCE`, `AUTOGRADER_SUBMISSION`,
//! `AUTOGRADER_RESULTS` and `AUTOGRADER_LAB` (the `lab` binary), which is how
//! it is tried locally on a sample submission.

use crate::{Error, Lesson};
use std::io::Write;
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;

/// What goes into a bundle.
#[derive(Debug, Clone)]
pub struct Bundle<'a> {
    /// The workspace root: `Cargo.toml`, `Cargo.lock`, `src/`, `crates/`, `tools/`.
    pub workspace: &'a Path,
    /// The lesson graded.
    pub lesson: &'a Lesson,
    /// Its number (`lab grade N`).
    pub number: u32,
    /// The instructor's hidden checks, if any.
    pub hidden: Option<&'a Path>,
    /// Seconds one check may run.
    pub timeout: f64,
    /// The Rust toolchain `setup.sh` installs, e.g. `1.95.0`.
    pub toolchain: &'a str,
}

/// The workspace's files and folders a bundle needs (besides the lesson).
const WORKSPACE: &[&str] = &["Cargo.toml", "Cargo.lock", "src", "crates", "tools"];
/// Folders never bundled.
const SKIPPED: &[&str] = &["target", ".git", ".venv", "node_modules"];

/// Writes the bundle to `zip_path`; returns how many files it holds.
///
/// # Errors
/// [`Error::Read`] when a workspace file cannot be read, [`Error::Write`]
/// when the zip file cannot be written.
pub fn write_bundle(zip_path: &Path, bundle: &Bundle) -> Result<usize, Error> {
    let written = |source: std::io::Error| Error::Write {
        path: zip_path.to_path_buf(),
        source,
    };
    let zipped = |e: zip::result::ZipError| written(std::io::Error::other(e));
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for entry in WORKSPACE {
        collect(
            &bundle.workspace.join(entry),
            &format!("workspace/{entry}"),
            &mut files,
        )?;
    }
    let lesson_dir = bundle
        .lesson
        .dir
        .file_name()
        .unwrap_or_default()
        .to_string_lossy();
    collect(
        &bundle.lesson.dir,
        &format!("workspace/lessons/{lesson_dir}"),
        &mut files,
    )?;
    if let Some(hidden) = bundle.hidden {
        collect(hidden, "hidden", &mut files)?;
    }
    let mut zip = zip::ZipWriter::new(std::fs::File::create(zip_path).map_err(written)?);
    let script = SimpleFileOptions::default().unix_permissions(0o755);
    for (name, text) in [
        ("setup.sh", setup_sh(bundle)),
        ("run_autograder", run_autograder(bundle)),
    ] {
        zip.start_file(name, script).map_err(zipped)?;
        zip.write_all(text.as_bytes()).map_err(written)?;
    }
    let plain = SimpleFileOptions::default().unix_permissions(0o644);
    for (name, path) in &files {
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        zip.start_file(name.as_str(), plain).map_err(zipped)?;
        zip.write_all(&bytes).map_err(written)?;
    }
    zip.finish().map_err(zipped)?;
    Ok(files.len() + 2)
}

/// Every file under `path` (or `path` itself), named `prefix/…` in the
/// zip, in a stable order, leaving out build folders and progress files.
fn collect(path: &Path, prefix: &str, files: &mut Vec<(String, PathBuf)>) -> Result<(), Error> {
    if path.is_file() {
        files.push((prefix.to_string(), path.to_path_buf()));
        return Ok(());
    }
    let read = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(read)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(read)?;
    entries.sort();
    for entry in entries {
        let name = entry
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if SKIPPED.contains(&name.as_str()) || name == ".progress.toml" {
            continue;
        }
        collect(&entry, &format!("{prefix}/{name}"), files)?;
    }
    Ok(())
}

/// `setup.sh`: the toolchain, `lab`, and a warm self-check.
fn setup_sh(bundle: &Bundle) -> String {
    format!(
        r#"#!/usr/bin/env bash
# Gradescope runs this once, as root on Ubuntu, when it builds the autograder.
set -euo pipefail
SOURCE="$(cd "$(dirname "${{BASH_SOURCE[0]}}")" && pwd)"
apt-get update
apt-get install -y --no-install-recommends build-essential ca-certificates curl
curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs \
  | sh -s -- -y --profile minimal --default-toolchain {toolchain}
source "$HOME/.cargo/env"
cd "$SOURCE/workspace"
cargo build --locked --bin lab
# Builds the crates exercises may use and proves every stub fails and every
# reference solution passes (the hidden checks too), so grading a student
# starts warm and a broken hidden check stops here, not at a student.
LAB_LESSONS="$SOURCE/workspace/lessons" ./target/debug/lab grade {number} --self-check {hidden}
"#,
        toolchain = bundle.toolchain,
        number = bundle.number,
        hidden = hidden_arg(bundle),
    )
}

/// The scripts' `--hidden` argument, when the bundle has hidden checks.
fn hidden_arg(bundle: &Bundle) -> &'static str {
    if bundle.hidden.is_some() {
        r#"--hidden "$SOURCE/hidden""#
    } else {
        ""
    }
}

/// `run_autograder`: grades `/autograder/submission` into `results.json`.
fn run_autograder(bundle: &Bundle) -> String {
    let hidden = hidden_arg(bundle);
    format!(
        r#"#!/usr/bin/env bash
# Gradescope runs this for every submission.
set -uo pipefail
SOURCE="${{AUTOGRADER_SOURCE:-/autograder/source}}"
SUBMISSION="${{AUTOGRADER_SUBMISSION:-/autograder/submission}}"
RESULTS="${{AUTOGRADER_RESULTS:-/autograder/results}}"
LAB="${{AUTOGRADER_LAB:-$SOURCE/workspace/target/debug/lab}}"
[ -f "$HOME/.cargo/env" ] && source "$HOME/.cargo/env"
mkdir -p "$RESULTS"
OUT="$(mktemp -d)"
LAB_LESSONS="$SOURCE/workspace/lessons" "$LAB" grade {number} "$SUBMISSION" \
  --timeout {timeout} {hidden} --results-json "$OUT" 2> "$OUT/errors.txt"
cat "$OUT/errors.txt" >&2
if [ -f "$OUT/$(basename "$SUBMISSION")/results.json" ]; then
  cp "$OUT/$(basename "$SUBMISSION")/results.json" "$RESULTS/results.json"
else
  # The grader itself failed: the log above (for the instructor) says why.
  echo '{{"score": 0, "output": "The autograder could not grade this submission; its log says why."}}' \
    > "$RESULTS/results.json"
fi
"#,
        number = bundle.number,
        timeout = bundle.timeout,
    )
}
