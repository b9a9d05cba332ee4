//! End-to-end tests of `lab lesson`, the student's runner, on a copy of
//! lesson 3 (`LAB_LESSONS` points at it, `CARGO_TARGET_DIR` keeps its builds
//! beside it): without a terminal it prints the status once and exits 0,
//! moves on when an exercise passes, shows rustc's message for a compile
//! error, and prints hints.

mod common;

use common::{copy_dir, lab_with_env, lesson_source, stdout};
use std::path::Path;
use std::process::Output;

/// Runs `lab lesson ARGS` on the lessons in `lessons`, building beside them.
fn lab_lesson(lessons: &Path, args: &[&str]) -> Output {
    let target = lessons.join("target");
    let env = [("LAB_LESSONS", lessons), ("CARGO_TARGET_DIR", &target)];
    lab_with_env("lesson", args, &env)
}

/// A fresh copy of lesson 3 in `lessons/lesson-3` under a temporary folder.
/// Its target folder shares the crates exercises may use (ndarray, built
/// once) with the workspace's target, where `lab` itself was built.
fn fresh_lesson() -> tempfile::TempDir {
    let lessons = tempfile::tempdir().unwrap();
    copy_dir(&lesson_source(), &lessons.path().join("lesson-3"));
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
    let manifest = std::fs::read_to_string(lessons.path().join("lesson-3/lesson.toml")).unwrap();
    let names: Vec<&str> = manifest
        .lines()
        .filter_map(|l| l.strip_prefix("name = "))
        .map(|n| n.trim_matches('"'))
        .collect();
    a_fresh_clone_lists_every_exercise_unsolved(lessons.path(), &names);
    solving_the_first_exercise_moves_on_to_the_second(lessons.path(), &names);
    a_compile_error_shows_rustcs_message(lessons.path(), &names);
    hints_are_given_for_the_current_and_a_named_exercise(lessons.path(), &names);
}

/// Nothing solved: the list and the status still succeed.
fn a_fresh_clone_lists_every_exercise_unsolved(lessons: &Path, names: &[&str]) {
    let total = names.len();
    let list = stdout(&lab_lesson(lessons, &["3", "--list"]));
    assert!(
        list.contains(&format!("0/{total} exercises done")),
        "{list}"
    );
    for name in names {
        assert!(list.contains(name), "{name} missing from:\n{list}");
    }
    assert!(lessons.join("lesson-3/.progress.toml").is_file());
    let status = stdout(&lab_lesson(lessons, &["3"]));
    assert!(
        status.contains(&format!("Current exercise: {}", names[0])),
        "{status}"
    );
    assert!(status.contains("not yet implemented"), "{status}");
}

fn solving_the_first_exercise_moves_on_to_the_second(lessons: &Path, names: &[&str]) {
    let lesson = lessons.join("lesson-3");
    let first = format!("{}.rs", names[0]);
    std::fs::copy(
        lesson.join("solutions").join(&first),
        lesson.join("exercises").join(&first),
    )
    .unwrap();
    let status = stdout(&lab_lesson(lessons, &["3"]));
    assert!(
        status.contains(&format!("1/{} exercises done", names.len())),
        "{status}"
    );
    assert!(
        status.contains(&format!("Current exercise: {}", names[1])),
        "{status}"
    );
}

/// A compile error in the current exercise (the second) shows rustc's message.
fn a_compile_error_shows_rustcs_message(lessons: &Path, names: &[&str]) {
    let second = lessons
        .join("lesson-3/exercises")
        .join(format!("{}.rs", names[1]));
    let source = std::fs::read_to_string(&second).unwrap();
    std::fs::write(&second, source.replacen("todo!()", "todo!(", 1)).unwrap();
    let status = stdout(&lab_lesson(lessons, &["3"]));
    assert!(status.contains("does not compile yet"), "{status}");
    assert!(
        status.contains("error") && status.contains("-->"),
        "{status}"
    );
    assert!(
        status.contains(&format!("1/{} exercises done", names.len())),
        "{status}"
    );
}

/// The hint of the current exercise (the second), and of a named one.
fn hints_are_given_for_the_current_and_a_named_exercise(lessons: &Path, names: &[&str]) {
    let hint = stdout(&lab_lesson(lessons, &["3", "hint"]));
    assert!(
        hint.starts_with(&format!("Hint for {}", names[1])),
        "{hint}"
    );
    let hint = stdout(&lab_lesson(lessons, &["3", "hint", names[4]]));
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
            &["3", "hint", "99_nothing"][..],
            "unknown exercise `99_nothing`",
        ),
        (&["4"][..], "there is no lesson 4"),
        (&["4"][..], "the lessons here: 3"),
        (
            &["3", "hint", "05_chian_rule"][..],
            "did you mean `05_chain_rule`?",
        ),
        (&["3", "0"][..], "type more of the name"),
    ] {
        let output = lab_lesson(lessons.path(), args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("error: ") && stderr.contains(expected),
            "{args:?}: {stderr}"
        );
    }
}
