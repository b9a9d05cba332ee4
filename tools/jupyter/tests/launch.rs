//! The kernel launcher's build folders (`kernel/launch.py`): a new folder
//! starts as a copy of the last used one, unless a build runs there; the
//! warm-up a kernel gives itself, and gives up for the student's cells.

use std::path::Path;
use std::process::Command;

/// Runs `seed_build(root/kernel-1, root)` with python3, first taking the
/// cargo lock of kernel-0's build when `hold_cargo_lock`; returns whether
/// kernel-1 then has a build.
fn seed(root: &Path, hold_cargo_lock: bool) -> bool {
    launch_py(&format!(
        "import fcntl, pathlib\n\
         root = pathlib.Path({root:?})\n\
         if {hold}:\n\
         \x20   held = open(root / 'kernel-0/target/x86_64-unknown-linux-gnu/debug/.cargo-lock', 'a')\n\
         \x20   fcntl.flock(held, fcntl.LOCK_EX)\n\
         (root / 'kernel-1').mkdir(exist_ok=True)\n\
         launch.seed_build(root / 'kernel-1', root)\n",
        hold = if hold_cargo_lock { "True" } else { "False" },
    ));
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

/// Runs `script` with python3 after `import launch`; returns its stdout,
/// trimmed.
fn launch_py(script: &str) -> String {
    let launcher = Path::new(env!("CARGO_MANIFEST_DIR")).join("kernel");
    let script = format!("import sys\nsys.path.insert(0, {launcher:?})\nimport launch\n{script}");
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

/// `warm_up_code(notebook)` for a notebook whose cells are `cells` (JSON
/// text of the `cells` list, or any text for a broken file): the pieces, or
/// None.
fn warm_up_code(notebook_text: &str) -> Option<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let notebook = dir.path().join("n.ipynb");
    std::fs::write(&notebook, notebook_text).unwrap();
    let printed = launch_py(&format!(
        "import json, pathlib\n\
         print(json.dumps(launch.warm_up_code(pathlib.Path({notebook:?}))))\n"
    ));
    serde_json::from_str(&printed).unwrap()
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
fn a_notebook_that_loads_crates_first_is_warmed_up_with_that_cell_then_a_let() {
    let cell = ":dep lecture = { path = \"../crates/lecture\" }\n// the crates\nuse lecture::compgraph::Graph;";
    let pieces = warm_up_code(&notebook(cell)).expect("warmed up");
    assert_eq!(pieces, [cell, "let _warm_up = ();"]);
}

#[test]
fn other_first_cells_and_broken_files_are_not_run_ahead() {
    for first in [
        "let x = 1;",
        ":dep lecture = { path = \"..\" }\nlet g = 1;",
        "",
    ] {
        assert_eq!(warm_up_code(&notebook(first)), None, "{first:?}");
    }
    assert_eq!(warm_up_code("not json"), None);
    assert_eq!(warm_up_code("{\"cells\": []}"), None);
}

/// `someone_else_runs` on a client of session `own` whose kernel published
/// `messages` (type, parent session), then nothing.
fn someone_else_runs(messages: &[(&str, &str)]) -> bool {
    let messages: Vec<String> = messages
        .iter()
        .map(|(kind, session)| {
            format!("{{'msg_type': {kind:?}, 'parent_header': {{'session': {session:?}}}}}")
        })
        .collect();
    let printed = launch_py(&format!(
        "import queue, types\n\
         messages = [{}]\n\
         def get(timeout):\n\
         \x20   if not messages:\n\
         \x20       raise queue.Empty\n\
         \x20   return messages.pop(0)\n\
         client = types.SimpleNamespace(session=types.SimpleNamespace(session='own'), get_iopub_msg=get)\n\
         print(launch.someone_else_runs(client, 0.05))\n",
        messages.join(", ")
    ));
    printed == "True"
}

#[test]
fn the_warm_up_gives_way_once_a_students_cell_has_begun() {
    assert!(someone_else_runs(&[
        ("status", "own"),
        ("execute_input", "student")
    ]));
    assert!(!someone_else_runs(&[]));
    assert!(!someone_else_runs(&[
        ("execute_input", "own"),
        ("status", "own")
    ]));
    // JupyterLab asks for the kernel's info when it connects: not a cell.
    assert!(!someone_else_runs(&[
        ("status", "student"),
        ("kernel_info_reply", "student")
    ]));
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
        assert!(
            warm_up_code(&text).is_some(),
            "{}: its first code cell must only load crates (:dep and use lines) for the kernel to warm up",
            notebook.display()
        );
    }
}

#[test]
fn the_warm_up_waits_for_its_own_reply_not_a_readiness_checks() {
    let left = launch_py(
        "import types\n\
         replies = [{'parent_header': {'msg_id': 'kernel-info'}},\n\
         \x20          {'parent_header': {'msg_id': 'warm-up'}},\n\
         \x20          {'parent_header': {'msg_id': 'later'}}]\n\
         client = types.SimpleNamespace(get_shell_msg=lambda timeout: replies.pop(0))\n\
         launch.await_reply(client, 'warm-up')\n\
         print([reply['parent_header']['msg_id'] for reply in replies])\n",
    );
    assert_eq!(left, "['later']");
}

#[test]
fn the_warm_up_ends_with_its_kernel() {
    let ended = launch_py(
        "import os, subprocess, threading, time\n\
         kernel = subprocess.Popen(['sleep', '1'])\n\
         child = os.fork()\n\
         if child == 0:\n\
         \x20   threading.Thread(target=launch.exit_with, args=(kernel.pid,), daemon=True).start()\n\
         \x20   time.sleep(30)\n\
         \x20   os._exit(1)\n\
         kernel.wait()\n\
         began = time.monotonic()\n\
         _, status = os.waitpid(child, 0)\n\
         print(os.waitstatus_to_exitcode(status), time.monotonic() - began < 5)\n",
    );
    assert_eq!(ended, "0 True");
}

#[test]
fn the_warm_up_waits_for_the_kernel_without_reading_what_it_published() {
    let asked = launch_py(
        "import queue, types\n\
         answers = [queue.Empty(), {'msg_type': 'kernel_info_reply'}]\n\
         asked = []\n\
         def answer(timeout):\n\
         \x20   found = answers.pop(0)\n\
         \x20   if isinstance(found, Exception):\n\
         \x20       raise found\n\
         \x20   return found\n\
         client = types.SimpleNamespace(kernel_info=lambda: asked.append(1), get_shell_msg=answer)\n\
         launch.wait_until_listening(client)\n\
         print(len(asked), len(answers))\n",
    );
    // Asked twice, both answers read; the fake client has no IOPub to read.
    assert_eq!(asked, "2 0");
}

#[test]
fn a_students_build_is_a_writable_copy_of_the_seed_without_incremental_caches() {
    let root = tempfile::tempdir().unwrap();
    let debug = root
        .path()
        .join("seed/target/x86_64-unknown-linux-gnu/debug");
    for folder in ["deps", "incremental/plots-1"] {
        std::fs::create_dir_all(debug.join(folder)).unwrap();
    }
    std::fs::write(debug.join("deps/libplots.rlib"), "compiled").unwrap();
    std::fs::write(debug.join("incremental/plots-1/query.bin"), "cache").unwrap();
    let copied = launch_py(&format!(
        "import os, pathlib, stat\n\
         root = pathlib.Path({root:?})\n\
         lib = root / 'seed/target/x86_64-unknown-linux-gnu/debug/deps/libplots.rlib'\n\
         os.chmod(lib, 0o444)\n\
         (root / 'kernel-0').mkdir()\n\
         launch.copy_seed(root / 'seed', root / 'kernel-0')\n\
         debug = root / 'kernel-0/target/x86_64-unknown-linux-gnu/debug'\n\
         print((debug / 'deps/libplots.rlib').read_text(), (debug / 'incremental').exists(),\n\
         \x20     bool(os.stat(debug / 'deps/libplots.rlib').st_mode & stat.S_IWUSR))\n",
        root = root.path()
    ));
    assert_eq!(copied, "compiled False True");
}
