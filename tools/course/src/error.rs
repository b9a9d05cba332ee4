use std::path::PathBuf;

/// What can go wrong around the exercises (not inside them: a student's
/// broken file is a [`crate::Report`], not an error).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file or folder could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The lesson's manifest is malformed.
    #[error("{}: {message}", path.display())]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// There is no such lesson.
    #[error("there is no lesson {number} (no {}); the lessons here: {known}", path.display())]
    NoLesson {
        /// The lesson number asked for.
        number: u32,
        /// The manifest that is missing.
        path: PathBuf,
        /// The lessons there are, comma separated.
        known: String,
    },
    /// An exercise name that the manifest does not list.
    #[error("unknown exercise `{name}` ({known})")]
    UnknownExercise {
        /// The name asked for.
        name: String,
        /// The nearest name ("did you mean …?") or every name.
        known: String,
    },
    /// A prefix that several exercise names start with.
    #[error("`{name}` could be any of {candidates}: type more of the name")]
    AmbiguousExercise {
        /// The prefix asked for.
        name: String,
        /// The names that start with it, comma separated.
        candidates: String,
    },
    /// What needs the reference solutions, asked for in a student edition.
    #[error("{what} runs in the instructor's copy of the course: this edition has no solutions")]
    InstructorOnly {
        /// What was asked for, e.g. "the course self-check".
        what: String,
    },
    /// An instructor's hidden check that does not compile with, or fails on,
    /// the reference solution: the instructor's error, not a student's.
    #[error("the hidden checks {} do not work {message}; fix them (`--self-check --hidden` shows each problem)", path.display())]
    HiddenCheck {
        /// The hidden checks file.
        path: PathBuf,
        /// What goes wrong.
        message: String,
    },
    /// rustc could not be started.
    #[error("cannot run rustc ({0}); is the Rust toolchain installed?")]
    Rustc(std::io::Error),
    /// The crates exercises may use could not be built.
    #[error("cannot build the crates exercises may use ({names}): {message}")]
    Crates {
        /// The crates.
        names: String,
        /// cargo's first error line.
        message: String,
    },
    /// A test binary could not be started.
    #[error("cannot run {}: {source}", path.display())]
    Run {
        /// The binary.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Watching the exercise files failed.
    #[error("cannot watch {}: {source}", path.display())]
    Watch {
        /// The folder watched.
        path: PathBuf,
        /// Why.
        source: notify::Error,
    },
    /// The CSV gradebook could not be written.
    #[error("cannot write the gradebook {}: {source}", path.display())]
    Csv {
        /// The CSV file.
        path: PathBuf,
        /// Why.
        source: csv::Error,
    },
}
