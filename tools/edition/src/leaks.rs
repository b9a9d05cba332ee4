//! The proof that an edition holds no solution: every function body of the
//! reference solutions, normalised (its tokens without whitespace), is looked
//! for in every file of the edition — in Rust files among the bodies of their
//! functions, in every other file (notebooks, Markdown) as text.

use anyhow::{Context, Result};
use quote::ToTokens;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// Bodies shorter than this (normalised, braces included) are looked for in
/// Rust files only: as plain text they would match ordinary prose or formulas.
const SHORTEST_IN_TEXT: usize = 24;

/// A solution's function body found in the edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    /// The solution file the body comes from.
    pub solution: PathBuf,
    /// The function.
    pub function: String,
    /// The edition's file that holds it, relative to the edition.
    pub found_in: PathBuf,
}

/// A body with its tokens written out and every whitespace removed.
fn normalised(tokens: impl ToTokens) -> String {
    let text = tokens.to_token_stream().to_string();
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every function body of a Rust source, as (function name, normalised body).
fn bodies(source: &str) -> Option<Vec<(String, String)>> {
    #[derive(Default)]
    struct Bodies(Vec<(String, String)>);
    impl<'ast> Visit<'ast> for Bodies {
        fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
            self.0.push((f.sig.ident.to_string(), normalised(&f.block)));
            syn::visit::visit_item_fn(self, f);
        }
        fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
            self.0.push((f.sig.ident.to_string(), normalised(&f.block)));
            syn::visit::visit_impl_item_fn(self, f);
        }
        fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
            if let Some(block) = &f.default {
                self.0.push((f.sig.ident.to_string(), normalised(block)));
            }
            syn::visit::visit_trait_item_fn(self, f);
        }
    }
    let file = syn::parse_file(source).ok()?;
    let mut found = Bodies::default();
    found.visit_file(&file);
    Some(found.0)
}

/// The function bodies of every solution in `solutions/` of `lesson` that
/// differ from the bodies of its stub in `exercises/`: (file, function, body).
///
/// # Errors
/// When a solution cannot be read or parsed.
pub fn solution_bodies(lesson: &Path) -> Result<Vec<(PathBuf, String, String)>> {
    let mut all = Vec::new();
    let folder = lesson.join("solutions");
    let entries =
        std::fs::read_dir(&folder).with_context(|| format!("cannot read {}", folder.display()))?;
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs"))
    {
        let source = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        let solution =
            bodies(&source).with_context(|| format!("{} is not valid Rust", file.display()))?;
        let stub_file = lesson
            .join("exercises")
            .join(file.file_name().unwrap_or_default());
        let stub: HashSet<String> = std::fs::read_to_string(stub_file)
            .ok()
            .and_then(|s| bodies(&s))
            .unwrap_or_default()
            .into_iter()
            .map(|(_, body)| body)
            .collect();
        all.extend(
            solution
                .into_iter()
                .filter(|(_, body)| !stub.contains(body))
                .map(|(function, body)| (file.clone(), function, body)),
        );
    }
    Ok(all)
}

/// Every place in the files `files` of `edition` (paths relative to it) that
/// holds one of the `solutions`' bodies ([`solution_bodies`]).
///
/// # Errors
/// When a file of the edition cannot be read.
pub fn leaks(
    edition: &Path,
    files: &[PathBuf],
    solutions: &[(PathBuf, String, String)],
) -> Result<Vec<Leak>> {
    let mut found = Vec::new();
    for file in files {
        let path = edition.join(file);
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let rust = file
            .extension()
            .is_some_and(|e| e == "rs")
            .then(|| bodies(&text))
            .flatten();
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        for (solution, function, body) in solutions {
            let inner = body.trim_start_matches('{').trim_end_matches('}');
            let holds = match &rust {
                Some(bodies) => bodies.iter().any(|(_, b)| b == body),
                None => inner.len() >= SHORTEST_IN_TEXT && squeezed.contains(inner),
            };
            if holds {
                found.push(Leak {
                    solution: solution.clone(),
                    function: function.clone(),
                    found_in: file.clone(),
                });
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STUB: &str = "pub fn step(theta: f64, grad: f64, rate: f64) -> f64 {\n    todo!()\n}\n\
                        pub fn name() -> &'static str { \"step\" }\n";
    const SOLUTION: &str = "pub fn step(theta: f64, grad: f64, rate: f64) -> f64 {\n    \
                            let moved = theta - rate * grad;\n    moved\n}\n\
                            pub fn name() -> &'static str { \"step\" }\n";

    fn lesson() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (folder, text) in [("exercises", STUB), ("solutions", SOLUTION)] {
            std::fs::create_dir(dir.path().join(folder)).unwrap();
            std::fs::write(dir.path().join(folder).join("01_step.rs"), text).unwrap();
        }
        dir
    }

    #[test]
    fn a_solution_body_is_found_in_rust_and_in_text_but_the_stubs_are_not() {
        let lesson = lesson();
        // `name` has the stub's body: it gives nothing away.
        let solutions = solution_bodies(lesson.path()).unwrap();
        assert_eq!(solutions.len(), 1);
        assert_eq!(solutions[0].1, "step");
        let edition = tempfile::tempdir().unwrap();
        let write =
            |name: &str, text: &str| std::fs::write(edition.path().join(name), text).unwrap();
        write("stub.rs", STUB);
        write(
            "copied.rs",
            "fn other(theta: f64, grad: f64, rate: f64) -> f64 {\n\
             let moved = theta-rate*grad; // reformatted\n moved }\n",
        );
        write(
            "notes.md",
            "Step: `let moved = theta - rate * grad; moved`\n",
        );
        write("fine.md", "θ moves against the gradient.\n");
        let files: Vec<PathBuf> = ["stub.rs", "copied.rs", "notes.md", "fine.md"]
            .iter()
            .map(PathBuf::from)
            .collect();
        let found: Vec<PathBuf> = leaks(edition.path(), &files, &solutions)
            .unwrap()
            .into_iter()
            .map(|leak| leak.found_in)
            .collect();
        assert_eq!(
            found,
            [PathBuf::from("copied.rs"), PathBuf::from("notes.md")]
        );
    }

    #[test]
    fn a_solution_that_is_not_rust_is_an_error() {
        let lesson = lesson();
        std::fs::write(lesson.path().join("solutions/02_bad.rs"), "fn (").unwrap();
        let error = solution_bodies(lesson.path()).unwrap_err().to_string();
        assert!(error.contains("02_bad.rs is not valid Rust"), "{error}");
    }
}
