//! `lab grade 3 --gradescope-bundle FILE.zip`: the bundle holds Gradescope's
//! two scripts, the workspace without its build folder, and the hidden
//! checks; its `run_autograder`, run locally on a sample submission with its
//! folders moved by environment variables, writes the results.json that
//! Gradescope reads.

mod common;

use common::{lab, lesson_source, stdout};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The points of exercise `name` and of the whole lesson, from the manifest.
fn points(name: &str) -> (f64, f64) {
    let lesson = course::Lesson::find(&common::workspace().lessons(), 3).unwrap();
    let total = lesson.exercises.iter().map(|e| f64::from(e.points)).sum();
    (f64::from(lesson.exercise(name).unwrap().points), total)
}

#[test]
fn the_bundle_grades_a_sample_submission_as_gradescope_would() {
    let scratch = tempfile::tempdir().unwrap();
    let root = scratch.path();
    let zip = bundle(root);
    // Unpacked as Gradescope does, into the autograder's source folder.
    let source = root.join("source");
    unpack(&zip, &source);
    let json = run_autograder(&source, &sample_submission(root), &root.join("results"));
    // The hidden check is worth its own point, on top of the public ones.
    let (chain_rule, total) = points("05_chain_rule");
    assert_eq!(json["score"].as_f64(), Some(chain_rule + 1.0), "{json}");
    assert_eq!(json["max_score"].as_f64(), Some(total + 1.0), "{json}");
    let tests = json["tests"].as_array().unwrap();
    let hidden_test = tests
        .iter()
        .find(|t| t["name"] == "05_chain_rule: hidden::slide_gradient_of_z")
        .unwrap_or_else(|| panic!("the hidden check was not run: {json}"));
    assert_eq!(hidden_test["score"].as_f64(), Some(1.0));
    assert_eq!(hidden_test["visibility"], "after_published");
    assert!(
        tests
            .iter()
            .filter(|t| t != &hidden_test)
            .all(|t| t["visibility"] == "visible"),
        "{json}"
    );
    let stub = tests
        .iter()
        .find(|t| t["name"].as_str().unwrap().starts_with("02_batch_loss"))
        .unwrap();
    assert_eq!(stub["score"].as_f64(), Some(0.0));
    assert!(
        stub["output"]
            .as_str()
            .unwrap()
            .contains("not yet implemented"),
        "{stub}"
    );
    links_score_nothing(&source, root);
}

/// Links in the submission Gradescope hands over: to the reference solution
/// the bundle ships in `/autograder/source`, and to a file outside; each
/// scores 0 with the link message, and nothing of the targets is shown.
fn links_score_nothing(source: &Path, root: &Path) {
    let submission = root.join("links").join("submission");
    std::fs::create_dir_all(&submission).unwrap();
    let solution = source.join("workspace/lessons/lesson-3/solutions/05_chain_rule.rs");
    let outside = root.join("links").join("secret.rs");
    std::fs::write(&outside, "pub fn leaked() { \"OUTSIDE-7731\" }\n").unwrap();
    std::os::unix::fs::symlink(&solution, submission.join("05_chain_rule.rs")).unwrap();
    std::os::unix::fs::symlink(&outside, submission.join("06_gates.rs")).unwrap();
    let results = root.join("links").join("results");
    let json = run_autograder(source, &submission, &results);
    assert_eq!(json["score"].as_f64(), Some(0.0), "{json}");
    let text = json.to_string();
    for name in ["05_chain_rule.rs", "06_gates.rs"] {
        assert!(
            text.contains(&format!("{name} is a link; hand in the file itself")),
            "{json}"
        );
    }
    assert!(!text.contains("OUTSIDE-7731"), "{json}");
    let solution_text = std::fs::read_to_string(&solution).unwrap();
    let body = solution_text
        .lines()
        .find(|l| l.contains("let dq"))
        .unwrap()
        .trim();
    assert!(!text.contains(body), "{json}");
}

/// Makes `root/autograder.zip` with a hidden check of 05 (the slide's ∂f/∂z
/// = 3) and returns its path.
fn bundle(root: &Path) -> PathBuf {
    let hidden = root.join("hidden");
    std::fs::create_dir(&hidden).unwrap();
    std::fs::write(
        hidden.join("05_chain_rule.rs"),
        "use crate::exercise::*;\n#[test]\nfn slide_gradient_of_z() { assert_eq!(backward(-2.0, 5.0, -4.0).z, 3.0); }\n",
    )
    .unwrap();
    std::fs::write(hidden.join("points.toml"), "05_chain_rule = 1\n").unwrap();
    let zip = root.join("autograder.zip");
    let output = lab(
        "grade",
        &[
            "3",
            "--gradescope-bundle",
            zip.to_str().unwrap(),
            "--hidden",
            hidden.to_str().unwrap(),
        ],
    );
    let stdout = stdout(&output);
    assert!(stdout.contains("docs/gradescope.md"), "{stdout}");
    zip
}

