//! What each way of loading the facade brings into a notebook's kernel.
//!
//! evcxr reads the source of every crate a notebook has loaded before each
//! cell runs, so a crate added here costs every notebook time. These tests
//! keep ndarray and rand out of the notebooks on descent and graphs, and
//! the file formats (csv, serde) out of all of them.

use std::process::Command;

/// The crates `lecture` depends on (normal dependencies, this platform),
/// with the given extra arguments (`--features`).
fn dependencies(extra: &[&str]) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "-p",
            "lecture",
            "-e",
            "normal",
            "--prefix",
            "none",
        ])
        .args(["--format", "{p}"])
        .args(extra)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

fn has(crates: &[String], name: &str) -> bool {
    crates.iter().any(|c| c == name)
}

#[test]
fn without_features_the_facade_brings_no_arrays_random_numbers_or_file_formats() {
    let crates = dependencies(&[]);
    for teaching in ["compgraph", "descent", "finite-diff", "plots"] {
        assert!(has(&crates, teaching), "{teaching} missing from {crates:?}");
    }
    for heavy in ["network", "ndarray", "rand", "serde", "csv", "serde_json"] {
        assert!(
            !has(&crates, heavy),
            "{heavy} is loaded by every notebook: {crates:?}"
        );
    }
}

#[test]
fn the_network_feature_brings_the_network_but_no_file_formats() {
    let crates = dependencies(&["--features", "network"]);
    for wanted in ["network", "ndarray", "ndarray-rand", "rand"] {
        assert!(has(&crates, wanted), "{wanted} missing from {crates:?}");
    }
    for heavy in ["serde", "csv", "serde_json"] {
        assert!(
            !has(&crates, heavy),
            "{heavy} is loaded by the network notebooks: {crates:?}"
        );
    }
}
