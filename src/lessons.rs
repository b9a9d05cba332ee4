//! What `lab lesson`, `lab grade` and `lab test` share: where the lessons
//! are, how exercises are compiled and sandboxed, and the course self-check.

use crate::venv::workspace;
use course::sandbox::Sandbox;
use course::{Checker, Compiler};

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

/// The course self-check run by `lab test`, of every lesson (see
/// [`course::self_check()`]). Returns whether every lesson is sound; prints
/// one line per problem. A student edition has no solutions to check: one
/// line says so and nothing fails.
pub fn self_check() -> anyhow::Result<bool> {
    let lessons = course::all_lessons(&workspace()?.lessons())?;
    if let Some(lesson) = lessons.iter().find(|l| !l.has_solutions()) {
        let error = lesson
            .require_solutions("the course self-check")
            .unwrap_err();
        println!("test: {error}; skipped");
        return Ok(true);
    }
    let checker = checker()?;
    let mut sound = true;
    for lesson in &lessons {
        let found = course::self_check(&checker, lesson, None, cores())?;
        sound &= print_self_check(&found, false);
    }
    Ok(sound)
}

/// Prints what a self-check found: the mutation test's kill rates (with
/// the equivalent mutants' diffs when `diffs`), then one line per problem.
/// Returns whether there was none.
pub fn print_self_check(found: &course::SelfCheck, diffs: bool) -> bool {
    match &found.mutants {
        Some((summary, seconds)) => print_mutants(summary, *seconds, diffs),
        None => println!("self-check: no mutants tried until the problems below are fixed"),
    }
    for problem in &found.problems {
        println!("self-check: {problem}");
    }
    found.problems.is_empty()
}

/// Prints the mutation test's summary: every exercise's kill rate and its
/// equivalent mutants (with their diffs when `diffs`), then the count.
pub fn print_mutants(summary: &course::MutationSummary, seconds: f64, diffs: bool) {
    for line in summary.lines(diffs) {
        println!("mutants: {line}");
    }
    let tried: usize = summary
        .exercises
        .iter()
        .map(|e| e.killed + e.unviable + e.survivors.len())
        .sum();
    println!("mutants: {tried} mutants checked in {seconds:.1}s");
}
