//! The instructor's grader (`cargo lab grade 3 SUBMISSION…`).
//!
//! A submission is a folder holding some of the exercise files (as
//! `NAME.rs`, or under `exercises/`). Each one is copied into a scratch copy
//! of the lesson, never written to, and every exercise is compiled and checked
//! on its own, so a missing or broken file costs only that exercise. An
//! exercise's points are shared equally by its checks (the lesson's and the
//! instructor's hidden ones), so partial work earns partial credit. All
//! submissions are graded in parallel on `jobs` threads. A submission's
//! exercises are compiled into one test binary (one rustc instead of one per
//! exercise) when they compile together, else each on its own, so a compile
//! error costs only its exercise; the crates exercises may use are built
//! once, before (see [`crate::Compiler`]).

use crate::runner::points;
use crate::{
    CheckModule, Checker, Error, Lesson, Outcome, Report, Together, parallel, shared_checks,
};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How to grade.
#[derive(Debug, Clone)]
pub struct Options {
    /// How the exercises are compiled and run.
    pub checker: Checker,
    /// How long one check may run.
    pub timeout: Duration,
    /// A folder of hidden checks, laid out like `checks/` (`NAME.rs`).
    pub hidden: Option<PathBuf>,
    /// Threads grading at once.
    pub jobs: usize,
}

/// One graded exercise.
#[derive(Debug, Clone)]
pub struct ExerciseGrade {
    /// The exercise's points.
    pub max_score: u32,
    /// The points earned.
    pub score: f64,
    /// What happened.
    pub report: Report,
}

/// One graded submission.
#[derive(Debug, Clone)]
pub struct Grade {
    /// A short unique name: the folder's name.
    pub name: String,
    /// The submission folder.
    pub path: PathBuf,
    /// One grade per exercise, in the manifest's order.
    pub exercises: Vec<ExerciseGrade>,
}

impl Grade {
    /// The points earned.
    pub fn score(&self) -> f64 {
        self.exercises.iter().map(|e| e.score).sum()
    }

    /// The points there are.
    pub fn max_score(&self) -> u32 {
        self.exercises.iter().map(|e| e.max_score).sum()
    }
}

