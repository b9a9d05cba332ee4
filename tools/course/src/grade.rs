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

use crate::hidden::Hidden;
use crate::intake::Intake;
use crate::runner::points;
use crate::submission::{self, Submission, Taken};
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
    /// The instructor's hidden checks, with their points.
    pub hidden: Option<Hidden>,
    /// Threads grading at once.
    pub jobs: usize,
}

/// One graded exercise.
#[derive(Debug, Clone)]
pub struct ExerciseGrade {
    /// The points of the exercise's public checks.
    pub points: u32,
    /// The points of its hidden checks (0 without any).
    pub hidden_points: u32,
    /// The points earned: the shares ([`shares`]) of the checks that pass.
    pub score: f64,
    /// What happened.
    pub report: Report,
    /// Why the submission's file was not taken (a link, a FIFO, two candidates).
    pub refused: Option<String>,
}

impl ExerciseGrade {
    /// The points there are: public and hidden.
    pub fn max_score(&self) -> u32 {
        self.points + self.hidden_points
    }

    /// One line: the first problem, or `✓ NAME: all N checks pass`.
    pub fn summary(&self) -> String {
        if let Some(why) = &self.refused {
            return why.clone();
        }
        match self.report.first_problem() {
            Some(problem) => problem,
            None => {
                let (_, total) = self.report.counts();
                format!("✓ {}: all {total} checks pass", self.report.exercise)
            }
        }
    }
}

/// One graded submission.
#[derive(Debug, Clone)]
pub struct Grade {
    /// A short unique name: the folder's or the archive's name.
    pub name: String,
    /// The submission folder or archive.
    pub path: PathBuf,
    /// One grade per exercise, in the manifest's order.
    pub exercises: Vec<ExerciseGrade>,
    /// What the student should know about how the submission was taken in.
    pub notes: Vec<String>,
}

impl Grade {
    /// The points earned.
    pub fn score(&self) -> f64 {
        self.exercises.iter().map(|e| e.score).sum()
    }

    /// The points there are.
    pub fn max_score(&self) -> u32 {
        self.exercises.iter().map(ExerciseGrade::max_score).sum()
    }
}

/// A class graded: a grade per submission, and one line per path that was
/// not a submission or name that repeated.
#[derive(Debug, Clone)]
pub struct Class {
    /// The grades, in the order of the paths.
    pub grades: Vec<Grade>,
    /// Lines for the instructor; a path that was not graded makes it non-empty.
    pub problems: Vec<String>,
}

/// Grades every submission (folders, archives, folders of archives) against `lesson`.
///
/// # Errors
/// [`Error::HiddenCheck`] when a hidden check does not compile or pass with
/// the reference solution (checked before any student), and the errors of
/// [`Checker::check`] (rustc missing, scratch space not writable).
pub fn grade(lesson: &Lesson, paths: &[PathBuf], options: &Options) -> Result<Class, Error> {
    if let Some(hidden) = &options.hidden {
        prove_hidden(lesson, hidden, options)?;
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
        options.hidden.as_ref(),
        &scratch.path().join("lesson"),
    )?;
    let shared = share_checks(&checks, &scratch.path().join("lesson").join("together"))?;
    let (submissions, mut problems) = submission::expand(paths);
    let folders: Vec<PathBuf> = (0..submissions.len())
        .map(|s| scratch.path().join(format!("{s:03}")))
        .collect();
    let taken = submissions
        .iter()
        .zip(&folders)
        .map(|(submission, folder)| submission::take_in(lesson, submission, folder))
        .collect::<Result<Vec<Taken>, Error>>()?;
    let indices: Vec<usize> = (0..submissions.len()).collect();
    let reports = parallel(&indices, options.jobs, |&s| {
        grade_one(lesson, &taken[s], &folders[s], &checks, &shared, options)
    });
    let mut grades = Vec::new();
    for ((submission, taken), reports) in submissions.into_iter().zip(taken).zip(reports) {
        grades.push(graded(
            lesson,
            options.hidden.as_ref(),
            submission,
            taken,
            reports?,
        ));
    }
    problems.retain(|p| !p.is_empty());
    Ok(Class { grades, problems })
}

/// A submission's grade from its reports, with the points of each check.
fn graded(
    lesson: &Lesson,
    hidden: Option<&Hidden>,
    submission: Submission,
    taken: Taken,
    reports: Vec<Report>,
) -> Grade {
    let exercises = lesson
        .exercises
        .iter()
        .zip(reports)
        .zip(taken.intakes)
        .map(|((exercise, report), intake)| {
            let hidden_points = hidden.map_or(0, |h| h.points(&exercise.name));
            let refused = match intake {
                Intake::Refused(why) => Some(why),
                _ => None,
            };
            ExerciseGrade {
                points: exercise.points,
                hidden_points,
                score: earned(&report, exercise.points, hidden_points),
                report,
                refused,
            }
        })
        .collect();
    Grade {
        name: submission.name,
        path: submission.path,
        exercises,
        notes: taken.notes,
    }
}

