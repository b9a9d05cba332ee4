//! What happened to one exercise: the result of each check, the points it
//! earns, and one line on its first problem.

use serde::{Deserialize, Serialize};
use std::path::Path;

/// Longest one-line explanation of a failure.
const LINE: usize = 300;

/// The result of one check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckResult {
    /// The test's name inside its module, prefixed `hidden::` for hidden checks.
    pub name: String,
    /// Whether it passed.
    pub passed: bool,
    /// For a failure: one line saying why (expected vs got, a timeout, a crash).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// What happened to one exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// The exercise file does not exist.
    Missing,
    /// rustc rejected the exercise (or its checks); `message` is rustc's output.
    CompileError {
        /// rustc's diagnostics (capped).
        message: String,
    },
    /// The exercise compiled but its checks could not be run or listed.
    Broken {
        /// Why.
        message: String,
    },
    /// The checks ran.
    Ran {
        /// One result per check, in name order.
        checks: Vec<CheckResult>,
    },
}

/// The report on one exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The exercise's name.
    pub exercise: String,
    /// What happened.
    pub outcome: Outcome,
}

impl Report {
    /// (passing checks, all checks); (0, 0) when the checks did not run.
    pub fn counts(&self) -> (usize, usize) {
        match &self.outcome {
            Outcome::Ran { checks } => (checks.iter().filter(|c| c.passed).count(), checks.len()),
            _ => (0, 0),
        }
    }

    /// Whether the checks ran and every one passed.
    pub fn passed(&self) -> bool {
        let (passed, total) = self.counts();
        total > 0 && passed == total
    }

    /// The share of `points` earned: points × passing / all checks.
    ///
    /// ```
    /// use course::{CheckResult, Outcome, Report};
    /// let check = |passed| CheckResult { name: "c".into(), passed, message: None };
    /// let report = Report {
    ///     exercise: "05_chain_rule".into(),
    ///     outcome: Outcome::Ran { checks: vec![check(true), check(true), check(false)] },
    /// };
    /// assert_eq!(report.score(3), 2.0); // 2 of 3 checks pass: 2 of 3 points
    /// assert!(!report.passed());
    /// ```
    pub fn score(&self, points: u32) -> f64 {
        let (passed, total) = self.counts();
        if total == 0 {
            0.0
        } else {
            f64::from(points) * passed as f64 / total as f64
        }
    }

    /// Removes `prefix` (a scratch or working folder) from the paths quoted in
    /// rustc's output and the failure messages, so they read `exercises/NAME.rs`.
    pub fn strip_prefix(&mut self, prefix: &Path) {
        let mut prefix = crate::process::absolute(prefix)
            .to_string_lossy()
            .into_owned();
        if !prefix.ends_with(std::path::MAIN_SEPARATOR) {
            prefix.push(std::path::MAIN_SEPARATOR);
        }
        match &mut self.outcome {
            Outcome::CompileError { message } | Outcome::Broken { message } => {
                *message = message.replace(&prefix, "");
            }
            Outcome::Ran { checks } => {
                for message in checks.iter_mut().filter_map(|c| c.message.as_mut()) {
                    *message = message.replace(&prefix, "");
                }
            }
            Outcome::Missing => {}
        }
    }

    /// One line on what is wrong first, or `None` when everything passed.
    pub fn first_problem(&self) -> Option<String> {
        match &self.outcome {
            Outcome::Missing => Some(format!("{}.rs is missing", self.exercise)),
            Outcome::CompileError { message } => {
                Some(format!("compile error: {}", compile_summary(message)))
            }
            Outcome::Broken { message } => Some(message.clone()),
            Outcome::Ran { checks } => checks
                .iter()
                .find(|c| !c.passed)
                .map(|c| format!("{}: {}", c.name, c.message.as_deref().unwrap_or("failed"))),
        }
    }
}

/// The first error of rustc's output on one line, with its location:
/// `error[E0308]: mismatched types (02_batch_loss.rs:12:5)`.
pub fn compile_summary(message: &str) -> String {
    let mut lines = message.lines();
    let Some(error) = lines.by_ref().find(|l| l.starts_with("error")) else {
        return truncate(message.lines().next().unwrap_or("rustc failed"));
    };
    let location = lines
        .next()
        .and_then(|l| l.trim_start().strip_prefix("--> "))
        .map(|l| {
            let file = Path::new(l)
                .file_name()
                .map_or(l.into(), |f| f.to_string_lossy());
            format!(" ({file})")
        })
        .unwrap_or_default();
    truncate(&format!("{error}{location}"))
}

/// `line` cut to [`LINE`] characters, with `…` when cut.
pub(crate) fn truncate(line: &str) -> String {
    match line.char_indices().nth(LINE) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_string(),
    }
}
