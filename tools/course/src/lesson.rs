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
    /// The notebook that teaches it, without `.ipynb`, e.g. `05-backprop-chain-rule`:
    /// the runner presents the exercises in the order of their notebooks.
    pub notebook: String,
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
    /// The exercises in the order students do them: by notebook, and in the
    /// manifest's order within one notebook.
    pub exercises: Vec<Exercise>,
}

/// The lessons in the folder of all lessons: the numbers of its
/// `lesson-N` folders that hold a manifest, in order.
pub fn lesson_numbers(lessons: &Path) -> Vec<u32> {
    let mut numbers: Vec<u32> = std::fs::read_dir(lessons)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let number = name.strip_prefix("lesson-")?.parse().ok()?;
            Lesson::manifest_path(&entry.path())
                .is_file()
                .then_some(number)
        })
        .collect();
    numbers.sort_unstable();
    numbers
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
            let known = lesson_numbers(lessons)
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            return Err(Error::NoLesson {
                number,
                path,
                known: if known.is_empty() {
                    "none".into()
                } else {
                    known
                },
            });
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
        if let Some(exercise) = manifest.exercises.iter().find(|e| e.notebook.is_empty()) {
            return Err(invalid(format!(
                "exercise `{}` names no notebook",
                exercise.name
            )));
        }
        let mut exercises = manifest.exercises;
        // Stable: within one notebook the manifest's order stays.
        exercises.sort_by(|a, b| a.notebook.cmp(&b.notebook));
        Ok(Lesson {
            title: manifest.title,
            dir: dir.to_path_buf(),
            exercises,
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
            .ok_or_else(|| self.unknown(name))
    }

    /// The exercise a student means by `name`: the one called so, or the
    /// only one whose name starts with it (`08` is `08_layer_delta`).
    ///
    /// # Errors
    /// [`Error::AmbiguousExercise`] when several names start with it, and
    /// [`Error::UnknownExercise`], suggesting the nearest name, when none does.
    pub fn resolve(&self, name: &str) -> Result<&Exercise, Error> {
        if let Ok(exercise) = self.exercise(name) {
            return Ok(exercise);
        }
        let starting: Vec<&Exercise> = self
            .exercises
            .iter()
            .filter(|e| !name.is_empty() && e.name.starts_with(name))
            .collect();
        match starting[..] {
            [one] => Ok(one),
            [] => Err(self.unknown(name)),
            _ => Err(Error::AmbiguousExercise {
                name: name.to_string(),
                candidates: starting
                    .iter()
                    .map(|e| e.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }

    /// The error for an unknown name, suggesting the nearest name when one is near.
    fn unknown(&self, name: &str) -> Error {
        let nearest = self
            .names()
            .into_iter()
            .map(|known| (strsim::normalized_damerau_levenshtein(name, known), known))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .filter(|(similarity, _)| *similarity >= 0.5);
        let known = match nearest {
            Some((_, known)) => format!("did you mean `{known}`?"),
            None => format!("the exercises are: {}", self.names().join(", ")),
        };
        Error::UnknownExercise {
            name: name.to_string(),
            known,
        }
    }

    /// Whether the lesson has its reference solutions: the instructor's copy
    /// has them, a student edition (`lab release`) does not.
    pub fn has_solutions(&self) -> bool {
        self.dir.join("solutions").is_dir()
    }

    /// `Ok` when the lesson has its reference solutions, which `what` (for
    /// example "`lab release`") needs.
    ///
    /// # Errors
    /// [`Error::InstructorOnly`], one line saying that `what` runs in the
    /// instructor's copy, in a student edition.
    pub fn require_solutions(&self, what: &str) -> Result<(), Error> {
        if self.has_solutions() {
            Ok(())
        } else {
            Err(Error::InstructorOnly {
                what: what.to_string(),
            })
        }
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
        let entry = "[[exercise]]\nname = \"a\"\nnotebook = \"01-n\"\nslide = \"s\"\npoints = 1\nhint = \"h\"\n";
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
        write(
            dir.path(),
            &format!("title = \"t\"\n{}", entry.replace("\"01-n\"", "\"\"")),
        );
        let error = Lesson::load(dir.path()).unwrap_err().to_string();
        assert!(error.contains("names no notebook"), "{error}");
        let missing = Lesson::find(dir.path(), 7).unwrap_err().to_string();
        assert!(missing.contains("no lesson 7"), "{missing}");
    }

    #[test]
    fn an_unknown_lesson_lists_the_lessons_there_are() {
        let lessons = tempfile::tempdir().unwrap();
        for number in [2, 5] {
            let dir = lessons.path().join(format!("lesson-{number}"));
            std::fs::create_dir(&dir).unwrap();
            write(&dir, "title = \"t\"\n");
        }
        std::fs::create_dir(lessons.path().join("lesson-9")).unwrap(); // no manifest
        assert_eq!(lesson_numbers(lessons.path()), [2, 5]);
        let error = Lesson::find(lessons.path(), 3).unwrap_err().to_string();
        assert!(error.ends_with("the lessons here: 2, 5"), "{error}");
    }

    #[test]
    fn exercises_follow_their_notebooks() {
        let dir = tempfile::tempdir().unwrap();
        let entry = |name: &str, notebook: &str| {
            format!(
                "[[exercise]]\nname = \"{name}\"\nnotebook = \"{notebook}\"\nslide = \"s\"\npoints = 1\nhint = \"h\"\n"
            )
        };
        let entries = [
            entry("01_a", "01-x"),
            entry("02_b", "02-y"),
            entry("03_c", "01-x"),
        ];
        write(dir.path(), &format!("title = \"t\"\n{}", entries.concat()));
        assert_eq!(
            Lesson::load(dir.path()).unwrap().names(),
            ["01_a", "03_c", "02_b"]
        );
    }

    #[test]
    fn names_resolve_from_an_unambiguous_prefix() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons");
        let lesson = Lesson::find(&root, 3).unwrap();
        assert_eq!(lesson.resolve("08").unwrap().name, "08_layer_delta");
        assert_eq!(
            lesson.resolve("05_chain_rule").unwrap().name,
            "05_chain_rule"
        );
        let ambiguous = lesson.resolve("0").unwrap_err().to_string();
        assert!(
            ambiguous.contains("01_init_weights, 02_batch_loss"),
            "{ambiguous}"
        );
        let typo = lesson.resolve("05_chian_rule").unwrap_err().to_string();
        assert!(typo.contains("did you mean `05_chain_rule`?"), "{typo}");
        assert!(lesson.resolve("").is_err());
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
