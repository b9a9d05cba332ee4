//! The course's self-check (rustlings' `dev check`, nbgrader's
//! `validate --invert`): every exercise has its three files and a hint,
//! every stub compiles and fails every one of its checks, and every reference
//! solution passes all of them.

use crate::{CheckModule, Error, Lesson, Outcome, check_exercise, parallel};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long one check may run in the self-check.
const TIMEOUT: Duration = Duration::from_secs(20);

/// Checks every lesson (`lesson-N` folder with a `lesson.toml`) in the folder
/// `lessons`, compiling on `jobs` threads.
/// Returns one line per problem; empty means all is well.
///
/// # Errors
/// When a manifest cannot be read, rustc cannot run, or there is no scratch space.
pub fn self_check(lessons: &Path, jobs: usize) -> Result<Vec<String>, Error> {
    let entries = std::fs::read_dir(lessons).map_err(|source| Error::Read {
        path: lessons.to_path_buf(),
        source,
    })?;
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| Lesson::manifest_path(p).is_file())
        .collect();
    dirs.sort();
    let scratch = tempfile::Builder::new()
        .prefix("lab-self-check-")
        .tempdir()
        .map_err(|source| Error::Write {
            path: std::env::temp_dir(),
            source,
        })?;
    let mut problems = Vec::new();
    let mut units = Vec::new();
    let mut loaded = Vec::new();
    for dir in &dirs {
        let lesson = Lesson::load(dir)?;
        problems.extend(file_problems(&lesson));
        loaded.push(lesson);
    }
    for (l, lesson) in loaded.iter().enumerate() {
        for exercise in &lesson.exercises {
            let name = exercise.name.as_str();
            let present = [
                lesson.exercise_file(name),
                lesson.solution_file(name),
                lesson.check_file(name),
            ]
            .iter()
            .all(|f| f.is_file());
            if present {
                units.push((l, name, true));
                units.push((l, name, false));
            }
        }
    }
    let results = parallel(&units, jobs, |&(l, name, stub)| {
        let lesson = &loaded[l];
        let file = if stub {
            lesson.exercise_file(name)
        } else {
            lesson.solution_file(name)
        };
        let build = scratch.path().join(format!(
            "{l}-{name}-{}",
            if stub { "stub" } else { "solution" }
        ));
        let checks = [CheckModule {
            module: "checks",
            path: lesson.check_file(name),
        }];
        check_exercise(name, &file, &checks, &build, TIMEOUT)
    });
    for ((l, name, stub), report) in units.iter().zip(results) {
        let report = report?;
        let where_ = format!(
            "{}: {name}",
            loaded[*l]
                .dir
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
        );
        let kind = if *stub { "stub" } else { "solution" };
        match report.outcome {
            Outcome::Ran { checks } => {
                for check in checks {
                    if *stub && check.passed {
                        problems.push(format!(
                            "{where_}: the stub passes check `{}` (a check that cannot fail)",
                            check.name
                        ));
                    }
                    if !*stub && !check.passed {
                        let why = check.message.unwrap_or_default();
                        problems.push(format!(
                            "{where_}: the solution fails check `{}`: {why}",
                            check.name
                        ));
                    }
                }
            }
            _ => {
                let why = report_problem(&report);
                problems.push(format!("{where_}: the {kind} {why}"));
            }
        }
    }
    Ok(problems)
}

fn report_problem(report: &crate::Report) -> String {
    match &report.outcome {
        Outcome::CompileError { message } => {
            format!(
                "does not compile: {}",
                crate::check::compile_summary(message)
            )
        }
        _ => format!(
            "cannot be checked: {}",
            report.first_problem().unwrap_or_default()
        ),
    }
}

/// Missing files, empty hints, and `.rs` files that no manifest entry names.
fn file_problems(lesson: &Lesson) -> Vec<String> {
    let lesson_name = lesson
        .dir
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let mut problems = Vec::new();
    for exercise in &lesson.exercises {
        let name = &exercise.name;
        for file in [
            lesson.exercise_file(name),
            lesson.solution_file(name),
            lesson.check_file(name),
        ] {
            if !file.is_file() {
                problems.push(format!(
                    "{lesson_name}: {name}: {} is missing",
                    file.display()
                ));
            }
        }
        if exercise.hint.trim().is_empty() {
            problems.push(format!("{lesson_name}: {name}: the hint is empty"));
        }
    }
    for folder in ["exercises", "solutions", "checks"] {
        let Ok(entries) = std::fs::read_dir(lesson.dir.join(folder)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let stem = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            if path.extension().is_some_and(|e| e == "rs") && lesson.exercise(&stem).is_err() {
                problems.push(format!(
                    "{lesson_name}: {folder}/{stem}.rs is not in lesson.toml"
                ));
            }
        }
    }
    problems
}
