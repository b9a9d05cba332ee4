//! The student's progress: the last report of every exercise, with a
//! fingerprint of the files it was made from, kept in `.progress.toml` in the
//! lesson folder (never in the student's source). A report is reused while
//! the exercise and its checks are unchanged, so the status shows at once.

use crate::{Error, Lesson, Report};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// The progress file of a lesson.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Progress {
    /// The last report per exercise name.
    #[serde(default)]
    pub exercises: BTreeMap<String, Entry>,
}

/// One exercise's last report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// The fingerprint of the exercise and checks files the report is about.
    pub fingerprint: String,
    /// The report.
    pub report: Report,
}

impl Progress {
    /// The progress file of `lesson`: `.progress.toml` in its folder.
    pub fn path(lesson: &Lesson) -> PathBuf {
        lesson.dir.join(".progress.toml")
    }

    /// Reads the progress of `lesson`; a missing or unreadable file is a fresh start.
    pub fn load(lesson: &Lesson) -> Progress {
        std::fs::read_to_string(Self::path(lesson))
            .ok()
            .and_then(|text| toml::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Writes the progress of `lesson`.
    ///
    /// # Errors
    /// [`Error::Write`] when the file cannot be written.
    pub fn save(&self, lesson: &Lesson) -> Result<(), Error> {
        let path = Self::path(lesson);
        let text = toml::to_string(self).map_err(|e| Error::Write {
            path: path.clone(),
            source: std::io::Error::other(e),
        })?;
        std::fs::write(&path, text).map_err(|source| Error::Write { path, source })
    }

    /// The stored report of `name` if it was made from the current files.
    pub fn cached(&self, name: &str, fingerprint: &str) -> Option<&Report> {
        self.exercises
            .get(name)
            .filter(|e| e.fingerprint == fingerprint)
            .map(|e| &e.report)
    }

    /// Stores a report.
    pub fn record(&mut self, fingerprint: String, report: Report) {
        self.exercises.insert(
            report.exercise.clone(),
            Entry {
                fingerprint,
                report,
            },
        );
    }
}

/// A fingerprint of the contents of `files` (a missing file counts as empty
/// but differs from an empty file).
pub fn fingerprint(files: &[&Path]) -> String {
    let mut hasher = std::hash::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    for file in files {
        std::fs::read(file).ok().hash(&mut hasher);
    }
    format!("{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CheckResult, Outcome};

    #[test]
    fn progress_round_trips_through_toml() {
        let mut progress = Progress::default();
        progress.record(
            "ab".into(),
            Report {
                exercise: "01_a".into(),
                outcome: Outcome::Ran {
                    checks: vec![
                        CheckResult {
                            name: "x".into(),
                            passed: true,
                            message: None,
                        },
                        CheckResult {
                            name: "y".into(),
                            passed: false,
                            message: Some("expected 1, got 2".into()),
                        },
                    ],
                },
            },
        );
        progress.record(
            "cd".into(),
            Report {
                exercise: "02_b".into(),
                outcome: Outcome::CompileError {
                    message: "error: x\n  --> a.rs:1:1".into(),
                },
            },
        );
        progress.record(
            "ef".into(),
            Report {
                exercise: "03_c".into(),
                outcome: Outcome::Missing,
            },
        );
        let text = toml::to_string(&progress).unwrap();
        let back: Progress = toml::from_str(&text).unwrap();
        assert_eq!(back.cached("01_a", "ab"), progress.cached("01_a", "ab"));
        assert_eq!(
            back.cached("02_b", "cd").unwrap().outcome,
            progress.exercises["02_b"].report.outcome
        );
        assert_eq!(back.cached("03_c", "ef").unwrap().outcome, Outcome::Missing);
        assert!(back.cached("01_a", "other").is_none());
    }

    #[test]
    fn fingerprint_changes_with_the_contents() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.rs");
        let missing = fingerprint(&[&file]);
        std::fs::write(&file, "").unwrap();
        let empty = fingerprint(&[&file]);
        std::fs::write(&file, "fn a() {}").unwrap();
        let full = fingerprint(&[&file]);
        assert!(missing != empty && empty != full);
        assert_eq!(full, fingerprint(&[&file]));
    }
}
