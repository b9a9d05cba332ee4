//! Hints lead, they do not give: no hint of lesson 3 holds a line of its
//! reference solutions, nor quotes code (between backticks) out of one.
//! Lines are compared with every whitespace removed; a solution line that the
//! student's stub has too (a signature, a `use`) or that is too short to give
//! anything away (`}`, `.collect()`) is not counted.

use course::Lesson;
use std::collections::HashSet;
use std::path::Path;

/// Solution lines shorter than this (without whitespace) give nothing away.
const SHORTEST: usize = 12;

/// A line without whitespace and without the punctuation that ends it.
fn normalised(line: &str) -> String {
    let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    squeezed.trim_end_matches([';', ',', '{']).to_string()
}

/// The lines of `text` that could give a solution away: normalised, not
/// comments, not in `known` (the stub's lines), long enough.
fn telling_lines(text: &str, known: &HashSet<String>) -> Vec<String> {
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .map(normalised)
        .filter(|line| line.chars().count() >= SHORTEST && !known.contains(line))
        .collect()
}

/// The code a hint quotes between backticks, normalised, when long enough
/// to give something away.
fn code_spans(hint: &str) -> Vec<String> {
    hint.split('`')
        .skip(1)
        .step_by(2)
        .map(normalised)
        .filter(|code| code.chars().count() >= SHORTEST)
        .collect()
}

/// Every (exercise, solution line or quoted code) that a hint of `lesson` holds.
fn leaked_lines(lesson: &Lesson) -> Vec<(String, String)> {
    let mut leaks = Vec::new();
    for exercise in &lesson.exercises {
        let read = |path: &Path| std::fs::read_to_string(path).unwrap_or_default();
        let stub: HashSet<String> = read(&lesson.exercise_file(&exercise.name))
            .lines()
            .map(normalised)
            .collect();
        let solution = read(&lesson.solution_file(&exercise.name));
        let hint: Vec<String> = exercise.hint.lines().map(normalised).collect();
        let telling = telling_lines(&solution, &stub);
        for line in &telling {
            if hint.iter().any(|h| h.contains(line.as_str())) {
                leaks.push((exercise.name.clone(), line.clone()));
            }
        }
        for quoted in code_spans(&exercise.hint) {
            let leak = (exercise.name.clone(), quoted);
            if telling.iter().any(|line| line.contains(&leak.1)) && !leaks.contains(&leak) {
                leaks.push(leak);
            }
        }
    }
    leaks
}

#[test]
fn no_hint_holds_a_line_of_a_reference_solution() {
    let lessons = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons");
    let lesson = Lesson::find(&lessons, 3).unwrap();
    assert!(
        lesson
            .exercises
            .iter()
            .all(|e| lesson.solution_file(&e.name).is_file()),
        "every exercise has its reference solution"
    );
    let leaks = leaked_lines(&lesson);
    assert!(
        leaks.is_empty(),
        "hints that hold a solution's line: {leaks:#?}"
    );
}

#[test]
fn a_hint_that_quotes_its_solution_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["exercises", "solutions", "checks"] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
    }
    let signature = "pub fn step(theta: f64, gradient: f64, learning_rate: f64) -> f64 {";
    let stub = format!("{signature}\n    todo!()\n}}\n");
    let solution = format!("{signature}\n    theta - learning_rate * gradient\n}}\n");
    std::fs::write(dir.path().join("exercises/01_step.rs"), stub).unwrap();
    std::fs::write(dir.path().join("solutions/01_step.rs"), solution).unwrap();
    let manifest = |hint: &str| {
        format!(
            "title = \"t\"\n[[exercise]]\nname = \"01_step\"\nnotebook = \"01-a\"\n\
             slide = \"s\"\npoints = 1\nhint = \"{hint}\"\n"
        )
    };
    std::fs::write(
        dir.path().join("lesson.toml"),
        manifest("It is `theta - learning_rate*gradient`."),
    )
    .unwrap();
    let lesson = Lesson::load(dir.path()).unwrap();
    assert_eq!(
        leaked_lines(&lesson),
        [(
            "01_step".to_string(),
            "theta-learning_rate*gradient".to_string()
        )]
    );
    std::fs::write(
        dir.path().join("lesson.toml"),
        manifest("Use `learning_rate * gradient` here."),
    )
    .unwrap();
    assert_eq!(
        leaked_lines(&Lesson::load(dir.path()).unwrap()),
        [("01_step".to_string(), "learning_rate*gradient".to_string())]
    );
    std::fs::write(
        dir.path().join("lesson.toml"),
        manifest("θ moves against the gradient."),
    )
    .unwrap();
    assert!(leaked_lines(&Lesson::load(dir.path()).unwrap()).is_empty());
}
