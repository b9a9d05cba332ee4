//! The course's self-check (rustlings' `dev check`, nbgrader's
//! `validate --invert`), which proves a lesson sound before students meet
//! it: every exercise has its three files and a hint, every stub compiles
//! and fails every one of its checks, every reference solution passes all of
//! them ([`stubs_and_solutions`]), and the checks kill the solutions'
//! mutants ([`mutation_test`]). [`self_check`] runs both, in that order.

use crate::hidden::Hidden;
use crate::{Checker, Error, Lesson, Outcome, Report, parallel};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long one check may run in the self-check.
const TIMEOUT: Duration = Duration::from_secs(20);
/// How long one check of a mutant may run (a mutant that loops is killed).
const MUTANT_TIMEOUT: Duration = Duration::from_secs(3);

/// What the self-check of one lesson found.
pub struct SelfCheck {
    /// One line per problem; empty when the lesson is sound.
    pub problems: Vec<String>,
    /// The mutation test's summary and its seconds, or `None` when stubs or
    /// solutions had problems (mutants are only tried on checks that the
    /// solutions pass).
    pub mutants: Option<(crate::MutationSummary, f64)>,
}

/// The whole self-check of `lesson`, with an instructor's `hidden` checks
/// when given, on `jobs` threads: [`stubs_and_solutions`], then, when they
/// hold, [`mutation_test`], whose problems (unexplained survivors, a kill
/// rate under 95 %) are added.
///
/// # Errors
/// [`Error::InstructorOnly`] in a student edition (no solutions); when a
/// manifest cannot be read, rustc cannot run, or there is no scratch space.
pub fn self_check(
    checker: &Checker,
    lesson: &Lesson,
    hidden: Option<&Hidden>,
    jobs: usize,
) -> Result<SelfCheck, Error> {
    lesson.require_solutions("the self-check")?;
    let problems = stubs_and_solutions(checker, lesson, hidden, jobs)?;
    if !problems.is_empty() {
        return Ok(SelfCheck {
            problems,
            mutants: None,
        });
    }
    let started = Instant::now();
    let summary = mutation_test(checker, lesson, hidden, jobs)?;
    Ok(SelfCheck {
        problems: summary.problems(),
        mutants: Some((summary, started.elapsed().as_secs_f64())),
    })
}

/// Every lesson (a `lesson-N` folder with a `lesson.toml`) in the folder `lessons`, in name order.
///
/// # Errors
/// When the folder or a manifest cannot be read.
pub fn all_lessons(lessons: &Path) -> Result<Vec<Lesson>, Error> {
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
    dirs.iter().map(|dir| Lesson::load(dir)).collect()
}

/// The first half of the self-check of `lesson`: its files and hints are
/// there, its stubs fail every check and its solutions pass them, with an
/// instructor's `hidden` checks when given; one line per problem.
///
/// # Errors
/// When rustc cannot run or there is no scratch space.
pub fn stubs_and_solutions(
    checker: &Checker,
    lesson: &Lesson,
    hidden: Option<&Hidden>,
    jobs: usize,
) -> Result<Vec<String>, Error> {
    let scratch = tempfile::Builder::new()
        .prefix("lab-self-check-")
        .tempdir()
        .map_err(|source| Error::Write {
            path: std::env::temp_dir(),
            source,
        })?;
    let lesson_name = lesson
        .dir
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let mut problems = file_problems(lesson, &lesson_name);
    let mut units = Vec::new();
    for exercise in &lesson.exercises {
        let name = exercise.name.as_str();
        let files = [
            lesson.exercise_file(name),
            lesson.solution_file(name),
            lesson.check_file(name),
        ];
        if files.iter().all(|f| f.is_file()) {
            units.push((name, true));
            units.push((name, false));
        }
    }
    let results = parallel(&units, jobs, |&(name, stub)| {
        let kind = if stub { "stub" } else { "solution" };
        let file = if stub {
            lesson.exercise_file(name)
        } else {
            lesson.solution_file(name)
        };
        let build = scratch.path().join(format!("{name}-{kind}"));
        let checks = crate::grade::modules(lesson, hidden, name);
        checker.check(name, &file, &checks, &build, TIMEOUT)
    });
    for (&(name, stub), report) in units.iter().zip(results) {
        let mut found = report_problems(&lesson_name, name, stub, &report?);
        if let Some(file) = hidden.and_then(|h| h.file(name)) {
            for problem in &mut found {
                if problem.contains("hidden::") || problem.contains("does not compile") {
                    *problem = format!("{problem} (hidden checks {})", file.display());
                }
            }
        }
        problems.extend(found);
    }
    Ok(problems)
}

