//! What `lab lesson`, `lab grade` and `lab test` share: where the lessons
//! are, how exercises are compiled and sandboxed, and the course self-check.

use crate::venv::workspace;
use course::sandbox::Sandbox;
use course::{Checker, Compiler, Lesson};
use std::time::Instant;

/// How exercises are compiled and run: with the crates they may use
/// (ndarray), built once into `target/exercise-crates`, and (on Linux) in
/// the sandbox, whose launcher is this binary (`lab __sandbox`).
pub fn checker() -> anyhow::Result<Checker> {
    let workspace = workspace()?;
    let cache = workspace.target().join("exercise-crates");
    if !cache.join("target").is_dir() {
        eprintln!(
            "building the crates the exercises may use ({}), once…",
            course::compiler::EXERCISE_CRATES.join(", ")
        );
    }
    let compiler = Compiler::with_workspace_crates(workspace.root(), &cache)?;
    let checker = Checker::new(compiler);
    if !cfg!(target_os = "linux") {
        return Ok(checker);
    }
    match Sandbox::new(std::env::current_exe()?) {
        Ok(sandbox) => {
            if let Some(warning) = sandbox.warning() {
                eprintln!("{warning}");
            }
            Ok(checker.with_sandbox(sandbox))
        }
        Err(why) => {
            eprintln!("warning: no sandbox for submissions ({why}): their code runs unrestricted");
            Ok(checker)
        }
    }
}

/// The number of cores, the default number of jobs.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The course self-check run by `lab test`: every exercise's stub fails its
/// checks, every reference solution passes them, every exercise has a hint,
/// and the checks kill at least 95 % of each solution's mutants.
/// Returns whether everything held; prints one line per problem.
pub fn self_check() -> anyhow::Result<bool> {
    let lessons = workspace()?.lessons();
    for lesson in course::all_lessons(&lessons)? {
        if let Err(error) = needs_solutions(&lesson, "the course self-check") {
            println!("test: {error}; skipped");
            return Ok(true);
        }
    }
    let checker = checker()?;
    let mut problems = course::self_check(&checker, &lessons, cores())?;
    for lesson in course::all_lessons(&lessons)? {
        problems.extend(mutation_problems(&checker, &lesson, None, cores(), false)?);
    }
    for problem in &problems {
        println!("self-check: {problem}");
    }
    Ok(problems.is_empty())
}

/// One line saying that `what` runs in the instructor's copy, when `lesson`
/// has no reference solutions (a student edition, `lab release`).
///
/// # Errors
/// [`course::Error::InstructorOnly`] in a student edition.
pub fn needs_solutions(lesson: &Lesson, what: &str) -> Result<(), course::Error> {
    if lesson.has_solutions() {
        Ok(())
    } else {
        Err(course::Error::InstructorOnly {
            what: what.to_string(),
        })
    }
}

/// Mutation-tests the checks of `lesson` (with the `hidden` ones when given)
/// on `jobs` threads, prints the kill
/// rate of every exercise and its equivalent mutants (with their diffs when
/// `diffs`), and returns the problems (each other survivor with its diff).
pub fn mutation_problems(
    checker: &course::Checker,
    lesson: &Lesson,
    hidden: Option<&course::hidden::Hidden>,
    jobs: usize,
    diffs: bool,
) -> anyhow::Result<Vec<String>> {
    let started = Instant::now();
    let summary = course::mutation_check(checker, lesson, hidden, jobs)?;
    for line in summary.lines(diffs) {
        println!("mutants: {line}");
    }
    println!(
        "mutants: {} mutants checked in {:.1}s",
        summary
            .exercises
            .iter()
            .map(|e| e.killed + e.unviable + e.survivors.len())
            .sum::<usize>(),
        started.elapsed().as_secs_f64()
    );
    Ok(summary.problems())
}