/// Grades every submission folder against `lesson`.
///
/// # Errors
/// [`Error::NotAFolder`] for a submission that is not a folder (checked
/// before anything runs), and the errors of [`Checker::check`] (rustc missing,
/// scratch space not writable).
pub fn grade(
    lesson: &Lesson,
    submissions: &[PathBuf],
    options: &Options,
) -> Result<Vec<Grade>, Error> {
    if let Some(bad) = submissions.iter().find(|s| !s.is_dir()) {
        return Err(Error::NotAFolder(bad.clone()));
    }
    if let Some(hidden) = options.hidden.as_ref().filter(|h| !h.is_dir()) {
        return Err(Error::Read {
            path: hidden.clone(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder"),
        });
    }
    let scratch = tempfile::Builder::new()
        .prefix("lab-grade-")
        .tempdir()
        .map_err(|source| Error::Write {
            path: std::env::temp_dir(),
            source,
        })?;
    let checks = copy_checks(
        lesson,
        options.hidden.as_deref(),
        &scratch.path().join("lesson"),
    )?;
    let shared = share_checks(&checks, &scratch.path().join("lesson").join("together"))?;
    let names = unique_names(submissions);
    let units = copy_submissions(lesson, submissions, &names, scratch.path())?;
    let indices: Vec<usize> = (0..submissions.len()).collect();
    let reports = parallel(&indices, options.jobs, |&s| {
        let mine: Vec<&Unit> = units.iter().filter(|u| u.0 == s).collect();
        grade_one(lesson, &mine, &checks, &shared, options)
    });
    let mut grades = Vec::new();
    for ((path, name), reports) in submissions.iter().zip(names).zip(reports) {
        let exercises = lesson
            .exercises
            .iter()
            .zip(reports?)
            .map(|(exercise, report)| ExerciseGrade {
                max_score: exercise.points,
                score: report.score(exercise.points),
                report,
            })
            .collect();
        grades.push(Grade {
            name,
            path: path.clone(),
            exercises,
        });
    }
    Ok(grades)
}

/// One unit of work: (submission, exercise) indices, the copied file, the build folder.
type Unit = (usize, usize, PathBuf, PathBuf);

/// The reports on the exercises of one submission (its `units`, in the
/// manifest's order): all compiled in one crate when they compile together,
/// else each on its own.
fn grade_one(
    lesson: &Lesson,
    units: &[&Unit],
    checks: &[Vec<CheckModule>],
    shared: &[Vec<CheckModule>],
    options: &Options,
) -> Result<Vec<Report>, Error> {
    let present: Vec<Together> = units
        .iter()
        .filter(|(_, _, file, _)| file.is_file())
        .map(|(_, e, file, _)| Together {
            name: lesson.exercises[*e].name.clone(),
            exercise: file.clone(),
            checks: shared[*e].clone(),
        })
        .collect();
    let together = match (present.len() >= 2, units.first()) {
        (true, Some((_, _, _, build))) => {
            let build = build.with_file_name("together");
            options
                .checker
                .check_together(&present, &build, options.timeout)?
        }
        _ => None,
    };
    let mut together = together.unwrap_or_default().into_iter().peekable();
    let mut reports = Vec::new();
    for (_, e, file, build) in units {
        let name = &lesson.exercises[*e].name;
        let mut report = match together.next_if(|r| &r.exercise == name) {
            Some(report) => report,
            None => options
                .checker
                .check(name, file, &checks[*e], build, options.timeout)?,
        };
        if let Some(copy) = file.parent().and_then(Path::parent) {
            report.strip_prefix(copy);
        }
        reports.push(report);
    }
    Ok(reports)
}

/// Writes the checks of every exercise, made ready for one crate holding
/// all of a submission's exercises ([`shared_checks`]), into `dir`.
fn share_checks(checks: &[Vec<CheckModule>], dir: &Path) -> Result<Vec<Vec<CheckModule>>, Error> {
    checks
        .iter()
        .map(|modules| {
            modules
                .iter()
                .map(|check| {
                    let text =
                        std::fs::read_to_string(&check.path).map_err(|source| Error::Read {
                            path: check.path.clone(),
                            source,
                        })?;
                    let file = check.path.file_name().unwrap_or_default();
                    let target = dir.join(check.module).join(file);
                    let written = |source| Error::Write {
                        path: target.clone(),
                        source,
                    };
                    std::fs::create_dir_all(dir.join(check.module)).map_err(written)?;
                    std::fs::write(&target, shared_checks(&text)).map_err(written)?;
                    Ok(CheckModule {
                        module: check.module,
                        path: target,
                    })
                })
                .collect()
        })
        .collect()
}

/// Copies every submission's exercise files into `scratch`; returns one
/// unit of work per (submission, exercise): their indices, the copied file
/// and the folder to build in.
fn copy_submissions(
    lesson: &Lesson,
    submissions: &[PathBuf],
    names: &[String],
    scratch: &Path,
) -> Result<Vec<Unit>, Error> {
    let mut units = Vec::new();
    for (s, submission) in submissions.iter().enumerate() {
        let copy = scratch.join(format!("{s:03}-{}", names[s]));
        for (e, exercise) in lesson.exercises.iter().enumerate() {
            let file = copy_exercise(submission, &exercise.name, &copy.join("exercises"))?;
            units.push((s, e, file, copy.join("build").join(&exercise.name)));
        }
    }
    Ok(units)
}

/// Copies the lesson's checks (and the hidden ones) into `dir`; returns the
/// check modules of every exercise.
fn copy_checks(
    lesson: &Lesson,
    hidden: Option<&Path>,
    dir: &Path,
) -> Result<Vec<Vec<CheckModule>>, Error> {
    lesson
        .exercises
        .iter()
        .map(|exercise| {
            let file = format!("{}.rs", exercise.name);
            let mut modules = Vec::new();
            let sources = [("checks", Some(lesson.check_file(&exercise.name)))]
                .into_iter()
                .chain(hidden.map(|h| ("hidden", Some(h.join(&file)))));
            for (module, source) in sources {
                let Some(source) = source.filter(|s| s.is_file() || module == "checks") else {
                    continue;
                };
                let target = dir.join(module).join(&file);
                copy(&source, &target)?;
                modules.push(CheckModule {
                    module,
                    path: target,
                });
            }
            Ok(modules)
        })
        .collect()
}

/// Copies the submission's file of exercise `name` (`NAME.rs` or
/// `exercises/NAME.rs`) into `dir`; returns where the copy is (which does
/// not exist when the submission lacks the file).
fn copy_exercise(submission: &Path, name: &str, dir: &Path) -> Result<PathBuf, Error> {
    let file = format!("{name}.rs");
    let target = dir.join(&file);
    let found = [
        submission.join(&file),
        submission.join("exercises").join(&file),
    ]
    .into_iter()
    .find(|p| p.is_file());
    if let Some(source) = found {
        copy(&source, &target)?;
    }
    Ok(target)
}

fn copy(source: &Path, target: &Path) -> Result<(), Error> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|source| Error::Write {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    std::fs::copy(source, target).map_err(|e| Error::Read {
        path: source.to_path_buf(),
        source: e,
    })?;
    Ok(())
}

/// The folders' names, made unique with `-2`, `-3`… where they repeat.
fn unique_names(submissions: &[PathBuf]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for path in submissions {
        let base = std::path::absolute(path)
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "submission".to_string());
        let mut name = base.clone();
        let mut n = 2;
        while names.contains(&name) {
            name = format!("{base}-{n}");
            n += 1;
        }
        names.push(name);
    }
    names
}