/// The points a report earns: the [`shares`] of the public points for the
/// public checks that pass, and of the hidden points for the hidden ones.
fn earned(report: &Report, points: u32, hidden_points: u32) -> f64 {
    let Outcome::Ran { checks } = &report.outcome else {
        return 0.0;
    };
    let mut score = 0.0;
    for (hidden, points) in [(false, points), (true, hidden_points)] {
        let group: Vec<bool> = checks
            .iter()
            .filter(|c| c.name.starts_with(HIDDEN_PREFIX) == hidden)
            .map(|c| c.passed)
            .collect();
        let shares = shares(points, group.len());
        score += group
            .iter()
            .zip(shares)
            .filter(|(passed, _)| **passed)
            .map(|(_, share)| share)
            .sum::<f64>();
    }
    score
}

/// How a hidden check's name starts in a report.
const HIDDEN_PREFIX: &str = "hidden::";

/// Every hidden checks file compiles with, and passes on, the reference
/// solution of its exercise; else the instructor's error, once, naming it.
fn prove_hidden(lesson: &Lesson, hidden: &Hidden, options: &Options) -> Result<(), Error> {
    let scratch = tempfile::Builder::new()
        .prefix("lab-hidden-")
        .tempdir()
        .map_err(|source| Error::Write {
            path: std::env::temp_dir(),
            source,
        })?;
    let names: Vec<&str> = lesson
        .names()
        .into_iter()
        .filter(|n| hidden.file(n).is_some())
        .collect();
    let reports = parallel(&names, options.jobs, |name| {
        let checks = modules(lesson, Some(hidden), name);
        let build = scratch.path().join(name);
        let solution = lesson.solution_file(name);
        options
            .checker
            .check(name, &solution, &checks, &build, options.timeout)
    });
    for (name, report) in names.iter().zip(reports) {
        let report = report?;
        if !report.passed() {
            let path = hidden.file(name).unwrap_or_default();
            let why = report.first_problem().unwrap_or_default();
            return Err(Error::HiddenCheck {
                path,
                message: format!("with the reference solution of {name}: {why}"),
            });
        }
    }
    Ok(())
}

/// The check modules of exercise `name`: its checks, and its hidden checks if any.
pub(crate) fn modules(lesson: &Lesson, hidden: Option<&Hidden>, name: &str) -> Vec<CheckModule> {
    let mut modules = vec![CheckModule {
        module: "checks",
        path: lesson.check_file(name),
    }];
    if let Some(path) = hidden.and_then(|h| h.file(name)) {
        modules.push(CheckModule {
            module: "hidden",
            path,
        });
    }
    modules
}

