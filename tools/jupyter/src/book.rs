//! The lecture as a static HTML book: one page per executed notebook, its
//! plots inline, and a table of contents in the lecture's order
//! (`python/book.py`, with nbconvert).
//!
//! [`check`] reads the book back: every page is there, listed in the
//! contents, and holds every plot its notebook produced.

use crate::setup::Environment;
use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Writes the book of the `executed` notebooks (in the order given) into
/// `out`: `index.html` and one `NAME.html` per notebook.
///
/// # Errors
/// When there is no notebook, or nbconvert fails.
pub fn build(environment: &Environment, executed: &[PathBuf], out: &Path) -> Result<()> {
    publish(environment, "book.py", executed, out)
}

/// Runs one of the tool's publishing scripts (`book.py`, `slides.py`) on
/// the `executed` notebooks, writing into `out`.
///
/// # Errors
/// When there is no notebook, or the script fails.
pub(crate) fn publish(
    environment: &Environment,
    script: &str,
    executed: &[PathBuf],
    out: &Path,
) -> Result<()> {
    if executed.is_empty() {
        bail!("no executed notebook to publish");
    }
    let mut command = environment.python();
    command
        .arg(environment.script(script))
        .arg("--out")
        .arg(out)
        .args(executed);
    crate::output_of(&mut command, || {
        format!("nbconvert could not write {}", out.display())
    })?;
    Ok(())
}

/// The page of `notebook` in a book: `NAME.html`.
pub fn page_name(notebook: &Path) -> String {
    let stem = notebook.file_stem().unwrap_or_default().to_string_lossy();
    format!("{stem}.html")
}

/// One plot of an executed notebook: its MIME type and how a page shows
/// it, the `src` of an `<img>` (nbconvert inlines every image as a data URL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plot {
    /// `image/svg+xml` or `image/png`.
    pub mime: String,
    /// `data:MIME;base64,…`.
    pub data_url: String,
}

/// The plots an executed notebook shows, in order.
///
/// # Errors
/// When the file cannot be read as a notebook.
pub fn plots(notebook: &Path) -> Result<Vec<Plot>> {
    let text = std::fs::read_to_string(notebook)
        .with_context(|| format!("cannot read {}", notebook.display()))?;
    let json: Value = serde_json::from_str(&text)
        .with_context(|| format!("{} is not valid JSON", notebook.display()))?;
    let outputs = json["cells"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|cell| cell["outputs"].as_array().into_iter().flatten());
    let mut plots = Vec::new();
    for data in outputs.filter_map(|output| output["data"].as_object()) {
        for (mime, value) in data.iter().filter(|(mime, _)| mime.starts_with("image/")) {
            // Jupyter stores long strings as a list of lines.
            let text = match value {
                Value::Array(lines) => lines.iter().filter_map(Value::as_str).collect(),
                other => other.as_str().unwrap_or_default().to_owned(),
            };
            let base64 = if mime == "image/svg+xml" {
                base64(text.as_bytes())
            } else {
                text.split_whitespace().collect()
            };
            plots.push(Plot {
                mime: mime.clone(),
                data_url: format!("data:{mime};base64,{base64}"),
            });
        }
    }
    Ok(plots)
}

/// Standard base64 with padding (RFC 4648), as nbconvert writes data URLs.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let word = chunk.iter().enumerate().fold(0u32, |word, (i, &byte)| {
            word | u32::from(byte) << (16 - 8 * i)
        });
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(word >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// What is wrong with the book in `out` of the `executed` notebooks: a
/// missing page, a page missing from the contents, a page with fewer plots
/// than its notebook, MathJax missing, anything loaded from the network.
/// Empty when the book is complete.
///
/// # Errors
/// When an executed notebook or the folder cannot be read.
pub fn check(executed: &[PathBuf], out: &Path) -> Result<Vec<String>> {
    let mut problems = offline_problems(out)?;
    let index = std::fs::read_to_string(out.join("index.html")).unwrap_or_default();
    if index.is_empty() {
        problems.push(format!("{} is missing", out.join("index.html").display()));
    }
    for notebook in executed {
        let name = page_name(notebook);
        if !index.is_empty() && !index.contains(&format!("href=\"{name}\"")) {
            problems.push(format!("the contents do not link to {name}"));
        }
        let Ok(page) = std::fs::read_to_string(out.join(&name)) else {
            problems.push(format!("{name} is missing"));
            continue;
        };
        let plots = plots(notebook)?;
        let missing = plots
            .iter()
            .filter(|plot| !page.contains(&format!("src=\"{}\"", plot.data_url)))
            .count();
        if missing > 0 {
            problems.push(format!(
                "{name} lacks {missing} of the {} plots its notebook produced",
                plots.len()
            ));
        }
    }
    Ok(problems)
}

/// What keeps a published folder from working offline: MathJax not
/// copied into it, or a load from the network.
///
/// # Errors
/// When the folder cannot be read.
pub(crate) fn offline_problems(out: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    if out.is_dir() && !out.join(MATHJAX).is_file() {
        problems.push(format!("{MATHJAX} is missing"));
    }
    if out.is_dir() {
        for load in crate::offline::network_loads(out)? {
            problems.push(format!("loads from the network: {load}"));
        }
    }
    Ok(problems)
}

/// MathJax 3 in a published folder: the pages load it from there.
pub const MATHJAX: &str = "mathjax/tex-chtml-full.js";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_test_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (text, encoded) in vectors {
            assert_eq!(base64(text.as_bytes()), encoded, "{text:?}");
        }
        // Beyond ASCII, as in a plot's title: "α" is 0xCE 0xB1.
        assert_eq!(base64("α".as_bytes()), "zrE=");
    }
}
