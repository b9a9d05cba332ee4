//! The exercises of the course: lesson 3, *Backpropagation*, from the weight
//! initialisation of the recap slide to one full training step of the
//! network on the slide "Backpropagation & Gradient descent".
//!
//! A lesson is a folder `lessons/lesson-N/` with an ordered manifest
//! `lesson.toml` (name, slide, points and hint of every exercise) and three
//! files per exercise with the same name: `exercises/NAME.rs` (the student's
//! file, `todo!()` bodies), `solutions/NAME.rs` (the reference) and
//! `checks/NAME.rs` (tests that call only the exercise's public items, so any
//! student's file can be swapped in).
//!
//! Every exercise is compiled with `rustc --test`, from a small root file
//! that includes the exercise as `mod exercise` and the checks as
//! `mod checks` (and an instructor's hidden checks as `mod hidden`); the
//! grader compiles all exercises of one submission into one binary when they
//! compile together ([`Checker::check_together`]), each on its own when not.
//! Besides the standard library an exercise may use the crates of
//! [`compiler::EXERCISE_CRATES`] (ndarray), built once at the workspace's
//! versions and passed to rustc with `--extern`, so nothing is rebuilt
//! between checks. Each check then runs in its own process with a timeout,
//! a cap on its output and, on Linux, in the [`sandbox`], so a compile error,
//! a panic, an endless loop, a stack overflow, a memory hog or an attack
//! ends in a [`Report`] naming what stopped it, never in a crash of the tool.
//!
//! The words used throughout: a **check** is one `#[test]` of a checks
//! file; to **check** an exercise ([`Checker::check`], several at once
//! [`Checker::check_together`], the runner's [`runner::check_all`]) is to
//! compile a student's file with its checks and run them into a [`Report`];
//! to **grade** is to check a submission's exercises and turn the reports
//! into points; the **self-check** ([`self_check()`]) proves the lesson
//! itself sound, and its second half, the **mutation test**
//! ([`mutation_test`]), proves that the checks fail on small changes of the
//! reference solutions.
//!
//! - [`Lesson`] reads the manifest.
//! - [`Compiler`] is the rustc and the crates exercises may use;
//!   [`Checker::check`] compiles one exercise and runs its checks.
//! - [`runner`] is the student's view: progress, the current exercise, hints,
//!   watch mode; [`Progress`] caches results in `.progress.toml`.
//! - [`grade`] grades submissions in parallel and writes the table, the CSV
//!   gradebook, Gradescope `results.json` files and a [`feedback`] file per
//!   student; [`submission`] takes folders and archives ([`archive`]) in,
//!   and [`intake`] finds the exercise files in them, trusting nothing.
//! - [`hidden`] reads an instructor's hidden checks and their points.
//! - [`gradescope`] writes the autograder bundle Gradescope runs per student.
//! - [`sandbox`] restricts what a submission's code may do (Linux).
//! - [`self_check()`] proves a lesson sound: every stub fails its checks,
//!   every reference solution passes them, and the checks kill the
//!   solutions' mutants.

pub mod archive;
mod check;
pub mod compiler;
mod diagnostics;
mod error;
pub mod feedback;
pub mod grade;
pub mod gradescope;
pub mod hidden;
pub mod intake;
mod lesson;
mod pool;
mod process;
mod progress;
mod report;
pub mod runner;
pub mod sandbox;
mod self_check;
pub mod submission;
pub mod table;
mod test_output;

pub use check::{CheckModule, Checker, Together, shared_checks, test_functions};
pub use compiler::Compiler;
pub use error::Error;
pub use lesson::{Exercise, Lesson};
/// What the mutation test of a lesson found (the `mutants` crate's summary).
pub use mutants::Summary as MutationSummary;
pub use pool::parallel;
pub use progress::Progress;
pub use report::{CheckResult, Outcome, Report, compile_summary};
pub use self_check::{SelfCheck, all_lessons, mutation_test, self_check, stubs_and_solutions};
