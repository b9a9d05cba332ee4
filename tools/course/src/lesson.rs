use crate::Error;
use serde::Deserialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One exercise of the manifest.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// The file name without `.rs`, e.g. `05_chain_rule`.
    pub name: String,
    /// The title of the slide the exercise belongs to.
    pub slide: String,
    /// The points the exercise is worth, shared equally by its checks.
    pub points: u32,
    /// A hint of a few lines.
    pub hint: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    title: String,
    #[serde(rename = "exercise", default)]
    exercises: Vec<Exercise>,
}

/// A lesson: its folder and its ordered exercises.
#[derive(Debug, Clone)]
pub struct Lesson {
    /// The lesson's title, e.g. "Backpropagation".
    pub title: String,
    /// The lesson's folder, e.g. `lessons/lesson-3`.
    pub dir: PathBuf,
    /// The exercises in the order students do them.
    pub exercises: Vec<Exercise>,
}

impl Lesson {
    /// The manifest file of a lesson folder.
    pub fn manifest_path(dir: &Path) -> PathBuf {
        dir.join("lesson.toml")
    }

    /// Reads lesson `number` from `lessons/lesson-NUMBER`, where `lessons`
    /// is the folder of all lessons.
    ///
    /// # Errors
    /// [`Error::NoLesson`] when there is no such manifest, and the errors of [`Lesson::load`].
    pub fn find(lessons: &Path, number: u32) -> Result<Lesson, Error> {
        let dir = lessons.join(format!("lesson-{number}"));
        let path = Self::manifest_path(&dir);
        if !path.is_file() {
            return Err(Error::NoLesson { number, path });
        }
        Self::load(&dir)
    }

    /// Reads the manifest of the lesson folder `dir`.
    ///
    /// # Errors
    /// When the manifest cannot be read or parsed, is empty, names an
    /// exercise twice, or has a name that is not a plain file name.
    pub fn load(dir: &Path) -> Result<Lesson, Error> {
        let path = Self::manifest_path(dir);
        let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        let invalid = |message: String| Error::Manifest {
            path: path.clone(),
            message,
        };
        let manifest: Manifest =
            toml::from_str(&text).map_err(|e| invalid(e.message().to_string()))?;
        if manifest.exercises.is_empty() {
            return Err(invalid("no [[exercise]] entries".into()));
        }
        let mut seen = HashSet::new();
        for exercise in &manifest.exercises {
            let plain = !exercise.name.is_empty()
                && exercise
                    .name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !plain {
                return Err(invalid(format!(
                    "exercise name `{}` must be letters, digits and `_` only",
                    exercise.name
                )));
            }
            if !seen.insert(exercise.name.as_str()) {
                return Err(invalid(format!(
                    "exercise `{}` is listed twice",
                    exercise.name
                )));
            }
        }
        Ok(Lesson {
            title: manifest.title,
            dir: dir.to_path_buf(),
            exercises: manifest.exercises,
        })
    }

    /// The exercise called `name`.
    ///
    /// # Errors
    /// [`Error::UnknownExercise`] when the manifest has no such exercise.
    pub fn exercise(&self, name: &str) -> Result<&Exercise, Error> {
        self.exercises
            .iter()
            .find(|e| e.name == name)
            .ok_or_else(|| Error::UnknownExercise {
                name: name.to_string(),
                known: self.names().join(", "),
            })
    }

    /// The exercise names in order.
    pub fn names(&self) -> Vec<&str> {
        self.exercises.iter().map(|e| e.name.as_str()).collect()
    }

    /// The student's file of an exercise: `exercises/NAME.rs`.
    pub fn exercise_file(&self, name: &str) -> PathBuf {
        self.dir.join("exercises").join(format!("{name}.rs"))
    }

    /// The reference solution: `solutions/NAME.rs`.
    pub fn solution_file(&self, name: &str) -> PathBuf {
        self.dir.join("solutions").join(format!("{name}.rs"))
    }

    /// The checks: `checks/NAME.rs`.
    pub fn check_file(&self, name: &str) -> PathBuf {
        self.dir.join("checks").join(format!("{name}.rs"))
    }

    /// The points of the whole lesson.
    pub fn max_points(&self) -> u32 {
        self.exercises.iter().map(|e| e.points).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, text: &str) {
        std::fs::write(dir.join("lesson.toml"), text).unwrap();
    }

    /// This checkout's lessons.
    fn lessons() -> PathBuf {
        workspace::Workspace::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).lessons()
    }

    #[test]
    fn the_repository_lesson_loads_in_order() {
        let root = lessons();
        let lesson = Lesson::find(&root, 3).unwrap();
        assert_eq!(lesson.title, "Backpropagation");
        assert_eq!(lesson.names()[0], "01_init_weights");
        assert!(lesson.exercises.len() >= 9);
    }

    #[test]
    fn malformed_manifests_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "title = \"t\"\n");
        let error = Lesson::load(dir.path()).unwrap_err().to_string();
        assert!(error.contains("no [[exercise]]"), "{error}");
        let entry = "[[exercise]]\nname = \"a\"\nslide = \"s\"\npoints = 1\nhint = \"h\"\n";
        write(dir.path(), &format!("title = \"t\"\n{entry}{entry}"));
        let error = Lesson::load(dir.path()).unwrap_err().to_string();
        assert!(error.contains("listed twice"), "{error}");
        write(
            dir.path(),
            &format!("title = \"t\"\n{}", entry.replace("\"a\"", "\"../x\"")),
        );
        let error = Lesson::load(dir.path()).unwrap_err().to_string();
        assert!(error.contains("letters, digits"), "{error}");
        write(dir.path(), "title = 3");
        assert!(Lesson::load(dir.path()).is_err());
        let missing = Lesson::find(dir.path(), 7).unwrap_err().to_string();
        assert!(missing.contains("no lesson 7"), "{missing}");
    }

    #[test]
    fn unknown_exercise_lists_the_known_ones() {
        let root = lessons();
        let lesson = Lesson::find(&root, 3).unwrap();
        let error = lesson.exercise("nope").unwrap_err().to_string();
        assert!(
            error.contains("unknown exercise `nope`") && error.contains("05_chain_rule"),
            "{error}"
        );
    }
}
