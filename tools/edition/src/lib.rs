//! The student edition of a lesson, written by `lab release N DIR` the way
//! nbgrader's "generate assignment" writes a release and GitHub Classroom
//! expects a template: the course as students clone it, without what only the
//! instructor may see. It is a pipeline of small steps, each tested on its own:
//!
//! 1. [`tracked_files`]: the files git tracks in the instructor's checkout
//!    (never a walk of the folder, which would pick up `target/` or `.venv`);
//! 2. [`student_files`]: those a student may see ([`instructor_only`] says
//!    which not: the solutions, the wrong and alternative solutions, the
//!    mutation report, hidden checks, other lessons, the tests that need them);
//! 3. [`write`]: copies them, notebooks with their outputs stripped
//!    ([`strip_outputs`]);
//! 4. [`solution_bodies`] and [`leaks`]: proves that no function body of the
//!    reference solutions (other than the stub's own) appears anywhere in it;
//! 5. [`commit`]: makes it a git repository of one commit.

mod leaks;

pub use leaks::{Leak, leaks, solution_bodies};

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What in a lesson folder only the instructor may see.
const INSTRUCTOR_PARTS: &[&str] = &["solutions", "tests", "hidden", "mutants.toml"];

/// The files git tracks in the checkout at `root`, relative to it.
///
/// # Errors
/// When git cannot run or `root` is not a git checkout.
pub fn tracked_files(root: &Path) -> Result<Vec<PathBuf>> {
    let output = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(root)
        .output()
        .context("cannot run git")?;
    if !output.status.success() {
        bail!(
            "{} is not a git checkout: {}",
            root.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(output
        .stdout
        .split(|&b| b == 0)
        .filter(|name| !name.is_empty())
        .map(|name| PathBuf::from(String::from_utf8_lossy(name).into_owned()))
        .collect())
}

/// Whether `path` (relative to the workspace root) stays with the instructor
/// in the edition of lesson `number`.
///
/// ```
/// use edition::instructor_only;
/// use std::path::Path;
/// assert!(instructor_only(Path::new("lessons/lesson-3/solutions/05_chain_rule.rs"), 3));
/// assert!(instructor_only(Path::new("lessons/lesson-3/mutants.toml"), 3));
/// assert!(instructor_only(Path::new("lessons/lesson-4/exercises/01_a.rs"), 3));
/// assert!(!instructor_only(Path::new("lessons/lesson-3/exercises/05_chain_rule.rs"), 3));
/// assert!(!instructor_only(Path::new("notebooks/05-backprop-chain-rule.ipynb"), 3));
/// ```
pub fn instructor_only(path: &Path, number: u32) -> bool {
    let mut parts = path.components().map(|c| c.as_os_str().to_string_lossy());
    if parts.next().as_deref() != Some("lessons") {
        return false;
    }
    match (parts.next(), parts.next()) {
        (Some(lesson), Some(part)) if lesson.starts_with("lesson-") => {
            lesson != format!("lesson-{number}") || INSTRUCTOR_PARTS.contains(&part.as_ref())
        }
        _ => false,
    }
}

/// Whether the file `path` (relative to `root`) is a test that speaks of
/// solutions: the grader's, the self-check's and the release's own tests
/// read the reference solutions, and stay with the instructor. (A test
/// that only mentions the word stays too: the edition loses a test, never
/// gains one that cannot pass.)
///
/// ```
/// let root = tempfile::tempdir()?;
/// std::fs::create_dir(root.path().join("tests"))?;
/// std::fs::write(root.path().join("tests/grade.rs"), "let s = lesson.solution_file(n);")?;
/// std::fs::write(root.path().join("tests/graph.rs"), "assert!(graph.is_ok());")?;
/// assert!(edition::reads_solutions(root.path(), "tests/grade.rs".as_ref()));
/// assert!(!edition::reads_solutions(root.path(), "tests/graph.rs".as_ref()));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn reads_solutions(root: &Path, path: &Path) -> bool {
    let in_tests = path.components().any(|c| c.as_os_str() == "tests");
    let rust = path.extension().is_some_and(|e| e == "rs");
    in_tests
        && rust
        && !path.starts_with("lessons")
        && std::fs::read_to_string(root.join(path))
            .map_or(true, |text| text.to_lowercase().contains("solution"))
}

/// The files of `tracked` (relative to the checkout `root`) that go into the
/// edition of lesson `number`.
pub fn student_files(root: &Path, tracked: &[PathBuf], number: u32) -> Vec<PathBuf> {
    tracked
        .iter()
        .filter(|path| !instructor_only(path, number) && !reads_solutions(root, path))
        .cloned()
        .collect()
}

/// A notebook without outputs and execution counts, or `None` when it has
/// none (then it is copied byte for byte).
///
/// # Errors
/// When `text` is not a notebook's JSON.
pub fn strip_outputs(text: &str) -> Result<Option<String>> {
    let mut notebook: serde_json::Value = serde_json::from_str(text)?;
    let Some(cells) = notebook.get_mut("cells").and_then(|c| c.as_array_mut()) else {
        bail!("no list of cells");
    };
    let mut changed = false;
    for cell in cells.iter_mut().filter(|c| c["cell_type"] == "code") {
        let clean = cell["outputs"].as_array().is_some_and(Vec::is_empty)
            && cell["execution_count"].is_null();
        if !clean {
            cell["outputs"] = serde_json::json!([]);
            cell["execution_count"] = serde_json::Value::Null;
            changed = true;
        }
    }
    Ok(changed.then(|| serde_json::to_string_pretty(&notebook).unwrap_or_default() + "\n"))
}

/// Copies `files` (relative to `root`) into `out`, notebooks stripped of
/// their outputs; a tracked file missing from the checkout is skipped.
/// Returns the number of bytes written.
///
/// # Errors
/// When a file cannot be read or written, or a notebook is malformed.
pub fn write(root: &Path, files: &[PathBuf], out: &Path) -> Result<u64> {
    let mut bytes = 0;
    for file in files {
        let from = root.join(file);
        if !from.is_file() {
            continue;
        }
        let to = out.join(file);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let content =
            std::fs::read(&from).with_context(|| format!("cannot read {}", from.display()))?;
        let content = if file.extension().is_some_and(|e| e == "ipynb") {
            let text = String::from_utf8_lossy(&content);
            match strip_outputs(&text).with_context(|| format!("{}", file.display()))? {
                Some(stripped) => stripped.into_bytes(),
                None => content,
            }
        } else {
            content
        };
        std::fs::write(&to, &content).with_context(|| format!("cannot write {}", to.display()))?;
        bytes += content.len() as u64;
    }
    Ok(bytes)
}

/// Makes `out` a git repository whose one commit holds every file in it.
///
/// # Errors
/// When git fails.
pub fn commit(out: &Path, message: &str) -> Result<()> {
    let git = |args: &[&str]| -> Result<()> {
        let mut command = Command::new("git");
        command.args(args).current_dir(out);
        // An identity for the commit when the instructor's git has none.
        for (name, value) in [
            ("GIT_AUTHOR_NAME", "Course staff"),
            ("GIT_COMMITTER_NAME", "Course staff"),
            ("GIT_AUTHOR_EMAIL", "staff@course.invalid"),
            ("GIT_COMMITTER_EMAIL", "staff@course.invalid"),
        ] {
            if std::env::var_os(name).is_none() && !has_identity(out) {
                command.env(name, value);
            }
        }
        let output = command.output().context("cannot run git")?;
        if !output.status.success() {
            bail!(
                "git {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        Ok(())
    };
    git(&["init", "--quiet", "--initial-branch=main"])?;
    git(&["add", "--all"])?;
    git(&["commit", "--quiet", "--message", message])
}

/// Whether git knows who commits in `dir` (user.name and user.email set).
fn has_identity(dir: &Path) -> bool {
    ["user.name", "user.email"].iter().all(|key| {
        Command::new("git")
            .args(["config", key])
            .current_dir(dir)
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_students_files_are_kept() {
        let tracked: Vec<PathBuf> = [
            "README.md",
            "notebooks/01-recap.ipynb",
            "lessons/lesson-3/lesson.toml",
            "lessons/lesson-3/exercises/01_init_weights.rs",
            "lessons/lesson-3/checks/01_init_weights.rs",
            "lessons/lesson-3/solutions/01_init_weights.rs",
            "lessons/lesson-3/tests/wrong.toml",
            "lessons/lesson-3/tests/alternatives/01_init_weights/a.rs",
            "lessons/lesson-3/mutants.toml",
            "lessons/lesson-3/hidden/01_init_weights.rs",
            "lessons/lesson-4/lesson.toml",
            "tests/grade.rs",
            "tests/train.rs",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("tests")).unwrap();
        std::fs::write(root.path().join("tests/grade.rs"), "solution(\"05\")").unwrap();
        std::fs::write(root.path().join("tests/train.rs"), "lab(\"train\")").unwrap();
        let kept = student_files(root.path(), &tracked, 3);
        let kept: Vec<&str> = kept.iter().filter_map(|p| p.to_str()).collect();
        assert_eq!(
            kept,
            [
                "README.md",
                "notebooks/01-recap.ipynb",
                "lessons/lesson-3/lesson.toml",
                "lessons/lesson-3/exercises/01_init_weights.rs",
                "lessons/lesson-3/checks/01_init_weights.rs",
                "tests/train.rs",
            ]
        );
    }

    #[test]
    fn outputs_are_stripped_and_clean_notebooks_kept_as_they_are() {
        let run = r#"{"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {},
            "outputs": [{"output_type": "stream", "text": "42"}], "source": "6 * 7"},
            {"cell_type": "markdown", "metadata": {}, "source": "text"}], "nbformat": 4}"#;
        let stripped = strip_outputs(run).unwrap().unwrap();
        let cell = &serde_json::from_str::<serde_json::Value>(&stripped).unwrap()["cells"][0];
        assert_eq!(cell["outputs"], serde_json::json!([]));
        assert!(cell["execution_count"].is_null());
        assert_eq!(cell["source"], "6 * 7");
        assert_eq!(strip_outputs(&stripped).unwrap(), None);
        assert!(strip_outputs("{\"cells\": 3}").is_err());
        assert!(strip_outputs("not json").is_err());
    }

    #[test]
    fn the_edition_is_one_commit_of_what_was_written() {
        let root = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("a")).unwrap();
        std::fs::write(root.path().join("a/b.txt"), "b").unwrap();
        let files = [PathBuf::from("a/b.txt"), PathBuf::from("gone.txt")];
        assert_eq!(write(root.path(), &files, out.path()).unwrap(), 1);
        commit(out.path(), "edition").unwrap();
        assert_eq!(
            tracked_files(out.path()).unwrap(),
            [PathBuf::from("a/b.txt")]
        );
        let count = Command::new("git")
            .args(["rev-list", "--count", "HEAD"])
            .current_dir(out.path())
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&count.stdout).trim(), "1");
        assert!(tracked_files(&root.path().join("a")).is_err());
    }
}
