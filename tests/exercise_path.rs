//! One exercise path: `lesson.toml` says which notebook teaches each
//! exercise, and everything else agrees with it — the runner's order (the
//! notebooks' order), each notebook's closing "You can now" list, its check
//! cell, and the start page's table.

mod common;

use common::workspace;
use course::Lesson;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The text of a cell.
fn source(cell: &Value) -> String {
    match &cell["source"] {
        Value::Array(lines) => lines.iter().filter_map(Value::as_str).collect(),
        other => other.as_str().unwrap_or_default().to_string(),
    }
}

/// The exercise names written between backticks in `text` (`NN_name`).
fn exercise_names(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|code| {
            let bytes = code.as_bytes();
            bytes.len() > 3
                && bytes[..2].iter().all(u8::is_ascii_digit)
                && bytes[2] == b'_'
                && code[3..]
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_')
        })
        .map(str::to_string)
        .collect()
}

/// The quoted names in a check cell: `check(3, &["a", "b"])`.
fn checked_names(code: &str) -> Vec<String> {
    code.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn notebooks(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ipynb"))
        .collect();
    files.sort();
    files
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn the_lesson_the_notebooks_and_the_start_page_name_the_same_exercises() {
    let workspace = workspace();
    let lesson = Lesson::find(&workspace.lessons(), 3).unwrap();
    let files = notebooks(&workspace.root().join("notebooks"));
    let start: Value = serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    assert_eq!(stem(&files[0]), "00-start-here");
    let table = start["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(source)
        .find(|text| text.contains("| Slide | Notebook |"))
        .expect("the start page's table");
    let mut in_notebook_order = Vec::new();
    for file in &files[1..] {
        let name = stem(file);
        let own: Vec<String> = lesson
            .exercises
            .iter()
            .filter(|e| e.notebook == name)
            .map(|e| e.name.clone())
            .collect();
        let notebook: Value =
            serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let cells = notebook["cells"].as_array().unwrap();
        let closing = cells
            .iter()
            .map(source)
            .filter_map(|text| {
                text.split_once("You can now")
                    .map(|(_, rest)| rest.to_string())
            })
            .next_back()
            .unwrap_or_else(|| panic!("{name} has no \"You can now\" list"));
        let listed = closing
            .split("\n\n")
            .take(2)
            .collect::<Vec<_>>()
            .join("\n\n");
        assert_eq!(
            exercise_names(&listed),
            own,
            "{name}: its \"You can now\" list"
        );
        let row = table
            .lines()
            .find(|line| line.contains(&format!("({name}.ipynb)")))
            .unwrap_or_else(|| panic!("the start page has no row for {name}"));
        let column = row.split('|').nth(3).unwrap();
        assert_eq!(exercise_names(column), own, "{name}: the start page's row");
        let last = cells.last().unwrap();
        let checks = source(last);
        if own.is_empty() {
            assert!(
                !checks.contains("exercises::check"),
                "{name} checks nothing"
            );
        } else {
            assert_eq!(last["cell_type"], "code", "{name} ends with its check cell");
            assert!(
                checks.contains("lecture::exercises::check(3, "),
                "{name}: {checks}"
            );
            assert_eq!(checked_names(&checks), own, "{name}: its check cell");
        }
        in_notebook_order.extend(own);
    }
    assert_eq!(
        lesson.names(),
        in_notebook_order,
        "the runner's order (`lab lesson 3 --list`) follows the notebooks"
    );
}