/// The terminal table of one submission.
pub fn render_table(lesson: &Lesson, grade: &Grade) -> String {
    let mut text = format!("{} ({})\n", grade.name, grade.path.display());
    text += &format!(
        "  {:<22} {:>11} {:>7}  first problem\n",
        "exercise", "score", "checks"
    );
    for (exercise, graded) in lesson.exercises.iter().zip(&grade.exercises) {
        let (passed, total) = graded.report.counts();
        let checks = if total == 0 {
            "-".to_string()
        } else {
            format!("{passed}/{total}")
        };
        text += &format!(
            "  {:<22} {:>11} {:>7}  {}\n",
            exercise.name,
            format!("{}/{}", points(graded.score), graded.max_score),
            checks,
            graded.report.first_problem().unwrap_or_default()
        );
    }
    text += &format!(
        "  {:<22} {:>11}\n",
        "total",
        format!("{}/{}", points(grade.score()), grade.max_score())
    );
    text
}

/// Writes the gradebook: one row per submission, one column per exercise, then the total.
///
/// # Errors
/// [`Error::Csv`] when the file cannot be written.
pub fn write_csv(path: &Path, lesson: &Lesson, grades: &[Grade]) -> Result<(), Error> {
    let csv_error = |source| Error::Csv {
        path: path.to_path_buf(),
        source,
    };
    let mut writer = csv::Writer::from_path(path).map_err(csv_error)?;
    let mut header = vec!["submission".to_string()];
    header.extend(lesson.exercises.iter().map(|e| e.name.clone()));
    header.extend(["total".to_string(), "max".to_string()]);
    writer.write_record(&header).map_err(csv_error)?;
    for grade in grades {
        let mut row = vec![grade.name.clone()];
        row.extend(grade.exercises.iter().map(|e| points(e.score)));
        row.extend([points(grade.score()), grade.max_score().to_string()]);
        writer.write_record(&row).map_err(csv_error)?;
    }
    writer.flush().map_err(|e| csv_error(e.into()))
}

/// The Gradescope `results.json` of one submission: `score`, `max_score`, and
/// one test per check (`name`, `score`, `max_score`, `output`); an exercise
/// that is missing or does not compile is one test worth all its points.
pub fn results_json(grade: &Grade) -> serde_json::Value {
    let round = |x: f64| (x * 1e4).round() / 1e4;
    let mut tests = Vec::new();
    for graded in &grade.exercises {
        let name = &graded.report.exercise;
        let max = f64::from(graded.max_score);
        match &graded.report.outcome {
            Outcome::Ran { checks } => {
                for (check, each) in checks.iter().zip(shares(max, checks.len())) {
                    tests.push(json!({
                        "name": format!("{name}: {}", check.name),
                        "score": if check.passed { each } else { 0.0 },
                        "max_score": each,
                        "output": check.message.as_deref().unwrap_or("passed"),
                    }));
                }
            }
            Outcome::CompileError { message } => tests.push(json!({
                "name": name, "score": 0.0, "max_score": max,
                "output": format!("compile error:\n{message}"),
            })),
            _ => tests.push(json!({
                "name": name, "score": 0.0, "max_score": max,
                "output": graded.report.first_problem().unwrap_or_default(),
            })),
        }
    }
    json!({
        "score": round(grade.score()),
        "max_score": grade.max_score(),
        "tests": tests,
    })
}

/// `max` points shared by `n` checks, each rounded to 4 decimals and the
/// last taking what rounding left over, so that the shares add up to `max`.
fn shares(max: f64, n: usize) -> Vec<f64> {
    let round = |x: f64| (x * 1e4).round() / 1e4;
    let each = round(max / n as f64);
    let mut shares = vec![each; n];
    if let Some(last) = shares.last_mut() {
        *last = round(max - each * (n - 1) as f64);
    }
    shares
}

/// Writes `DIR/<submission>/results.json` for every submission.
///
/// # Errors
/// [`Error::Write`] when a file cannot be written.
pub fn write_results_json(dir: &Path, grades: &[Grade]) -> Result<(), Error> {
    for grade in grades {
        let folder = dir.join(&grade.name);
        let write_error = |source| Error::Write {
            path: folder.clone(),
            source,
        };
        std::fs::create_dir_all(&folder).map_err(write_error)?;
        let text = serde_json::to_string_pretty(&results_json(grade))
            .map_err(|e| write_error(e.into()))?;
        std::fs::write(folder.join("results.json"), text + "\n").map_err(write_error)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_folder_names_are_made_unique() {
        let paths = [
            PathBuf::from("a/alice"),
            PathBuf::from("b/alice"),
            PathBuf::from("bob"),
        ];
        assert_eq!(unique_names(&paths), ["alice", "alice-2", "bob"]);
    }
}
