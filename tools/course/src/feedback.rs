//! The feedback to send a student (`lab grade --feedback DIR`): one
//! Markdown file with every check, its points and its message, in the order
//! each exercise is built. Hidden checks are counted, never named.

use crate::grade::{ExerciseGrade, Grade, shares};
use crate::runner::points;
use crate::{Lesson, Outcome};

/// The Markdown feedback of one graded submission.
pub fn markdown(lesson: &Lesson, grade: &Grade) -> String {
    let mut text = format!(
        "# {}: lesson {}, {}\n\nScore: **{} / {}**\n",
        grade.name,
        lesson
            .dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .trim_start_matches("lesson-"),
        lesson.title,
        points(grade.score()),
        grade.max_score()
    );
    if !grade.notes.is_empty() {
        text += "\nAbout the files handed in:\n\n";
        for note in &grade.notes {
            text += &format!("- {note}\n");
        }
    }
    for graded in &grade.exercises {
        text += &exercise(graded);
    }
    text
}

/// The section of one exercise.
fn exercise(graded: &ExerciseGrade) -> String {
    let mut text = format!(
        "\n## {}: {} / {}\n\n{}\n",
        graded.report.exercise,
        points(graded.score),
        graded.max_score(),
        graded.summary()
    );
    let checks = match (&graded.report.outcome, &graded.refused) {
        (Outcome::Ran { checks }, None) => checks,
        (Outcome::CompileError { message }, None) => {
            return text + &format!("\n```text\n{}\n```\n", message.trim_end());
        }
        _ => return text,
    };
    text += "\n| | check | points | message |\n| --- | --- | --- | --- |\n";
    let public: Vec<_> = checks
        .iter()
        .filter(|c| !c.name.starts_with("hidden::"))
        .collect();
    for (check, share) in public.iter().zip(shares(graded.points, public.len())) {
        let (mark, earned) = if check.passed {
            ("✓", share)
        } else {
            ("✗", 0.0)
        };
        let message = check.message.as_deref().unwrap_or("passed");
        text += &format!(
            "| {mark} | `{}` | {} / {} | {} |\n",
            check.name,
            points(earned),
            points(share),
            cell(message)
        );
    }
    let hidden = checks.len() - public.len();
    if hidden > 0 {
        let passed = checks
            .iter()
            .filter(|c| c.name.starts_with("hidden::") && c.passed)
            .count();
        text += &format!(
            "\nHidden checks: {passed} of {hidden} pass ({} points); they are shown once grades are published.\n",
            graded.hidden_points
        );
    }
    text
}

/// `message` as one Markdown table cell.
fn cell(message: &str) -> String {
    message.replace('|', "\\|").replace('\n', " ")
}
