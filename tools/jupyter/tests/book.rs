//! The book check against pages as nbconvert writes them: an SVG plot is an
//! `<img>` whose `src` is the SVG in base64 (the data URL below is copied
//! from nbconvert 7's output for this notebook's plot), a PNG plot its
//! stored base64.

use jupyter::book;
use std::path::{Path, PathBuf};

/// An executed notebook with an SVG plot (stored as a list of lines, as
/// Jupyter does) and a PNG plot.
const EXECUTED: &str = r##"{
 "cells": [
  {"cell_type": "markdown", "metadata": {}, "source": ["# T"]},
  {"cell_type": "code", "execution_count": 1, "metadata": {}, "source": ["svg"],
   "outputs": [{"output_type": "display_data", "metadata": {},
     "data": {"text/plain": "x", "image/svg+xml": ["<svg width=\"10\" height=\"10\" xmlns=\"http://www.w3.org/2000/svg\">",
       "<text x=\"1\" y=\"5\">hello &lt; α</text><circle cx=\"1\" cy=\"1\" r=\"1\"/></svg>"]}}]},
  {"cell_type": "code", "execution_count": 2, "metadata": {}, "source": ["png"],
   "outputs": [{"output_type": "display_data", "metadata": {},
     "data": {"image/png": "iVBORw0KGgo=\n"}}]}
 ],
 "metadata": {}, "nbformat": 4, "nbformat_minor": 5
}"##;

/// nbconvert's `src` for the SVG plot above.
const SVG_SRC: &str = "data:image/svg+xml;base64,PHN2ZyB3aWR0aD0iMTAiIGhlaWdodD0iMTAiIHhtbG5zPSJodHRwOi8vd3d3LnczLm9yZy8yMDAwL3N2ZyI+PHRleHQgeD0iMSIgeT0iNSI+aGVsbG8gJmx0OyDOsTwvdGV4dD48Y2lyY2xlIGN4PSIxIiBjeT0iMSIgcj0iMSIvPjwvc3ZnPg==";
const PNG_SRC: &str = "data:image/png;base64,iVBORw0KGgo=";

fn setup(dir: &Path) -> (Vec<PathBuf>, PathBuf) {
    let notebook = dir.join("01-t.ipynb");
    std::fs::write(&notebook, EXECUTED).unwrap();
    let out = dir.join("book");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::create_dir_all(out.join("mathjax")).unwrap();
    std::fs::write(out.join(book::MATHJAX), "").unwrap();
    std::fs::write(
        out.join("index.html"),
        r#"<li><a href="01-t.html">T</a></li>"#,
    )
    .unwrap();
    (vec![notebook], out)
}

fn page(srcs: &[&str]) -> String {
    srcs.iter()
        .map(|src| format!("<img alt=\"\" src=\"{src}\"/>\n"))
        .collect()
}

#[test]
fn the_plots_of_a_notebook_are_the_data_urls_nbconvert_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (executed, _) = setup(dir.path());
    let plots = book::plots(&executed[0]).unwrap();
    let srcs: Vec<&str> = plots.iter().map(|plot| plot.data_url.as_str()).collect();
    assert_eq!(srcs, [SVG_SRC, PNG_SRC]);
}

#[test]
fn a_complete_book_has_no_problem() {
    let dir = tempfile::tempdir().unwrap();
    let (executed, out) = setup(dir.path());
    std::fs::write(out.join("01-t.html"), page(&[SVG_SRC, PNG_SRC])).unwrap();
    assert_eq!(book::check(&executed, &out).unwrap(), Vec::<String>::new());
}

#[test]
fn a_missing_plot_page_or_contents_entry_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (executed, out) = setup(dir.path());
    std::fs::write(out.join("01-t.html"), page(&[PNG_SRC])).unwrap();
    assert_eq!(
        book::check(&executed, &out).unwrap(),
        ["01-t.html lacks 1 of the 2 plots its notebook produced"]
    );

    std::fs::remove_file(out.join("01-t.html")).unwrap();
    std::fs::write(out.join("index.html"), "<ol></ol>").unwrap();
    assert_eq!(
        book::check(&executed, &out).unwrap(),
        [
            "the contents do not link to 01-t.html",
            "01-t.html is missing"
        ]
    );
}

#[test]
fn a_book_without_mathjax_or_loading_from_the_network_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (executed, out) = setup(dir.path());
    let cdn = r#"<script src="https://cdn.example/MathJax.js"></script>"#;
    std::fs::write(out.join("01-t.html"), page(&[SVG_SRC, PNG_SRC]) + cdn).unwrap();
    std::fs::remove_file(out.join(book::MATHJAX)).unwrap();
    assert_eq!(
        book::check(&executed, &out).unwrap(),
        [
            "mathjax/tex-chtml-full.js is missing",
            "loads from the network: 01-t.html: https://cdn.example/MathJax.js"
        ]
    );
}
