//! Whether a published folder, the book or the slide decks, loads anything
//! from the network: a script, style sheet, font or image from an http(s)
//! address. Links a reader may follow (`<a href>`) are not loads.

use anyhow::{Context, Result};
use std::path::Path;

/// Every load from the network in the HTML and CSS files of `dir` (and its
/// subfolders), as `FILE: URL`. Empty when the folder works offline.
///
/// # Errors
/// When the folder or one of its files cannot be read.
pub fn network_loads(dir: &Path) -> Result<Vec<String>> {
    loads_under(dir, dir)
}

/// [`network_loads`] of `dir`, a folder in `root`, the files named from `root`.
fn loads_under(root: &Path, dir: &Path) -> Result<Vec<String>> {
    let mut found = Vec::new();
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    let mut paths: Vec<_> = entries
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    for path in paths {
        if path.is_dir() {
            found.extend(loads_under(root, &path)?);
            continue;
        }
        let extension = path.extension().and_then(|ext| ext.to_str());
        if !matches!(extension, Some("html" | "css")) {
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let name = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string();
        found.extend(
            loads_in(&text)
                .into_iter()
                .map(|url| format!("{name}: {url}")),
        );
    }
    Ok(found)
}

/// The remote addresses a page or style sheet loads, sorted: the `src` of
/// any tag, the `href` of a `<link>`, a CSS `url(…)` or `@import`.
fn loads_in(text: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for tag in text.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        urls.extend(values_after(tag, "src="));
        if tag.starts_with("link") {
            urls.extend(values_after(tag, "href="));
        }
    }
    urls.extend(values_after(text, "url("));
    urls.extend(values_after(text, "@import"));
    urls.retain(|url| {
        ["http:", "https:", "//"]
            .iter()
            .any(|scheme| url.starts_with(scheme))
    });
    // `@import url(…)` is found twice.
    urls.sort();
    urls.dedup();
    urls
}

/// The value after each `marker` in `text`: spaces, quotes and `url(` left
/// out, up to the next quote, space, `)` or `;`.
fn values_after(text: &str, marker: &str) -> Vec<String> {
    text.match_indices(marker)
        .map(|(at, _)| {
            let rest = text[at + marker.len()..].trim_start();
            let rest = rest.strip_prefix("url(").unwrap_or(rest);
            let rest = rest.trim_start_matches(['"', '\'', ' ']);
            let end = rest
                .find(['"', '\'', ' ', ')', ';', '>'])
                .unwrap_or(rest.len());
            rest[..end].to_owned()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_fonts_and_imports_from_the_network_are_found() {
        let page = r#"<script src="https://cdn.example/mathjax.js"></script>
            <script src="mathjax/tex-chtml-full.js"></script>
            <link rel="stylesheet" href="//cdn.example/reveal.css">
            <link rel="stylesheet" href="reveal.js/dist/reveal.css">
            <a href="https://github.com/evcxr/evcxr">evcxr</a>
            <img src='http://example.org/plot.png'>
            <img src="data:image/png;base64,iVBORw0KGgo=">"#;
        assert_eq!(
            loads_in(page),
            [
                "//cdn.example/reveal.css",
                "http://example.org/plot.png",
                "https://cdn.example/mathjax.js",
            ]
        );
        let style = "@import url(https://fonts.example/css?family=Lato);\n\
            @import url(./fonts/source-sans-pro.css);\n\
            @font-face { src: url('https://fonts.example/a.woff') format('woff'); }\n\
            /* see https://example.org/colors */ .a { background: url(data:image/gif;base64,R0lG) }";
        assert_eq!(
            loads_in(style),
            [
                "https://fonts.example/a.woff",
                "https://fonts.example/css?family=Lato",
            ]
        );
    }

    #[test]
    fn a_folder_is_searched_with_its_subfolders() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("theme")).unwrap();
        std::fs::write(dir.path().join("index.html"), "<p>offline</p>").unwrap();
        std::fs::write(dir.path().join("notes.js"), "fetch('https://x.example')").unwrap();
        assert_eq!(network_loads(dir.path()).unwrap(), Vec::<String>::new());
        std::fs::write(
            dir.path().join("theme").join("white.css"),
            "@import url(https://fonts.example/css);",
        )
        .unwrap();
        assert_eq!(
            network_loads(dir.path()).unwrap(),
            ["theme/white.css: https://fonts.example/css"]
        );
    }
}
