//! The answer of `lab lesson N check NAME…`: one row per exercise with ✔ or
//! ✘, its points and its first problem on one line, as plain text for a
//! terminal or as an HTML table for a notebook's check cell.

use crate::runner::points;
use crate::{Exercise, Report};

/// How the rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned plain text, one line per exercise.
    Text,
    /// An HTML `<table>`, for a notebook cell (evcxr shows it as HTML).
    Html,
}

/// One row: the exercise, whether it passes, its points and the first problem.
struct Row<'a> {
    name: &'a str,
    passed: bool,
    points: String,
    problem: String,
}

fn rows<'a>(checked: &'a [(&'a Exercise, Report)]) -> Vec<Row<'a>> {
    checked
        .iter()
        .map(|(exercise, report)| Row {
            name: &exercise.name,
            passed: report.passed(),
            points: format!(
                "{}/{}",
                points(report.score(exercise.points)),
                exercise.points
            ),
            problem: report.first_problem().unwrap_or_default(),
        })
        .collect()
}

/// The table of the `checked` exercises, each with its report.
///
/// ```
/// use course::table::{render, Format};
/// use course::{CheckResult, Exercise, Outcome, Report};
/// let exercise = Exercise {
///     name: "05_chain_rule".into(), notebook: "05-backprop-chain-rule".into(),
///     slide: "s".into(), points: 3, hint: "h".into(),
/// };
/// let failing = CheckResult { name: "forward".into(), passed: false, message: Some("a < b".into()) };
/// let report = Report { exercise: "05_chain_rule".into(), outcome: Outcome::Ran { checks: vec![failing] } };
/// let text = render(&[(&exercise, report.clone())], Format::Text);
/// assert!(text.starts_with("✘ 05_chain_rule") && text.contains("0/3") && text.contains("forward: a < b"));
/// let html = render(&[(&exercise, report)], Format::Html);
/// assert!(html.contains("<td>✘</td>") && html.contains("forward: a &lt; b"));
/// ```
pub fn render(checked: &[(&Exercise, Report)], format: Format) -> String {
    let rows = rows(checked);
    match format {
        Format::Text => rows
            .iter()
            .map(|row| {
                let line = format!(
                    "{} {:<22} {:>7} pts  {}",
                    mark(row.passed),
                    row.name,
                    row.points,
                    row.problem
                );
                format!("{}\n", line.trim_end())
            })
            .collect(),
        Format::Html => {
            let mut html = String::from(
                "<table>\n<thead><tr><th>exercise</th><th>passes</th><th>points</th>\
                 <th>first problem</th></tr></thead>\n<tbody>\n",
            );
            for row in &rows {
                html += &format!(
                    "<tr data-passed=\"{}\"><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                    row.passed,
                    escape(row.name),
                    mark(row.passed),
                    row.points,
                    escape(&row.problem)
                );
            }
            html + "</tbody>\n</table>\n"
        }
    }
}

fn mark(passed: bool) -> &'static str {
    if passed { "✔" } else { "✘" }
}

/// `text` with the characters HTML gives a meaning escaped.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
