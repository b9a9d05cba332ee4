//! An instructor's hidden checks: a folder laid out like `checks/`
//! (`NAME.rs`), kept outside the repository, with `points.toml` giving each
//! file its own points, which come on top of the exercise's public points:
//!
//! ```toml
//! 05_chain_rule = 2
//! 08_layer_delta = 3
//! ```

use crate::{Error, Lesson};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file of a hidden folder that gives each hidden checks file its points.
pub const POINTS_FILE: &str = "points.toml";

/// A folder of hidden checks, read and matched against a lesson.
#[derive(Debug, Clone)]
pub struct Hidden {
    /// The folder.
    pub dir: PathBuf,
    /// Exercise name → the points of its hidden checks.
    points: BTreeMap<String, u32>,
}

impl Hidden {
    /// Reads the hidden folder `dir` of `lesson`.
    ///
    /// # Errors
    /// [`Error::Read`] when it is not a folder; [`Error::Manifest`] for a
    /// file that matches no exercise, a file without points, points without
    /// a file, or a malformed `points.toml`.
    pub fn load(dir: &Path, lesson: &Lesson) -> Result<Hidden, Error> {
        let read = |source| Error::Read {
            path: dir.to_path_buf(),
            source,
        };
        if !dir.is_dir() {
            return Err(read(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no such folder",
            )));
        }
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .map_err(read)?
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.strip_suffix(".rs").map(str::to_string)
            })
            .collect();
        files.sort();
        let points_path = dir.join(POINTS_FILE);
        let invalid = |message: String| Error::Manifest {
            path: points_path.clone(),
            message,
        };
        if let Some(stray) = files.iter().find(|f| lesson.exercise(f).is_err()) {
            return Err(Error::Manifest {
                path: dir.join(format!("{stray}.rs")),
                message: format!(
                    "this hidden checks file matches no exercise (the exercises are: {})",
                    lesson.names().join(", ")
                ),
            });
        }
        let points = read_points(&points_path, files.is_empty())?;
        for file in &files {
            match points.get(file) {
                Some(0) => return Err(invalid(format!("`{file}` must be worth at least 1 point"))),
                Some(_) => {}
                None => {
                    return Err(invalid(format!(
                        "{file}.rs has no points: add a line `{file} = N`"
                    )));
                }
            }
        }
        if let Some(extra) = points.keys().find(|k| !files.contains(k)) {
            return Err(invalid(format!(
                "`{extra}` has points but no file {extra}.rs"
            )));
        }
        Ok(Hidden {
            dir: dir.to_path_buf(),
            points,
        })
    }

    /// The hidden checks file of exercise `name`, if there is one.
    pub fn file(&self, name: &str) -> Option<PathBuf> {
        self.points
            .contains_key(name)
            .then(|| self.dir.join(format!("{name}.rs")))
    }

    /// The points of exercise `name`'s hidden checks (0 without any).
    pub fn points(&self, name: &str) -> u32 {
        self.points.get(name).copied().unwrap_or(0)
    }

    /// The points of all hidden checks.
    pub fn total(&self) -> u32 {
        self.points.values().sum()
    }
}

/// `points.toml`: exercise name → points (empty when absent and not needed).
fn read_points(path: &Path, optional: bool) -> Result<BTreeMap<String, u32>, Error> {
    if optional && !path.exists() {
        return Ok(BTreeMap::new());
    }
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    toml::from_str(&text).map_err(|e| Error::Manifest {
        path: path.to_path_buf(),
        message: format!(
            "{} (it gives each hidden checks file its points: `05_chain_rule = 2`)",
            e.message()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson() -> Lesson {
        let root =
            workspace::Workspace::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).lessons();
        Lesson::find(&root, 3).unwrap()
    }

    #[test]
    fn every_hidden_file_needs_an_exercise_and_points() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        let error = |dir: &Path| Hidden::load(dir, &lesson()).unwrap_err().to_string();
        write("05_chain_rule.rs", "");
        assert!(
            error(dir.path()).contains("points.toml"),
            "{}",
            error(dir.path())
        );
        write("points.toml", "05_chain_rule = 2\n");
        let hidden = Hidden::load(dir.path(), &lesson()).unwrap();
        assert_eq!((hidden.points("05_chain_rule"), hidden.total()), (2, 2));
        assert_eq!(hidden.points("06_gates"), 0);
        assert!(hidden.file("06_gates").is_none());
        write("06_gate.rs", "");
        let stray = error(dir.path());
        assert!(
            stray.contains("06_gate.rs") && stray.contains("matches no exercise"),
            "{stray}"
        );
        std::fs::remove_file(dir.path().join("06_gate.rs")).unwrap();
        write("points.toml", "05_chain_rule = 2\n06_gates = 1\n");
        assert!(error(dir.path()).contains("no file 06_gates.rs"));
        write("points.toml", "05_chain_rule = \"two\"\n");
        assert!(error(dir.path()).contains("points.toml"));
    }
}
