//! Which mutants the checks killed, the survivors with their diffs, and the
//! allow-list of equivalent mutants with the reason each one cannot be killed.

use crate::Error;
use serde::Deserialize;
use std::path::Path;

/// The share of the mutants the checks of every exercise must kill (those that
/// compile and are not equivalent).
pub const TARGET: f64 = 0.95;

/// What the checks did with one mutant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// At least one check failed (or timed out, or crashed).
    Killed,
    /// Every check passed: the checks cannot tell this mutant from the solution.
    Survived,
    /// The mutant does not compile; it says nothing about the checks.
    Unviable,
}

/// A mutant that no check can reject, because it computes the same thing.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Equivalent {
    /// The exercise's name.
    pub exercise: String,
    /// The mutant's description, as the report prints it.
    pub mutant: String,
    /// Why it computes the same as the solution.
    pub reason: String,
}

/// The allow-list file of a lesson, `mutants.toml`:
///
/// ```toml
/// [[equivalent]]
/// exercise = "07_max_average"
/// mutant = "max_backward: replace `>=` with `>` in `a >= b`"
/// reason = "…"
/// ```
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AllowList {
    /// The equivalent mutants.
    #[serde(default)]
    pub equivalent: Vec<Equivalent>,
}

impl AllowList {
    /// Reads the allow-list at `path`; a missing file is an empty list.
    ///
    /// # Errors
    /// [`Error::Read`] when the file exists but cannot be read, [`Error::AllowList`]
    /// when it is not a valid list.
    pub fn load(path: &Path) -> Result<AllowList, Error> {
        if !path.exists() {
            return Ok(AllowList::default());
        }
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        toml::from_str(&text).map_err(|error| Error::AllowList {
            path: path.to_path_buf(),
            message: error.message().to_string(),
        })
    }

    /// The reason given for the mutant `description` of `exercise`, if listed.
    pub fn reason(&self, exercise: &str, description: &str) -> Option<&str> {
        self.equivalent
            .iter()
            .find(|e| e.exercise == exercise && e.mutant == description)
            .map(|e| e.reason.as_str())
    }
}

/// A mutant that every check passed.
#[derive(Debug, Clone, PartialEq)]
pub struct Survivor {
    /// The mutant's description.
    pub description: String,
    /// The unified diff from the solution to the mutant.
    pub diff: String,
    /// The allow-list's reason, when it is an equivalent mutant.
    pub reason: Option<String>,
}

/// The mutation testing of one exercise's checks.
#[derive(Debug, Clone, PartialEq)]
pub struct ExerciseSummary {
    /// The exercise's name.
    pub exercise: String,
    /// Mutants the checks rejected.
    pub killed: usize,
    /// Mutants that did not compile (not counted in the rate).
    pub unviable: usize,
    /// Mutants every check passed.
    pub survivors: Vec<Survivor>,
}

impl ExerciseSummary {
    /// The mutation score: killed mutants over the compiling ones that are not
    /// listed as equivalent (those cannot be killed); 1 when there are none.
    ///
    /// ```
    /// use mutants::{ExerciseSummary, Survivor};
    /// let survivor = |reason: Option<&str>| Survivor {
    ///     description: "d".into(),
    ///     diff: String::new(),
    ///     reason: reason.map(str::to_string),
    /// };
    /// let summary = ExerciseSummary {
    ///     exercise: "03_gradient_descent".into(),
    ///     killed: 19,
    ///     unviable: 4,
    ///     survivors: vec![survivor(None), survivor(Some("α·grad = grad·α"))],
    /// };
    /// assert_eq!(summary.rate(), 0.95); // 19 of 20: the equivalent one is not counted
    /// ```
    pub fn rate(&self) -> f64 {
        let killable = self.killed + self.survivors.iter().filter(|s| s.reason.is_none()).count();
        if killable == 0 {
            1.0
        } else {
            self.killed as f64 / killable as f64
        }
    }
}

/// The mutation testing of a lesson.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The lesson folder's name, `lesson-3`.
    pub lesson: String,
    /// One summary per exercise, in the manifest's order.
    pub exercises: Vec<ExerciseSummary>,
    /// Allow-list entries that match no surviving mutant (killed now, or renamed).
    pub stale: Vec<Equivalent>,
}

impl Summary {
    /// What to print: per exercise the kill rate, then each equivalent
    /// survivor with its reason (and its diff when `diffs`); the survivors
    /// without a reason are counted here and shown in [`Summary::problems`].
    pub fn lines(&self, diffs: bool) -> Vec<String> {
        let mut lines = Vec::new();
        for exercise in &self.exercises {
            let unexplained = exercise
                .survivors
                .iter()
                .filter(|s| s.reason.is_none())
                .count();
            let equivalent = exercise.survivors.len() - unexplained;
            lines.push(format!(
                "{}: {}: {} of {} mutants killed ({:.1} %), {equivalent} equivalent, {} did not compile",
                self.lesson,
                exercise.exercise,
                exercise.killed,
                exercise.killed + unexplained,
                100.0 * exercise.rate(),
                exercise.unviable,
            ));
            for survivor in &exercise.survivors {
                let Some(reason) = &survivor.reason else {
                    continue;
                };
                lines.push(format!(
                    "    survives, equivalent: {}: {reason}",
                    survivor.description
                ));
                if diffs {
                    lines.push(indent(&survivor.diff));
                }
            }
        }
        lines
    }

