//! End-to-end test of `lab release 3 DIR`: the student edition is one git
//! commit of the checkout's tracked files without the solutions, the wrong
//! and alternative solutions, the mutation report and the instructor's tests;
//! no solution's function body appears anywhere in it; in it, what needs
//! the solutions says so in one line, and `lab lesson 3 check` fails on the
//! stub and passes once a correct solution replaces it.

mod common;

use common::{lab_command, lab_with_env, stdout, workspace};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "git {args:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// `lab ARGS` run on the edition at `root`, sharing this checkout's build of
/// the crates exercises may use.
fn in_edition(root: &Path, subcommand: &str, args: &[&str]) -> Output {
    let target = root.join("target");
    lab_with_env(
        subcommand,
        args,
        &[("LAB_ROOT", root), ("CARGO_TARGET_DIR", &target)],
    )
}

#[test]
fn the_edition_holds_no_solution_and_works_without_one() {
    let scratch = tempfile::tempdir().unwrap();
    let root = scratch.path().join("edition");
    let output = lab_command("release", &["3", root.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = stdout(&output);
    assert!(stdout.contains("one commit"), "{stdout}");

    assert_eq!(git(&root, &["rev-list", "--count", "HEAD"]).trim(), "1");
    let files: Vec<PathBuf> = git(&root, &["ls-files"])
        .lines()
        .map(PathBuf::from)
        .collect();
    let tracked = edition::tracked_files(workspace().root()).unwrap();
    assert!(
        files.iter().all(|f| tracked.contains(f)),
        "only tracked files"
    );
    for file in &files {
        let text = file.to_string_lossy();
        for left_out in [
            "/solutions/",
            "lesson-3/tests/",
            "mutants.toml",
            "target/",
            ".venv",
        ] {
            assert!(!text.contains(left_out), "{text} is in the edition");
        }
    }
    for needed in [
        "README.md",
        "Cargo.lock",
        ".cargo/config.toml",
        "lessons/lesson-3/lesson.toml",
    ] {
        assert!(
            files.contains(&PathBuf::from(needed)),
            "{needed} is missing"
        );
    }

    let lesson = workspace().lesson(3);
    let solutions = edition::solution_bodies(&lesson).unwrap();
    assert!(solutions.len() > 30, "{} bodies", solutions.len());
    assert_eq!(edition::leaks(&root, &files, &solutions).unwrap(), []);

    let refused = in_edition(&root, "grade", &["3", "--self-check"]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("runs in the instructor's copy"), "{stderr}");

    std::fs::create_dir_all(root.join("target")).unwrap();
    let built = workspace().target().join("exercise-crates");
    std::os::unix::fs::symlink(&built, root.join("target/exercise-crates")).unwrap();
    let stub = in_edition(&root, "lesson", &["3", "check", "10_batch_forward"]);
    assert_eq!(stub.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&stub.stdout).contains("✘ 10_batch_forward"));
    std::fs::copy(
        lesson.join("solutions/10_batch_forward.rs"),
        root.join("lessons/lesson-3/exercises/10_batch_forward.rs"),
    )
    .unwrap();
    let solved = in_edition(&root, "lesson", &["3", "check", "10"]);
    assert!(
        solved.status.success(),
        "{}",
        String::from_utf8_lossy(&solved.stderr)
    );
    assert!(String::from_utf8_lossy(&solved.stdout).starts_with("✔ 10_batch_forward"));
}

#[test]
fn a_folder_that_is_not_empty_is_refused() {
    let scratch = tempfile::tempdir().unwrap();
    std::fs::write(scratch.path().join("keep.txt"), "mine").unwrap();
    let output = lab_command("release", &["3", scratch.path().to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("is not empty"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(scratch.path().join("keep.txt")).unwrap(),
        "mine"
    );
}
