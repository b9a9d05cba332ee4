//! The checks of lesson 3 against solutions they were not written with:
//! every file in `lessons/lesson-3/tests/alternatives/NAME/` is a correct
//! solution in another style and must pass every check of NAME; every file
//! in `lessons/lesson-3/tests/wrong/NAME/` is a plausible mistake and must
//! fail at least one. Compiled like the grader does, ndarray included.

use course::{CheckModule, Checker, Compiler, Lesson, Outcome, parallel};
use std::path::{Path, PathBuf};
use std::time::Duration;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn lesson() -> Lesson {
    Lesson::load(&workspace().join("lessons/lesson-3")).unwrap()
}

/// Every (exercise, file) under `lessons/lesson-3/tests/KIND`, sorted.
fn fixtures(lesson: &Lesson, kind: &str) -> Vec<(String, PathBuf)> {
    let mut all = Vec::new();
    for name in lesson.names() {
        let dir = lesson.dir.join("tests").join(kind).join(name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            all.push((name.to_string(), entry.unwrap().path()));
        }
    }
    all.sort();
    all
}

/// Checks every fixture of `kind`; returns (fixture, passed every check, first problem).
fn run(kind: &str) -> Vec<(String, bool, String)> {
    let lesson = lesson();
    let cache = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("exercise-crates");
    let checker = Checker::new(Compiler::with_workspace_crates(&workspace(), &cache).unwrap());
    let scratch = tempfile::tempdir().unwrap();
    let all = fixtures(&lesson, kind);
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let reports = parallel(&all, jobs, |(name, file)| {
        let build = scratch
            .path()
            .join(file.file_stem().unwrap())
            .join(name.as_str());
        let checks = [CheckModule {
            module: "checks",
            path: lesson.check_file(name),
        }];
        checker
            .check(name, file, &checks, &build, Duration::from_secs(10))
            .unwrap()
    });
    all.iter()
        .zip(reports)
        .map(|((name, file), report)| {
            let fixture = format!("{name}/{}", file.file_name().unwrap().to_string_lossy());
            if let Outcome::CompileError { message } = &report.outcome {
                panic!("{kind}/{fixture} does not compile:\n{message}");
            }
            (
                fixture,
                report.passed(),
                report.first_problem().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn correct_solutions_in_other_styles_get_full_marks() {
    let results = run("alternatives");
    assert!(
        results.len() >= 20,
        "expected the alternatives, found {}",
        results.len()
    );
    let failed: Vec<String> = results
        .iter()
        .filter(|(_, passed, _)| !passed)
        .map(|(fixture, _, why)| format!("{fixture}: {why}"))
        .collect();
    assert!(
        failed.is_empty(),
        "correct solutions fail a check:\n{}",
        failed.join("\n")
    );
}

#[test]
fn plausible_wrong_solutions_fail_a_check() {
    let results = run("wrong");
    assert!(
        results.len() >= 35,
        "expected the wrong solutions, found {}",
        results.len()
    );
    let passed: Vec<&str> = results
        .iter()
        .filter(|(_, passed, _)| *passed)
        .map(|(fixture, _, _)| fixture.as_str())
        .collect();
    assert!(
        passed.is_empty(),
        "wrong solutions pass every check: {passed:?}"
    );
}

#[test]
fn every_exercise_has_alternatives_and_wrong_solutions() {
    let lesson = lesson();
    for name in lesson.names() {
        for (kind, least) in [("alternatives", 1), ("wrong", 2)] {
            let count = fixtures(&lesson, kind)
                .iter()
                .filter(|(n, _)| n == name)
                .count();
            assert!(
                count >= least,
                "{name}: expected at least {least} files in tests/{kind}, found {count}"
            );
        }
    }
}