/// Unpacks `zip` into `source` and checks it holds the scripts (valid bash),
/// the workspace without its build folder, and the hidden check.
fn unpack(zip: &Path, source: &Path) {
    let unzip = Command::new("python3")
        .args(["-m", "zipfile", "-e"])
        .args([zip, source])
        .status()
        .unwrap();
    assert!(unzip.success());
    for file in [
        "setup.sh",
        "run_autograder",
        "workspace/Cargo.toml",
        "workspace/Cargo.lock",
        "workspace/src/main.rs",
        "workspace/tools/course/src/lib.rs",
        "workspace/lessons/lesson-3/lesson.toml",
        "workspace/lessons/lesson-3/checks/05_chain_rule.rs",
        "hidden/05_chain_rule.rs",
    ] {
        assert!(source.join(file).is_file(), "{file} is not in the bundle");
    }
    assert!(!source.join("workspace/target").exists());
    for script in ["setup.sh", "run_autograder"] {
        let syntax = Command::new("bash")
            .arg("-n")
            .arg(source.join(script))
            .status()
            .unwrap();
        assert!(syntax.success(), "{script} is not valid bash");
    }
}

/// One student in `root/submission`: a correct 05, the stub of 02, nothing else.
fn sample_submission(root: &Path) -> PathBuf {
    let submission = root.join("submission");
    std::fs::create_dir(&submission).unwrap();
    std::fs::copy(
        lesson_source().join("solutions/05_chain_rule.rs"),
        submission.join("05_chain_rule.rs"),
    )
    .unwrap();
    std::fs::copy(
        lesson_source().join("exercises/02_batch_loss.rs"),
        submission.join("02_batch_loss.rs"),
    )
    .unwrap();
    submission
}

/// Runs the unpacked `run_autograder` on `submission` and returns the
/// results.json it writes into `results`.
fn run_autograder(source: &Path, submission: &Path, results: &Path) -> serde_json::Value {
    let ran = Command::new("bash")
        .arg(source.join("run_autograder"))
        .env("AUTOGRADER_SOURCE", source)
        .env("AUTOGRADER_SUBMISSION", submission)
        .env("AUTOGRADER_RESULTS", results)
        .env("AUTOGRADER_LAB", env!("CARGO_BIN_EXE_lab"))
        .output()
        .unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&ran.stdout),
        String::from_utf8_lossy(&ran.stderr)
    );
    assert!(ran.status.success(), "{log}");
    serde_json::from_str(&std::fs::read_to_string(results.join("results.json")).unwrap())
        .unwrap_or_else(|e| panic!("{e}: {log}"))
}

/// The shell block under `heading` in docs/gradescope.md, as written.
fn documented_commands(heading: &str) -> String {
    let doc =
        std::fs::read_to_string(common::workspace().root().join("docs/gradescope.md")).unwrap();
    let section = doc
        .split("\n## ")
        .find(|s| s.starts_with(heading))
        .unwrap_or_else(|| panic!("docs/gradescope.md has no section {heading}"));
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("\n```").next())
        .unwrap_or_else(|| panic!("the section {heading} has no sh block"));
    block.to_string()
}

#[test]
fn the_documented_local_try_runs_as_written() {
    let commands = documented_commands("4. Try the bundle locally");
    let scratch = tempfile::tempdir().unwrap();
    // `cargo lab` is the lab under test (cargo would build it into the
    // target folder the tests run from): a `cargo` first on the PATH that
    // runs it; `mktemp -d` makes its folder in the test's scratch.
    let bin = scratch.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let shim = bin.join("cargo");
    std::fs::write(
        &shim,
        format!(
            "#!/usr/bin/env bash\n[ \"$1\" = lab ] || exit 99\nshift\nexec {:?} \"$@\"\n",
            env!("CARGO_BIN_EXE_lab")
        ),
    )
    .unwrap();
    std::fs::set_permissions(&shim, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let tmp = scratch.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let ran = Command::new("bash")
        .args(["-e", "-u", "-o", "pipefail", "-c", &commands])
        .current_dir(common::workspace().root())
        .env("PATH", path)
        .env("TMPDIR", &tmp)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&ran.stdout);
    let log = format!("{stdout}{}", String::from_utf8_lossy(&ran.stderr));
    assert!(ran.status.success(), "{commands}\n{log}");
    // The last command prints results.json: the solved 05 has its points.
    let json = &stdout[stdout.find("\n{").expect("results.json printed")..];
    let json: serde_json::Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {log}"));
    let (chain_rule, total) = points("05_chain_rule");
    assert_eq!(json["score"].as_f64(), Some(chain_rule), "{json}");
    assert_eq!(json["max_score"].as_f64(), Some(total), "{json}");
    let tests = json["tests"].as_array().unwrap();
    assert!(tests.iter().all(|t| t["visibility"] == "visible"), "{json}");
}
