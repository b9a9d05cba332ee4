//! End-to-end tests of `lab lesson`, the student's runner, on a copy of
//! lesson 3 (`LAB_LESSONS` points at it, `CARGO_TARGET_DIR` keeps its builds
//! beside it): without a terminal it prints the status once and exits 0,
//! moves on when an exercise passes, shows rustc's message for a compile
//! error, and prints hints.

mod common;

use common::copy_dir;
use std::path::Path;
use std::process::{Command, Output};

fn lab(lessons: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lab"))
        .args(args)
        .env("LAB_LESSONS", lessons)
        .env("CARGO_TARGET_DIR", lessons.join("target"))
        .output()
        .expect("lab runs")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "lab failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A fresh copy of lesson 3 in `lessons/lesson-3` under a temporary folder.
/// Its target folder shares the crates exercises may use (ndarray, built
/// once) with the workspace's target, where `lab` itself was built.
fn fresh_lesson() -> tempfile::TempDir {
    let lessons = tempfile::tempdir().unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/lesson-3");
    copy_dir(&source, &lessons.path().join("lesson-3"));
    let target = Path::new(env!("CARGO_BIN_EXE_lab"))
        .ancestors()
        .nth(2)
        .unwrap()
        .join("exercise-crates");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::create_dir_all(lessons.path().join("target")).unwrap();
    std::os::unix::fs::symlink(&target, lessons.path().join("target/exercise-crates")).unwrap();
    lessons
}

#[test]
fn the_runner_follows_the_student_through_the_lesson() {
    let lessons = fresh_lesson();
    let lesson = lessons.path().join("lesson-3");
    let manifest = std::fs::read_to_string(lesson.join("lesson.toml")).unwrap();
    let names: Vec<&str> = manifest
        .lines()
        .filter_map(|l| l.strip_prefix("name = "))
        .map(|n| n.trim_matches('"'))
        .collect();
    let total = names.len();

    // A fresh clone: nothing solved, the list and the status still succeed.
    let list = stdout(&lab(lessons.path(), &["lesson", "3", "--list"]));
    assert!(
        list.contains(&format!("0/{total} exercises done")),
        "{list}"
    );
    for name in &names {
        assert!(list.contains(name), "{name} missing from:\n{list}");
    }
    assert!(lesson.join(".progress.toml").is_file());
    let status = stdout(&lab(lessons.path(), &["lesson", "3"]));
    assert!(
        status.contains(&format!("Current exercise: {}", names[0])),
        "{status}"
    );
    assert!(status.contains("not yet implemented"), "{status}");

    // Solving the first exercise moves on to the second.
    let first = format!("{}.rs", names[0]);
    std::fs::copy(
        lesson.join("solutions").join(&first),
        lesson.join("exercises").join(&first),
    )
    .unwrap();
    let status = stdout(&lab(lessons.path(), &["lesson", "3"]));
    assert!(
        status.contains(&format!("1/{total} exercises done")),
        "{status}"
    );
    assert!(
        status.contains(&format!("Current exercise: {}", names[1])),
        "{status}"
    );

    // A compile error in the current exercise shows rustc's message.
    let second = lesson.join("exercises").join(format!("{}.rs", names[1]));
    let source = std::fs::read_to_string(&second).unwrap();
    std::fs::write(&second, source.replacen("todo!()", "todo!(", 1)).unwrap();
    let status = stdout(&lab(lessons.path(), &["lesson", "3"]));
    assert!(status.contains("does not compile yet"), "{status}");
    assert!(
        status.contains("error") && status.contains("-->"),
        "{status}"
    );
    assert!(
        status.contains(&format!("1/{total} exercises done")),
        "{status}"
    );

    // The hint of the current exercise, and of a named one.
    let hint = stdout(&lab(lessons.path(), &["lesson", "3", "hint"]));
    assert!(
        hint.starts_with(&format!("Hint for {}", names[1])),
        "{hint}"
    );
    let hint = stdout(&lab(lessons.path(), &["lesson", "3", "hint", names[4]]));
    assert!(
        hint.starts_with(&format!("Hint for {}", names[4])),
        "{hint}"
    );
}

#[test]
fn unknown_lessons_and_exercises_are_one_line_errors() {
    let lessons = fresh_lesson();
    for (args, expected) in [
        (
            &["lesson", "3", "hint", "99_nothing"][..],
            "unknown exercise `99_nothing`",
        ),
        (&["lesson", "4"][..], "there is no lesson 4"),
    ] {
        let output = lab(lessons.path(), args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("error: ") && stderr.contains(expected),
            "{args:?}: {stderr}"
        );
    }
}
