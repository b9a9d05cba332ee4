//! rustc's output cut to what concerns the student: the diagnostics and
//! notes located in their file or in the public checks, not the notes from
//! inside the standard library or ndarray, and never a line of a hidden check.

use crate::CheckModule;
use crate::process::absolute;
use std::path::Path;

/// What a hidden check that does not compile with the student's file says
/// instead of its source.
pub(crate) const HIDDEN: &str = "error: a hidden check does not compile with this file: \
     are the names and types of its public items as in the exercise?";

/// rustc's `output` on `exercise` and its `checks`, cut to the diagnostics
/// in these files (see the module's documentation); with `hide`, a
/// diagnostic in a hidden checks file becomes the one line [`HIDDEN`].
pub(crate) fn concerning(
    output: &str,
    exercise: &Path,
    checks: &[CheckModule],
    hide: bool,
) -> String {
    let path = |p: &Path| absolute(p).to_string_lossy().into_owned();
    let (hidden, public): (Vec<&CheckModule>, Vec<&CheckModule>) =
        checks.iter().partition(|c| hide && c.module != "checks");
    let mut shown = vec![path(exercise)];
    shown.extend(public.iter().map(|c| path(&c.path)));
    let hidden: Vec<String> = hidden.iter().map(|c| path(&c.path)).collect();
    let mut kept: Vec<String> = Vec::new();
    for diagnostic in split(output, starts_diagnostic) {
        let joined = diagnostic.join("\n");
        let sections = split(&joined, starts_section);
        let located = |section: &[&str], paths: &[String]| {
            location(section).is_some_and(|l| paths.iter().any(|p| l.starts_with(p.as_str())))
        };
        if sections.first().is_some_and(|s| located(s, &hidden)) {
            if !kept.iter().any(|k| k == HIDDEN) {
                kept.push(HIDDEN.to_string());
            }
            continue;
        }
        let text: Vec<&str> = sections
            .iter()
            .enumerate()
            .filter(|(i, s)| *i == 0 || location(s).is_none() || located(s, &shown))
            .flat_map(|(i, s)| {
                // A diagnostic located elsewhere keeps its first line only.
                let whole = i > 0 || location(s).is_none() || located(s, &shown);
                s.iter().take(if whole { s.len() } else { 1 }).copied()
            })
            .collect();
        kept.push(text.join("\n").trim_end().to_string());
    }
    if kept.is_empty() {
        return output.to_string();
    }
    kept.join("\n\n") + "\n"
}

/// A line that starts a diagnostic: `error…` or `warning…` at the margin,
/// but not rustc's closing summary.
fn starts_diagnostic(line: &str) -> bool {
    (line.starts_with("error") || line.starts_with("warning")) && !closing(line)
}

/// rustc's closing lines, which say nothing about the code.
fn closing(line: &str) -> bool {
    line.starts_with("error: aborting due to")
        || line.starts_with("warning: ") && line.ends_with(" emitted")
        || line.starts_with("Some errors have detailed explanations")
        || line.starts_with("For more information about")
}

/// A line that starts a part of a diagnostic located on its own: a note or
/// help at the margin, or a span in another file (`::: path`).
fn starts_section(line: &str) -> bool {
    line.starts_with("note") || line.starts_with("help") || line.trim_start().starts_with("::: ")
}

/// `text` cut before every line for which `starts` holds; lines before the
/// first such line and closing lines are dropped.
fn split(text: &str, starts: fn(&str) -> bool) -> Vec<Vec<&str>> {
    let mut parts: Vec<Vec<&str>> = Vec::new();
    for line in text.lines() {
        if closing(line) {
            continue;
        }
        if starts(line) || parts.is_empty() {
            parts.push(Vec::new());
        }
        if let Some(part) = parts.last_mut() {
            part.push(line);
        }
    }
    parts
}

/// The file a section points at: its first `--> path` or `::: path`.
fn location<'a>(section: &[&'a str]) -> Option<&'a str> {
    section.iter().find_map(|line| {
        let line = line.trim_start();
        line.strip_prefix("--> ")
            .or_else(|| line.strip_prefix("::: "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    const OUTPUT: &str = "error[E0308]: mismatched types
  --> /s/exercises/02_x.rs:12:5
   |
12 |     total
   |     ^^^^^ expected `f64`, found `i32`
   |
note: method defined here
  --> /rustc/abc/library/core/src/iter/traits/iterator.rs:3000:5
   |
3000 |     fn sum<S>(self) -> S
   |        ^^^
help: you can convert an `i32` to an `f64`
   |
12 |     f64::from(total)
   |
error[E0425]: cannot find function `secret_helper` in this scope
 --> /h/hidden/02_x.rs:4:13
  |
4 |     let x = secret_helper(the_answer_is_42);
  |             ^^^^^^^^^^^^^ not found in this scope

error: aborting due to 2 previous errors

For more information about an error, try `rustc --explain E0308`.
";

    #[test]
    fn only_what_concerns_the_student_is_kept() {
        let checks = [
            CheckModule {
                module: "checks",
                path: PathBuf::from("/s/checks/02_x.rs"),
            },
            CheckModule {
                module: "hidden",
                path: PathBuf::from("/h/hidden/02_x.rs"),
            },
        ];
        let exercise = Path::new("/s/exercises/02_x.rs");
        let instructor = concerning(OUTPUT, exercise, &checks, false);
        assert!(instructor.contains("secret_helper") && !instructor.contains("fn sum<S>"));
        let cut = concerning(OUTPUT, exercise, &checks, true);
        assert!(
            cut.starts_with("error[E0308]: mismatched types\n  --> /s/exercises/02_x.rs:12:5"),
            "{cut}"
        );
        assert!(cut.contains("help: you can convert"), "{cut}");
        for gone in [
            "library/core",
            "fn sum<S>",
            "secret_helper",
            "the_answer_is_42",
            "aborting",
        ] {
            assert!(!cut.contains(gone), "`{gone}` in:\n{cut}");
        }
        assert!(cut.contains(HIDDEN), "{cut}");
    }
}
