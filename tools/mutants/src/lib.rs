//! Mutation testing of a lesson's checks: are they strong enough to reject
//! the plausible mistakes of a student?
//!
//! Each reference solution `solutions/NAME.rs` is parsed with `syn`, and the
//! [mutator](generate) makes copies of it with one small change each: an
//! operator replaced, a constant changed, a sum cut down to one term, two
//! arguments swapped, a body replaced by a default value, a parameter
//! ignored, a call or a statement dropped. The checks `checks/NAME.rs` are run
//! against every mutant; a mutant that passes them all *survives*, and the
//! report shows it with its unified diff. A survivor that computes exactly
//! what the solution computes (an *equivalent* mutant) cannot be killed: the
//! lesson's `mutants.toml` lists it with the reason.
//!
//! The crate knows nothing of how a mutant is compiled and checked: a
//! [`Plan`] writes the mutants into a scratch folder and lists them as
//! [`Task`]s; the caller runs the checks on each (the course compiles them
//! like any exercise) and hands back one [`Verdict`] per task, from which the
//! plan makes the [`Summary`].
//!
//! ```
//! let dir = tempfile_dir();
//! std::fs::create_dir_all(dir.join("lesson-1/solutions")).unwrap();
//! std::fs::write(dir.join("lesson-1/solutions/01_add.rs"), "pub fn add(a: f64, b: f64) -> f64 { a + b }\n").unwrap();
//! let plan = mutants::Plan::new(&dir.join("lesson-1"), &["01_add"], &dir.join("scratch"), 100).unwrap();
//! // Checks that pass whatever `add` returns let every mutant survive:
//! let verdicts: Vec<_> = plan.tasks().iter().map(|_| mutants::Verdict::Survived).collect();
//! let summary = plan.summary(&verdicts);
//! assert_eq!(summary.exercises[0].rate(), 0.0);
//! assert!(summary.problems()[0].starts_with("lesson-1: 01_add: a mutant survives the checks: add: "));
//! # fn tempfile_dir() -> std::path::PathBuf {
//! #     let dir = std::env::temp_dir().join(format!("mutants-doc-{}", std::process::id()));
//! #     let _ = std::fs::remove_dir_all(&dir);
//! #     dir
//! # }
//! ```

mod generate;
mod report;

pub use generate::{Mutant, Mutants, generate, select};
pub use report::{
    AllowList, Equivalent, ExerciseSummary, Summary, Survivor, TARGET, Verdict, diff,
};

use std::path::{Path, PathBuf};

/// How many mutants of one exercise are checked at most (spread evenly over
/// the solution, the same ones every time), so the self-check stays short.
pub const CAP: usize = 40;

/// Trouble reading a solution or the allow-list, or writing the mutants.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A mutant could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A solution is not valid Rust.
    #[error("cannot parse {path}: {message}")]
    Parse {
        /// The solution.
        path: PathBuf,
        /// The parser's message.
        message: String,
    },
    /// The allow-list is not a valid `mutants.toml`.
    #[error("{path} is not a valid list of equivalent mutants: {message}")]
    AllowList {
        /// The file.
        path: PathBuf,
        /// The parser's message.
        message: String,
    },
}

/// One mutant to check: the exercise it belongs to, the mutant's file, a
/// folder to build it in.
#[derive(Debug, Clone)]
pub struct Task {
    /// The exercise's name; its checks are `checks/NAME.rs`.
    pub exercise: String,
    /// The mutant, written as `NAME.rs`.
    pub file: PathBuf,
    /// An empty folder for the build.
    pub build: PathBuf,
}

/// The mutants of a lesson's solutions, written out and waiting for verdicts.
#[derive(Debug)]
pub struct Plan {
    lesson: String,
    exercises: Vec<(String, Mutants)>,
    tasks: Vec<Task>,
    allow: AllowList,
}

impl Plan {
    /// Generates at most `cap` mutants of `LESSON/solutions/NAME.rs` for every
    /// name and writes them into `scratch`; reads `LESSON/mutants.toml`.
    ///
    /// # Errors
    /// When a solution cannot be read or parsed, the allow-list is invalid, or
    /// `scratch` cannot be written.
    pub fn new(lesson: &Path, names: &[&str], scratch: &Path, cap: usize) -> Result<Plan, Error> {
        let allow = AllowList::load(&lesson.join("mutants.toml"))?;
        let mut exercises = Vec::new();
        let mut tasks = Vec::new();
        for &name in names {
            let path = lesson.join("solutions").join(format!("{name}.rs"));
            let source = std::fs::read_to_string(&path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            let mut all = generate(&source).map_err(|error| Error::Parse {
                path: path.clone(),
                message: error.to_string(),
            })?;
            all.mutants = select(all.mutants, cap);
            for (i, mutant) in all.mutants.iter().enumerate() {
                let dir = scratch.join(format!("{name}-mutant-{i:03}"));
                let file = dir.join(format!("{name}.rs"));
                let written = |source| Error::Write {
                    path: file.clone(),
                    source,
                };
                std::fs::create_dir_all(&dir).map_err(written)?;
                std::fs::write(&file, &mutant.source).map_err(written)?;
                tasks.push(Task {
                    exercise: name.to_string(),
                    file,
                    build: dir.join("build"),
                });
            }
            exercises.push((name.to_string(), all));
        }
        let lesson = lesson
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        Ok(Plan {
            lesson,
            exercises,
            tasks,
            allow,
        })
    }

    /// The mutants to check, exercise by exercise.
    pub fn tasks(&self) -> &[Task] {
        &self.tasks
    }

    /// The summary from one verdict per task, in the order of [`Plan::tasks`].
    pub fn summary(&self, verdicts: &[Verdict]) -> Summary {
        let mut verdicts = verdicts.iter();
        let mut exercises = Vec::new();
        let mut listed = Vec::new();
        for (name, all) in &self.exercises {
            let mut summary = ExerciseSummary {
                exercise: name.clone(),
                killed: 0,
                unviable: 0,
                survivors: Vec::new(),
            };
            for mutant in &all.mutants {
                match verdicts.next().copied().unwrap_or(Verdict::Unviable) {
                    Verdict::Killed => summary.killed += 1,
                    Verdict::Unviable => summary.unviable += 1,
                    Verdict::Survived => {
                        let reason = self.allow.reason(name, &mutant.description);
                        if reason.is_some() {
                            listed.push((name.as_str(), mutant.description.as_str()));
                        }
                        summary.survivors.push(Survivor {
                            description: mutant.description.clone(),
                            diff: diff(
                                &format!("solutions/{name}.rs"),
                                &all.original,
                                &mutant.source,
                            ),
                            reason: reason.map(str::to_string),
                        });
                    }
                }
            }
            exercises.push(summary);
        }
        let stale = self
            .allow
            .equivalent
            .iter()
            .filter(|e| self.exercises.iter().any(|(name, _)| *name == e.exercise))
            .filter(|e| !listed.contains(&(e.exercise.as_str(), e.mutant.as_str())))
            .cloned()
            .collect();
        Summary {
            lesson: self.lesson.clone(),
            exercises,
            stale,
        }
    }
}