/// Mutation testing of the lesson's checks (the `mutants` crate): at most
/// [`mutants::CAP`] mutants of each reference solution, compiled and checked
/// like an exercise (with the `hidden` checks when given) on `jobs` threads.
/// Its `problems()` are the second half of the self-check.
///
/// # Errors
/// When a solution or `mutants.toml` cannot be read, rustc cannot run, or
/// there is no scratch space.
pub fn mutation_test(
    checker: &Checker,
    lesson: &Lesson,
    hidden: Option<&Hidden>,
    jobs: usize,
) -> Result<crate::MutationSummary, Error> {
    let scratch = tempfile::Builder::new()
        .prefix("lab-mutants-")
        .tempdir()
        .map_err(|source| Error::Write {
            path: std::env::temp_dir(),
            source,
        })?;
    let plan = mutants::Plan::new(&lesson.dir, &lesson.names(), scratch.path(), mutants::CAP)
        .map_err(|error| match error {
            mutants::Error::Read { path, source } => Error::Read { path, source },
            mutants::Error::Write { path, source } => Error::Write { path, source },
            other => Error::Manifest {
                path: lesson.dir.join("mutants.toml"),
                message: other.to_string(),
            },
        })?;
    let verdicts = parallel(plan.tasks(), jobs, |task| {
        let checks = crate::grade::modules(lesson, hidden, &task.exercise);
        let report = checker.check(
            &task.exercise,
            &task.file,
            &checks,
            &task.build,
            MUTANT_TIMEOUT,
        )?;
        Ok(match report.outcome {
            Outcome::CompileError { .. } => mutants::Verdict::Unviable,
            _ if report.passed() => mutants::Verdict::Survived,
            _ => mutants::Verdict::Killed,
        })
    });
    let verdicts = verdicts.into_iter().collect::<Result<Vec<_>, Error>>()?;
    Ok(plan.summary(&verdicts))
}

/// What is wrong with the report on a stub (`stub`) or a reference solution:
/// a check the stub passes, a check the solution fails, code that does not compile.
fn report_problems(lesson_name: &str, name: &str, stub: bool, report: &Report) -> Vec<String> {
    let kind = if stub { "stub" } else { "solution" };
    let checks = match &report.outcome {
        Outcome::Ran { checks } => checks,
        Outcome::CompileError { message } => {
            return vec![format!(
                "{lesson_name}: {name}: the {kind} does not compile: {}",
                crate::compile_summary(message)
            )];
        }
        _ => {
            return vec![format!(
                "{lesson_name}: {name}: the {kind} cannot be checked: {}",
                report.first_problem().unwrap_or_default()
            )];
        }
    };
    let mut problems = Vec::new();
    for check in checks {
        if stub && check.passed {
            problems.push(format!(
                "{lesson_name}: {name}: the stub passes check `{}` (a check that cannot fail)",
                check.name
            ));
        }
        if !stub && !check.passed {
            let why = check.message.as_deref().unwrap_or_default();
            problems.push(format!(
                "{lesson_name}: {name}: the solution fails check `{}`: {why}",
                check.name
            ));
        }
    }
    problems
}

/// Missing files, empty hints, and `.rs` files that no manifest entry names.
fn file_problems(lesson: &Lesson, lesson_name: &str) -> Vec<String> {
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
