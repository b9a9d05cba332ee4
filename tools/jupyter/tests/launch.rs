//! The kernel launcher's build folders (`kernel/launch.py`): a new folder
//! starts as a copy of the last used one, unless a build runs there.

use std::path::Path;
use std::process::Command;

/// Runs `seed_build(root/kernel-1, root)` with python3, first taking the
/// cargo lock of kernel-0's build when `hold_cargo_lock`; returns whether
/// kernel-1 then has a build.
fn seed(root: &Path, hold_cargo_lock: bool) -> bool {
    let launcher = Path::new(env!("CARGO_MANIFEST_DIR")).join("kernel");
    let script = format!(
        "import fcntl, pathlib, sys\n\
         sys.path.insert(0, {launcher:?})\n\
         import launch\n\
         root = pathlib.Path({root:?})\n\
         if {hold}:\n\
         \x20   held = open(root / 'kernel-0/target/x86_64-unknown-linux-gnu/debug/.cargo-lock', 'a')\n\
         \x20   fcntl.flock(held, fcntl.LOCK_EX)\n\
         (root / 'kernel-1').mkdir(exist_ok=True)\n\
         launch.seed_build(root / 'kernel-1', root)\n",
        hold = if hold_cargo_lock { "True" } else { "False" },
    );
    let status = Command::new("python3")
        .args(["-c", &script])
        .status()
        .expect("python3 runs");
    assert!(status.success());
    root.join("kernel-1/target").exists()
}

fn used_build(root: &Path) {
    let debug = root.join("kernel-0/target/x86_64-unknown-linux-gnu/debug");
    std::fs::create_dir_all(&debug).unwrap();
    std::fs::write(debug.join(".cargo-lock"), "").unwrap();
    std::fs::write(debug.join("libctx.so"), "compiled").unwrap();
    std::fs::write(root.join("kernel-0/Cargo.toml"), "[package]").unwrap();
}

#[test]
fn a_new_build_folder_starts_from_the_last_used_build() {
    let root = tempfile::tempdir().unwrap();
    used_build(root.path());
    assert!(seed(root.path(), false));
    let copied = root
        .path()
        .join("kernel-1/target/x86_64-unknown-linux-gnu/debug/libctx.so");
    assert_eq!(std::fs::read_to_string(copied).unwrap(), "compiled");
}

#[test]
fn a_build_in_progress_is_not_copied() {
    let root = tempfile::tempdir().unwrap();
    used_build(root.path());
    assert!(!seed(root.path(), true));
    assert!(!root.path().join("kernel-1/target").exists());
}

#[test]
fn without_a_used_build_the_folder_stays_empty() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("kernel-0")).unwrap();
    assert!(!seed(root.path(), false));
}

/// `warm_up_code(notebook)` for a notebook whose cells are `cells` (JSON
/// text of the `cells` list, or any text for a broken file).
fn warm_up_code(notebook_text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let notebook = dir.path().join("n.ipynb");
    std::fs::write(&notebook, notebook_text).unwrap();
    let launcher = Path::new(env!("CARGO_MANIFEST_DIR")).join("kernel");
    let script = format!(
        "import pathlib, sys\n\
         sys.path.insert(0, {launcher:?})\n\
         import launch\n\
         print(repr(launch.warm_up_code(pathlib.Path({notebook:?}))))\n"
    );
    let output = Command::new("python3")
        .args(["-c", &script])
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

fn notebook(first_code_cell: &str) -> String {
    serde_json::json!({"cells": [
        {"cell_type": "markdown", "source": ["# A slide"]},
        {"cell_type": "code", "source": first_code_cell},
        {"cell_type": "code", "source": "let x = 1;"},
    ]})
    .to_string()
}

#[test]
fn a_notebook_that_loads_crates_first_is_warmed_up_with_that_cell_and_a_let() {
    let cell = ":dep lecture = { path = \"../crates/lecture\" }\n// the crates\nuse lecture::compgraph::Graph;";
    let code = warm_up_code(&notebook(cell));
    assert!(code.starts_with("':dep lecture"), "{code}");
    assert!(code.contains("use lecture::compgraph::Graph;"), "{code}");
    assert!(code.ends_with("let _warm_up = ();'"), "{code}");
}

#[test]
fn other_first_cells_and_broken_files_are_not_run_ahead() {
    for first in [
        "let x = 1;",
        ":dep lecture = { path = \"..\" }\nlet g = 1;",
        "",
    ] {
        assert_eq!(warm_up_code(&notebook(first)), "None", "{first:?}");
    }
    assert_eq!(warm_up_code("not json"), "None");
    assert_eq!(warm_up_code("{\"cells\": []}"), "None");
}

#[test]
fn every_notebook_of_the_course_is_warmed_up() {
    let notebooks = workspace::Workspace::find()
        .unwrap()
        .all_notebooks()
        .unwrap();
    assert!(!notebooks.is_empty());
    for notebook in notebooks {
        let text = std::fs::read_to_string(&notebook).unwrap();
        let code = warm_up_code(&text);
        assert_ne!(
            code,
            "None",
            "{}: its first code cell must only load crates (:dep and use lines) for the kernel to warm up",
            notebook.display()
        );
    }
}
