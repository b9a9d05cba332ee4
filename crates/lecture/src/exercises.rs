//! The check cell that ends every notebook with exercises: it checks them
//! with the course's own checker, as `cargo lab lesson 3 check NAME…` does in
//! a terminal, and shows a table inline — each exercise with ✔ or ✘, its
//! points and its first problem.
//!
//! The checker is the course tool, run as a child process (`cargo lab`, from
//! the workspace this crate lies in), so the notebooks never load it: a
//! kernel stays as fast as before.

use std::path::Path;
use std::process::Command;

/// The answer of the checker for some exercises, shown as an HTML table.
#[derive(Debug, Clone)]
pub struct Checks {
    html: String,
}

impl Checks {
    /// How many exercises were checked (the table's rows).
    pub fn rows(&self) -> usize {
        self.html.matches("<tr data-passed=").count()
    }

    /// How many of them pass every check.
    pub fn passed(&self) -> usize {
        self.html.matches("<tr data-passed=\"true\"").count()
    }

    /// The table as HTML.
    pub fn html(&self) -> &str {
        &self.html
    }

    /// Shows the table as the cell's output (evcxr calls this for the last
    /// expression of a cell).
    pub fn evcxr_display(&self) {
        println!(
            "EVCXR_BEGIN_CONTENT text/html\n{}\nEVCXR_END_CONTENT",
            self.html
        );
    }
}

/// Checks the exercises `names` of lesson `lesson` with `cargo lab lesson
/// LESSON check NAMES --format html`. Failing exercises are an answer, not
/// an error.
///
/// # Errors
/// When cargo cannot run or the checker answers nothing (its message then).
pub fn check(lesson: u32, names: &[&str]) -> std::io::Result<Checks> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let output = Command::new("cargo")
        .args(["lab", "lesson", &lesson.to_string(), "check"])
        .args(names)
        .args(["--format", "html"])
        .current_dir(&workspace)
        .output()?;
    let html = String::from_utf8_lossy(&output.stdout).into_owned();
    if !html.contains("<table>") {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(std::io::Error::other(format!(
            "`cargo lab lesson {lesson} check` answered nothing: {}",
            stderr.trim()
        )));
    }
    Ok(Checks { html })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_passes_are_counted_from_the_table() {
        let html = "<table>\n<tbody>\n<tr data-passed=\"true\"><td>a</td></tr>\n\
                    <tr data-passed=\"false\"><td>b</td></tr>\n</tbody>\n</table>\n"
            .to_string();
        let checks = Checks { html };
        assert_eq!((checks.rows(), checks.passed()), (2, 1));
    }
}