/// The reports on the exercises of one submission taken in (in the
/// manifest's order), built in `folder`: all compiled in one crate when they
/// compile together, else each on its own.
fn grade_one(
    lesson: &Lesson,
    taken: &Taken,
    folder: &Path,
    checks: &[Vec<CheckModule>],
    shared: &[Vec<CheckModule>],
    options: &Options,
) -> Result<Vec<Report>, Error> {
    let present: Vec<Together> = taken
        .intakes
        .iter()
        .enumerate()
        .filter_map(|(e, intake)| match intake {
            Intake::Found { path, .. } => Some(Together {
                name: lesson.exercises[e].name.clone(),
                exercise: path.clone(),
                checks: shared[e].clone(),
            }),
            _ => None,
        })
        .collect();
    let together = if present.len() >= 2 {
        let build = folder.join("build").join("together");
        options
            .checker
            .check_together(&present, &build, options.timeout)?
    } else {
        None
    };
    let mut together = together.unwrap_or_default().into_iter().peekable();
    let mut reports = Vec::new();
    for ((exercise, intake), checks) in lesson.exercises.iter().zip(&taken.intakes).zip(checks) {
        let name = &exercise.name;
        let mut report = match (together.next_if(|r| &r.exercise == name), intake) {
            (Some(report), _) => report,
            (None, Intake::Found { path, .. }) => {
                let build = folder.join("build").join(name);
                options
                    .checker
                    .check(name, path, checks, &build, options.timeout)?
            }
            (None, _) => Report {
                exercise: name.clone(),
                outcome: Outcome::Missing,
            },
        };
        if let (Outcome::CompileError { message }, Intake::Found { path, .. }) =
            (&mut report.outcome, intake)
        {
            *message = crate::diagnostics::concerning(message, path, checks, true);
        }
        report.strip_prefix(folder);
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

/// Copies the lesson's checks (and the hidden ones) into `dir`; returns the
/// check modules of every exercise.
fn copy_checks(
    lesson: &Lesson,
    hidden: Option<&Hidden>,
    dir: &Path,
) -> Result<Vec<Vec<CheckModule>>, Error> {
    lesson
        .exercises
        .iter()
        .map(|exercise| {
            let file = format!("{}.rs", exercise.name);
            modules(lesson, hidden, &exercise.name)
                .into_iter()
                .map(|check| {
                    let target = dir.join(check.module).join(&file);
                    copy(&check.path, &target)?;
                    Ok(CheckModule {
                        module: check.module,
                        path: target,
                    })
                })
                .collect()
        })
        .collect()
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

/// The terminal table of one submission, then its notes.
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
            format!("{}/{}", points(graded.score), graded.max_score()),
            checks,
            graded.summary()
        );
    }
    text += &format!(
        "  {:<22} {:>11}\n",
        "total",
        format!("{}/{}", points(grade.score()), grade.max_score())
    );
    for note in &grade.notes {
        text += &format!("  note: {note}\n");
    }
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

/// Gradescope's visibility of a public check: shown at once.
const VISIBLE: &str = "visible";
/// Gradescope's visibility of a hidden check: shown once grades are published.
const AFTER_PUBLISHED: &str = "after_published";

/// The Gradescope `results.json` of one submission: `score`, `max_score`,
/// the notes as `output`, and one test per check (`name`, `score`,
/// `max_score`, `output`, `visibility`: hidden checks `after_published`);
/// an exercise whose checks did not run is one test worth its public points
/// and, with hidden checks, one worth their points. Every share is a
/// multiple of 1/1024 ([`shares`]), so any sum of them is exact.
pub fn results_json(grade: &Grade) -> serde_json::Value {
    let mut tests = Vec::new();
    for graded in &grade.exercises {
        let name = &graded.report.exercise;
        let test = |test: String, score: f64, max: f64, output: &str, visibility: &str| {
            json!({
                "name": test, "score": score, "max_score": max,
                "output": output, "visibility": visibility,
            })
        };
        let checks = match (&graded.report.outcome, &graded.refused) {
            (Outcome::Ran { checks }, None) => checks,
            (outcome, _) => {
                let output = match outcome {
                    Outcome::CompileError { message } if graded.refused.is_none() => {
                        format!("compile error:\n{message}")
                    }
                    _ => graded.summary(),
                };
                let public = f64::from(graded.points);
                tests.push(test(name.clone(), 0.0, public, &output, VISIBLE));
                if graded.hidden_points > 0 {
                    let hidden = f64::from(graded.hidden_points);
                    let title = format!("{name}: hidden checks");
                    tests.push(test(title, 0.0, hidden, "not run", AFTER_PUBLISHED));
                }
                continue;
            }
        };
        for (hidden, points) in [(false, graded.points), (true, graded.hidden_points)] {
            let group: Vec<_> = checks
                .iter()
                .filter(|c| c.name.starts_with(HIDDEN_PREFIX) == hidden)
                .collect();
            let visibility = if hidden { AFTER_PUBLISHED } else { VISIBLE };
            for (check, share) in group.iter().zip(shares(points, group.len())) {
                let score = if check.passed { share } else { 0.0 };
                let output = check.message.as_deref().unwrap_or("passed");
                let title = format!("{name}: {}", check.name);
                tests.push(test(title, score, share, output, visibility));
            }
        }
    }
    json!({
        "score": grade.score(),
        "max_score": grade.max_score(),
        "output": grade.notes.join("\n"),
        "tests": tests,
    })
}

/// `points` shared by `n` checks: each share a multiple of 1/1024 (so sums
/// of shares are exact in floating point: 56, never 56.00000000000002),
/// the last taking what is left, so that they add up to `points`.
///
/// ```
/// let shares = course::grade::shares(5, 9);
/// assert_eq!(shares.iter().sum::<f64>(), 5.0);
/// assert!(shares.iter().all(|s| (s - 5.0 / 9.0).abs() < 0.01 && (s * 1024.0).fract() == 0.0));
/// assert_eq!(course::grade::shares(4, 0), Vec::<f64>::new());
/// ```
pub fn shares(points: u32, n: usize) -> Vec<f64> {
    const UNIT: f64 = 1024.0;
    let Some(others) = n.checked_sub(1) else {
        return Vec::new();
    };
    let each = (f64::from(points) * UNIT / n as f64).floor() / UNIT;
    let mut shares = vec![each; n];
    shares[others] = f64::from(points) - each * others as f64;
    shares
}

/// Writes `DIR/<submission>/results.json` for every submission.
///
/// # Errors
/// [`Error::Write`] when a file cannot be written.
pub fn write_results_json(dir: &Path, grades: &[Grade]) -> Result<(), Error> {
    for grade in grades {
        let text = serde_json::to_string_pretty(&results_json(grade)).unwrap_or_default();
        write_file(&dir.join(&grade.name).join("results.json"), &(text + "\n"))?;
    }
    Ok(())
}

/// Writes `DIR/<submission>.md` for every submission: the feedback to send
/// ([`crate::feedback`]).
///
/// # Errors
/// [`Error::Write`] when a file cannot be written.
pub fn write_feedback(dir: &Path, lesson: &Lesson, grades: &[Grade]) -> Result<(), Error> {
    for grade in grades {
        let text = crate::feedback::markdown(lesson, grade);
        write_file(&dir.join(format!("{}.md", grade.name)), &text)?;
    }
    Ok(())
}

/// Writes `text` to `path`, making its folder.
fn write_file(path: &Path, text: &str) -> Result<(), Error> {
    let written = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(written)?;
    }
    std::fs::write(path, text).map_err(written)
}
