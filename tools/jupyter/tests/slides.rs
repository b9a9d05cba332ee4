//! The notebooks' slideshow metadata: every cell follows the rule of
//! `jupyter::slides`, and across the notebooks the slides are the lecture's.

use jupyter::slides;
use std::path::{Path, PathBuf};

/// The 18 content slides of lecture 3, titled as on the slides
/// (`shared/lecture/lecture-03-backpropagation.txt`); a slide shown in
/// several steps counts once, and "Minimizing Loss functions with gradient
/// descent" in two dimensions is titled by its subtitle.
const LECTURE_SLIDES: [&str; 18] = [
    "Questions about last lecture",
    "What did we achieve until now with our implementation?",
    "How can we optimize weights ?",
    "Minimizing Loss functions with gradient descent",
    "What about a linear loss function ?",
    "Extending to 2 dimensional Parameter Space",
    "Ways to determine the gradient",
    "Determining gradients with backprop",
    "Introducing the Chain Rule",
    "A more complicated example",
    "Using known derivatives as shortcuts",
    "Dealing with branches",
    "Exercise: What about max or average ?",
    "Computational Graphs & Backpropagation with Matrixes",
    "Backpropagation",
    "Backpropagation & Gradient descent",
    "Implementing a neural network with numpy",
    "Summary",
];

/// A title compared as a reader would: case and the space before a
/// question mark do not matter.
fn normalized(title: &str) -> String {
    title.replace(" ?", "?").to_lowercase()
}

fn notebooks() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../notebooks");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ipynb"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 11,
        "the lecture's notebooks in {}",
        dir.display()
    );
    files
}

#[test]
fn every_notebook_cell_has_the_slide_type_of_the_rule() {
    for notebook in notebooks() {
        let problems = slides::metadata_problems(&notebook).unwrap();
        assert!(problems.is_empty(), "{}: {problems:#?}", notebook.display());
    }
}

#[test]
fn the_notebooks_slides_are_the_lectures_18_slides() {
    let mut shown = Vec::new();
    for notebook in notebooks() {
        shown.extend(slides::slide_titles(&notebook).unwrap());
    }
    let shown: Vec<String> = shown.iter().map(|title| normalized(title)).collect();
    let missing: Vec<&str> = LECTURE_SLIDES
        .iter()
        .copied()
        .filter(|title| !shown.contains(&normalized(title)))
        .collect();
    assert!(missing.is_empty(), "no notebook has the slides {missing:?}");
}

/// A notebook with the given cells (JSON) and RISE metadata.
fn notebook(dir: &Path, cells: &str, rise: &str) -> PathBuf {
    let path = dir.join("t.ipynb");
    let text = format!(
        r#"{{"cells": [{cells}], "metadata": {{{rise}}}, "nbformat": 4, "nbformat_minor": 5}}"#
    );
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_cell_against_the_rule_a_hidden_heading_and_no_scrolling_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let good = r####"
        {"cell_type": "markdown", "metadata": {"slideshow": {"slide_type": "slide"}}, "source": ["## Backpropagation\n", "text"]},
        {"cell_type": "markdown", "metadata": {"slideshow": {"slide_type": "subslide"}}, "source": "### A step"},
        {"cell_type": "markdown", "metadata": {"slideshow": {"slide_type": "subslide"}}, "source": "**Try it.** Change α"},
        {"cell_type": "code", "metadata": {"slideshow": {"slide_type": "fragment"}}, "source": "let a = 1;", "outputs": []},
        {"cell_type": "markdown", "metadata": {"slideshow": {"slide_type": "-"}}, "source": "More text"}"####;
    let path = notebook(
        dir.path(),
        good,
        r#""rise": {"scroll": true, "theme": "white"}"#,
    );
    assert_eq!(
        slides::metadata_problems(&path).unwrap(),
        Vec::<String>::new()
    );
    assert_eq!(slides::slide_titles(&path).unwrap(), ["Backpropagation"]);

    let bad = r####"
        {"cell_type": "markdown", "metadata": {"slideshow": {"slide_type": "-"}}, "source": "## A slide"},
        {"cell_type": "code", "metadata": {}, "source": "let a = 1;", "outputs": []},
        {"cell_type": "markdown", "metadata": {"slideshow": {"slide_type": "-"}}, "source": "Text\n\n## Summary"}"####;
    let path = notebook(dir.path(), bad, "");
    assert_eq!(
        slides::metadata_problems(&path).unwrap(),
        [
            "metadata.rise.scroll is not true",
            "metadata.rise.theme is not \"white\"",
            "cell 1: slide type -, the rule says slide",
            "cell 2: slide type none, the rule says fragment",
            "cell 3: a slide heading below the cell's first line",
        ]
    );
}
