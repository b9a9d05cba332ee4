//! The checks of lesson 3 against solutions they were not written with:
//! every file in `lessons/lesson-3/tests/alternatives/NAME/` is a correct
//! solution in another style and must pass every check of NAME; every entry
//! of `lessons/lesson-3/tests/wrong.toml` is the reference solution with a
//! plausible mistake and must fail at least one. Compiled like the grader
//! does, ndarray included.

use course::{CheckModule, Checker, Compiler, Lesson, Outcome, parallel};
use std::path::{Path, PathBuf};
use std::time::Duration;

fn workspace() -> PathBuf {
    workspace::Workspace::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .root()
        .to_path_buf()
}

fn lesson() -> Lesson {
    Lesson::load(&workspace().join("lessons/lesson-3")).unwrap()
}

/// Every (exercise, file) under `lessons/lesson-3/tests/alternatives`, sorted.
fn alternatives(lesson: &Lesson) -> Vec<(String, PathBuf)> {
    let mut all = Vec::new();
    for name in lesson.names() {
        let dir = lesson.dir.join("tests/alternatives").join(name);
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

/// One plausible mistake: the solution with `replace` turned into `with`.
#[derive(serde::Deserialize)]
struct Wrong {
    exercise: String,
    name: String,
    why: String,
    replace: String,
    with: String,
    also_replace: Option<String>,
    also_with: Option<String>,
}

#[derive(serde::Deserialize)]
struct WrongList {
    wrong: Vec<Wrong>,
}

fn wrong_list(lesson: &Lesson) -> Vec<Wrong> {
    let text = std::fs::read_to_string(lesson.dir.join("tests/wrong.toml")).unwrap();
    toml::from_str::<WrongList>(&text).unwrap().wrong
}

/// Writes every wrong solution into `dir` as `dir/NAME/EXERCISE.rs`.
fn wrong_solutions(lesson: &Lesson, dir: &Path) -> Vec<(String, PathBuf)> {
    let mut all = Vec::new();
    for wrong in wrong_list(lesson) {
        let mut text = std::fs::read_to_string(lesson.solution_file(&wrong.exercise)).unwrap();
        let changes = [
            (Some(&wrong.replace), Some(&wrong.with)),
            (wrong.also_replace.as_ref(), wrong.also_with.as_ref()),
        ];
        for (from, to) in changes {
            let (Some(from), Some(to)) = (from, to) else {
                continue;
            };
            assert!(
                text.contains(from.as_str()),
                "{} ({}): the solution has no `{from}`",
                wrong.name,
                wrong.why
            );
            text = text.replacen(from.as_str(), to, 1);
        }
        let file = dir.join(&wrong.name).join(format!("{}.rs", wrong.exercise));
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, text).unwrap();
        all.push((wrong.exercise, file));
    }
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
    let all = if kind == "wrong" {
        wrong_solutions(&lesson, &scratch.path().join("wrong"))
    } else {
        alternatives(&lesson)
    };
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let reports = parallel(&all, jobs, |(name, file)| {
        let parent = file.parent().unwrap().file_name().unwrap();
        let build = scratch
            .path()
            .join("build")
            .join(parent)
            .join(file.file_stem().unwrap());
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
            let parent = file
                .parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy();
            let fixture = format!(
                "{name}/{parent}/{}",
                file.file_name().unwrap().to_string_lossy()
            );
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
    let wrong = wrong_list(&lesson);
    let alternatives = alternatives(&lesson);
    for name in lesson.names() {
        let count = alternatives.iter().filter(|(n, _)| n == name).count();
        assert!(
            count >= 1,
            "{name}: expected an alternative solution, found {count}"
        );
        let count = wrong.iter().filter(|w| w.exercise == name).count();
        assert!(
            count >= 2,
            "{name}: expected at least 2 wrong solutions, found {count}"
        );
    }
}