    /// One line (with a diff) per problem: a survivor without a reason, an
    /// exercise below the target rate, a stale allow-list entry.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for exercise in &self.exercises {
            let name = &exercise.exercise;
            for survivor in exercise.survivors.iter().filter(|s| s.reason.is_none()) {
                problems.push(format!(
                    "{}: {name}: a mutant survives the checks: {}\n{}",
                    self.lesson,
                    survivor.description,
                    indent(&survivor.diff)
                ));
            }
            if exercise.rate() < TARGET {
                problems.push(format!(
                    "{}: {name}: the checks kill {:.1} % of the mutants, fewer than {:.0} %",
                    self.lesson,
                    100.0 * exercise.rate(),
                    100.0 * TARGET
                ));
            }
        }
        for entry in &self.stale {
            problems.push(format!(
                "{}: mutants.toml lists `{}` of {} as equivalent, but no such mutant survives",
                self.lesson, entry.mutant, entry.exercise
            ));
        }
        problems
    }
}

/// The unified diff from `original` to `mutant`, with one line of context.
///
/// ```
/// let diff = mutants::diff("solutions/a.rs", "fn f() -> f64 {\n    1.0 + 2.0\n}\n", "fn f() -> f64 {\n    1.0 - 2.0\n}\n");
/// assert!(diff.contains("-    1.0 + 2.0\n+    1.0 - 2.0\n"));
/// ```
pub fn diff(name: &str, original: &str, mutant: &str) -> String {
    similar::TextDiff::from_lines(original, mutant)
        .unified_diff()
        .context_radius(1)
        .header(name, "mutant")
        .to_string()
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("        {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(reason: Option<&str>, killed: usize) -> Summary {
        Summary {
            lesson: "lesson-3".into(),
            exercises: vec![ExerciseSummary {
                exercise: "07_max_average".into(),
                killed,
                unviable: 1,
                survivors: vec![Survivor {
                    description: "max_backward: replace `>=` with `>` in `a >= b`".into(),
                    diff: diff("solutions/07.rs", "a >= b\n", "a > b\n"),
                    reason: reason.map(str::to_string),
                }],
            }],
            stale: Vec::new(),
        }
    }

    #[test]
    fn an_unexplained_survivor_is_a_problem_with_its_diff() {
        let problems = summary(None, 30).problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("a mutant survives the checks: max_backward"));
        assert!(problems[0].contains("-a >= b") && problems[0].contains("+a > b"));
        // 30 of 31 killed is above 95 %: no problem with the rate.
        let problems = summary(None, 10).problems();
        assert!(problems[1].contains("the checks kill 90.9 % of the mutants, fewer than 95 %"));
    }

    #[test]
    fn an_equivalent_survivor_is_listed_with_its_reason_and_not_counted() {
        let summary = summary(Some("a tie never reaches max_backward"), 3);
        assert!(summary.problems().is_empty());
        assert_eq!(summary.exercises[0].rate(), 1.0);
        let lines = summary.lines(false);
        assert_eq!(
            lines[0],
            "lesson-3: 07_max_average: 3 of 3 mutants killed (100.0 %), 1 equivalent, 1 did not compile"
        );
        assert!(lines[1].ends_with(": a tie never reaches max_backward"));
        assert_eq!(lines.len(), 2);
        assert!(summary.lines(true)[2].contains("+a > b"));
    }

    #[test]
    fn the_allow_list_is_read_and_a_stale_entry_is_a_problem() {
        let dir = std::env::temp_dir().join(format!("mutants-allow-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("mutants.toml");
        std::fs::write(
            &path,
            "[[equivalent]]\nexercise = \"e\"\nmutant = \"m\"\nreason = \"r\"\n",
        )
        .unwrap();
        let allow = AllowList::load(&path).unwrap();
        assert_eq!(allow.reason("e", "m"), Some("r"));
        assert_eq!(allow.reason("e", "other"), None);
        std::fs::write(&path, "[[equivalent]]\nexercise = 3\n").unwrap();
        assert!(matches!(
            AllowList::load(&path),
            Err(Error::AllowList { .. })
        ));
        assert!(
            AllowList::load(&dir.join("none.toml"))
                .unwrap()
                .equivalent
                .is_empty()
        );
        std::fs::remove_dir_all(&dir).unwrap();
        let mut stale = summary(None, 1);
        stale.exercises.clear();
        stale.stale = allow_entry();
        assert!(
            stale.problems()[0]
                .contains("lists `m` of e as equivalent, but no such mutant survives")
        );
    }

    fn allow_entry() -> Vec<Equivalent> {
        vec![Equivalent {
            exercise: "e".into(),
            mutant: "m".into(),
            reason: "r".into(),
        }]
    }
}
