//! The lecture as slides: live in JupyterLab with RISE, and as reveal.js
//! decks of the executed notebooks (`python/publish.py`, with nbconvert).
//!
//! Both read the same slideshow metadata of the notebooks'
//! cells (`metadata.slideshow.slide_type`), which follows one rule,
//! [`slide_type`], so a slide of a notebook is a slide of the lecture:
//!
//! | cell | slide type |
//! | --- | --- |
//! | markdown starting with a `#` or `##` heading | `slide`: the slide's title |
//! | markdown starting with a `###` heading or **Try it.** | `subslide`: a step of the slide |
//! | code | `fragment`: appears when the talk reaches it, runnable in RISE |
//! | other markdown | `-`: shown with what precedes it |
//!
//! A `#` or `##` heading anywhere but on a cell's first line would hide a
//! slide inside another, so [`metadata_problems`] reports it; it also
//! reports a notebook whose RISE settings do not let a long slide scroll or
//! pick a theme that loads web fonts (every theme but `white`).

use crate::setup::Environment;
use anyhow::{Context, Result};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The slide type the rule gives a cell (see the module's table).
pub fn slide_type(cell: &Value) -> &'static str {
    if cell["cell_type"] == "code" {
        return "fragment";
    }
    let source = source(cell);
    let first = source.trim_start().lines().next().unwrap_or_default();
    if first.starts_with("# ") || first.starts_with("## ") {
        "slide"
    } else if first.starts_with("### ") || first.starts_with("**Try it.**") {
        "subslide"
    } else {
        "-"
    }
}

/// A cell's source as one string (Jupyter stores it as a list of lines).
fn source(cell: &Value) -> String {
    match &cell["source"] {
        Value::Array(lines) => lines.iter().filter_map(Value::as_str).collect(),
        other => other.as_str().unwrap_or_default().to_owned(),
    }
}

/// Reads a notebook's JSON.
fn read(notebook: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(notebook)
        .with_context(|| format!("cannot read {}", notebook.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not valid JSON", notebook.display()))
}

/// The cells of a notebook's JSON.
fn cells(json: &Value) -> impl Iterator<Item = &Value> {
    json["cells"].as_array().into_iter().flatten()
}

/// What is wrong with a notebook's slideshow metadata: a cell whose slide
/// type is not the rule's, a `#`/`##` heading below a cell's first line,
/// RISE's `scroll` not on or its theme not `white`. Cells are counted from 1, markdown included.
///
/// # Errors
/// When the file cannot be read as JSON.
pub fn metadata_problems(notebook: &Path) -> Result<Vec<String>> {
    let json = read(notebook)?;
    let mut problems = Vec::new();
    if json["metadata"]["rise"]["scroll"] != Value::Bool(true) {
        problems.push("metadata.rise.scroll is not true".to_owned());
    }
    // RISE's default theme, "simple", loads web fonts; "white" has its own.
    if json["metadata"]["rise"]["theme"] != "white" {
        problems.push("metadata.rise.theme is not \"white\"".to_owned());
    }
    for (index, cell) in cells(&json).enumerate() {
        let number = index + 1;
        let expected = slide_type(cell);
        let found = cell["metadata"]["slideshow"]["slide_type"]
            .as_str()
            .unwrap_or("none");
        if found != expected {
            problems.push(format!(
                "cell {number}: slide type {found}, the rule says {expected}"
            ));
        }
        let hidden_heading = cell["cell_type"] == "markdown"
            && source(cell)
                .trim_start()
                .lines()
                .skip(1)
                .any(|line| line.starts_with("# ") || line.starts_with("## "));
        if hidden_heading {
            problems.push(format!(
                "cell {number}: a slide heading below the cell's first line"
            ));
        }
    }
    Ok(problems)
}

/// The titles of a notebook's `##` slides, in order: the slides of the
/// lecture it shows (the `#` title slide names the notebook itself).
///
/// # Errors
/// When the file cannot be read as JSON.
pub fn slide_titles(notebook: &Path) -> Result<Vec<String>> {
    let json = read(notebook)?;
    Ok(cells(&json)
        .filter(|cell| slide_type(cell) == "slide")
        .filter_map(|cell| {
            let source = source(cell);
            let first = source.trim_start().lines().next()?.to_owned();
            first
                .strip_prefix("## ")
                .map(|title| title.trim().to_owned())
        })
        .collect())
}

/// reveal.js in a folder of decks: the decks load it from there.
pub const REVEAL: &str = "reveal.js/dist/reveal.js";

/// Writes the slide decks of the `executed` notebooks (in the order given)
/// into `out`: `index.html` and one deck `NAME.html` per notebook.
///
/// # Errors
/// When there is no notebook, or nbconvert fails.
pub fn build(environment: &Environment, executed: &[PathBuf], out: &Path) -> Result<()> {
    crate::book::publish(environment, "slides.py", executed, out)
}

/// What is wrong with the decks in `out` of the `executed` notebooks: a
/// missing deck, a deck missing from the index, a deck with fewer slide
/// titles than its notebook, reveal.js or MathJax missing, anything loaded
/// from the network. Empty when the decks are complete.
///
/// # Errors
/// When an executed notebook or the folder cannot be read.
pub fn check(executed: &[PathBuf], out: &Path) -> Result<Vec<String>> {
    let mut problems = crate::book::offline_problems(out)?;
    if out.is_dir() && !out.join(REVEAL).is_file() {
        problems.push(format!("{REVEAL} is missing"));
    }
    let index = std::fs::read_to_string(out.join("index.html")).unwrap_or_default();
    if index.is_empty() {
        problems.push(format!("{} is missing", out.join("index.html").display()));
    }
    for notebook in executed {
        let name = crate::book::page_name(notebook);
        if !index.is_empty() && !index.contains(&format!("href=\"{name}\"")) {
            problems.push(format!("the index does not link to {name}"));
        }
        let Ok(deck) = std::fs::read_to_string(out.join(&name)) else {
            problems.push(format!("{name} is missing"));
            continue;
        };
        let titles = slide_titles(notebook)?.len();
        let shown = deck.matches("<h2 id=").count();
        if shown < titles {
            problems.push(format!(
                "{name} shows {shown} of the {titles} slide titles of its notebook"
            ));
        }
    }
    Ok(problems)
}
