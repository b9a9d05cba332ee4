//! End-to-end tests of `lab grade`: the reference solutions get full marks,
//! the stubs get nothing, and a hostile submission (compile error, endless
//! loop, panic, stack overflow, flood of output, missing file) still has its
//! other exercises graded, without the submission folder being touched.

mod common;

use common::{lab, lesson_source as lesson, stdout};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Exercise name → points, from the lesson's manifest.
fn points() -> Vec<(String, f64)> {
    let lesson = course::Lesson::find(&common::workspace().lessons(), 3).unwrap();
    let points = |e: &course::Exercise| (e.name.clone(), f64::from(e.points));
    lesson.exercises.iter().map(points).collect()
}

/// Every file under `dir` with its contents (but the runner's `.progress.toml`,
/// which a student's runner may write meanwhile).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(snapshot(&path));
        } else if path.file_name().unwrap() != ".progress.toml" {
            files.insert(path.clone(), std::fs::read(&path).unwrap());
        }
    }
    files
}

/// Replaces `from` by `to` in the solution `name` and writes it into `dir`.
fn broken(dir: &Path, name: &str, from: &str, to: &str) {
    let solution =
        std::fs::read_to_string(lesson().join("solutions").join(format!("{name}.rs"))).unwrap();
    assert!(solution.contains(from), "{name} has no `{from}`");
    std::fs::write(
        dir.join(format!("{name}.rs")),
        solution.replacen(from, to, 1),
    )
    .unwrap();
}

/// A submission with every kind of trouble, one per exercise, and two good files.
fn hostile(dir: &Path) {
    broken(
        dir,
        "01_init_weights",
        "(2.0 * u - 1.0) * epsilon",
        "(2.0 * u - 1.0) * epsilon +",
    );
    broken(
        dir,
        "02_batch_loss",
        "let m = predictions.len() as f64;",
        "let m = predictions.len() as f64; loop {}",
    );
    broken(
        dir,
        "03_gradient_descent",
        "theta - learning_rate * grad",
        "panic!(\"gave up\")",
    );
    broken(
        dir,
        "04_gradient_check",
        "(plus - minus) / (2.0 * h)",
        "{ fn deep(n: u64) -> u64 { if n == 0 { 0 } else { 1 + deep(n - 1) } } deep(u64::MAX) as f64 }",
    );
    broken(dir, "05_chain_rule", "x: dq,", "x: 2.0 * dq,");
    // 06_gates is missing.
    broken(
        dir,
        "07_max_average",
        "vec![upstream / n as f64; n]",
        "loop { println!(\"flood of output\"); }",
    );
    broken(dir, "08_layer_delta", "a * (1.0 - a)", "a * (1.0 - a)");
    broken(
        dir,
        "09_training_step",
        "learning_rate: f64,",
        "learning_rate: f64,",
    );
}

#[test]
fn solutions_full_stubs_zero_and_a_hostile_submission_is_still_graded() {
    let scratch = tempfile::tempdir().unwrap();
    let hostile_dir = scratch.path().join("hostile");
    std::fs::create_dir(&hostile_dir).unwrap();
    hostile(&hostile_dir);
    let before = (snapshot(&hostile_dir), snapshot(&lesson()));
    let csv = scratch.path().join("grades.csv");
    let results = scratch.path().join("results");
    let output = lab(
        "grade",
        &[
            "3",
            lesson().join("solutions").to_str().unwrap(),
            lesson().join("exercises").to_str().unwrap(),
            hostile_dir.to_str().unwrap(),
            "--timeout",
            "2",
            "--jobs",
            "2",
            "--csv",
            csv.to_str().unwrap(),
            "--results-json",
            results.to_str().unwrap(),
        ],
    );
    let stdout = stdout(&output);

    // The submission folder and the lesson are untouched.
    assert!(
        before == (snapshot(&hostile_dir), snapshot(&lesson())),
        "grading wrote into a submission or the lesson"
    );
    every_failure_is_explained_in_one_line(&stdout);
    let gradebook = Gradebook::read(&csv);
    solutions_get_full_marks_and_stubs_none(&gradebook);
    the_hostile_submission_gets_what_it_earned(&gradebook);
    gradescope_results_agree_with_the_gradebook(&results, &gradebook);
}

/// The table explains every failure of the hostile submission in one line.
fn every_failure_is_explained_in_one_line(stdout: &str) {
    for expected in [
        "compile error: error",
        "timed out after 2s",
        "gave up (at 03_gradient_descent.rs",
        "stack overflow",
        "06_gates.rs is missing",
        "node x is the first to go wrong",
    ] {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }
}

/// The gradebook: one row per submission (solutions, exercises, hostile),
/// one column per exercise, then the total and the maximum.
struct Gradebook {
    /// Exercise name → points, from the manifest.
    points: Vec<(String, f64)>,
    /// The lesson's points.
    max: f64,
    /// The header, then the rows of the solutions, the stubs and the hostile
    /// submission.
    rows: Vec<Vec<String>>,
}

impl Gradebook {
    /// Reads the CSV file `csv` and checks its header and its number of rows.
    fn read(csv: &Path) -> Self {
        let points = points();
        let max: f64 = points.iter().map(|(_, p)| p).sum();
        let text = std::fs::read_to_string(csv).unwrap();
        let rows: Vec<Vec<String>> = text
            .lines()
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect();
        let mut header = vec!["submission".to_string()];
        header.extend(points.iter().map(|(n, _)| n.clone()));
        header.extend(["total".to_string(), "max".to_string()]);
        assert_eq!(rows[0], header);
        assert_eq!(rows.len(), 4, "{text}");
        Gradebook { points, max, rows }
    }

    /// The number in `column` of row `row` (1 = solutions, 2 = stubs, 3 = hostile).
    fn value(&self, row: usize, column: &str) -> f64 {
        let at = self.rows[0].iter().position(|h| h == column).unwrap();
        self.rows[row][at].parse().unwrap()
    }
}

fn solutions_get_full_marks_and_stubs_none(gradebook: &Gradebook) {
    let value = |row: usize, column: &str| gradebook.value(row, column);
    let max = gradebook.max;
    assert_eq!(gradebook.rows[1][0], "solutions");
    for (name, p) in &gradebook.points {
        assert_eq!(value(1, name), *p, "solutions: {name}");
        assert_eq!(value(2, name), 0.0, "stubs: {name}");
    }
    assert_eq!((value(1, "total"), value(1, "max")), (max, max));
    assert_eq!((value(2, "total"), value(2, "max")), (0.0, max));
}

/// 01 compile error, 03 panics in every check, 06 missing → 0; 02 and 04
/// break one function of several → partial credit; 05 is wrong for x only;
/// 07 floods in one check of 5; 08 and 09 are correct.
fn the_hostile_submission_gets_what_it_earned(gradebook: &Gradebook) {
    let value = |column| gradebook.value(3, column);
    for zero in ["01_init_weights", "03_gradient_descent", "06_gates"] {
        assert_eq!(value(zero), 0.0, "hostile: {zero}");
    }
    for partial in ["02_batch_loss", "04_gradient_check", "05_chain_rule"] {
        let score = value(partial);
        let full = gradebook
            .points
            .iter()
            .find(|(n, _)| n == partial)
            .unwrap()
            .1;
        assert!(
            score > 0.0 && score < full,
            "hostile: {partial} scored {score} of {full}"
        );
    }
    assert_eq!(value("07_max_average"), 3.2);
    assert_eq!(value("08_layer_delta"), 4.0);
    assert_eq!(value("09_training_step"), 6.0);
    let sum: f64 = gradebook.points.iter().map(|(n, _)| value(n)).sum();
    assert!(
        (value("total") - sum).abs() < 0.01,
        "total {} vs sum {sum}",
        value("total")
    );
}

/// Gradescope's results.json of each submission: score and max_score agree
/// with the gradebook and with the tests listed.
fn gradescope_results_agree_with_the_gradebook(results: &Path, gradebook: &Gradebook) {
    for (name, row) in [("solutions", 1), ("exercises", 2), ("hostile", 3)] {
        let json: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(results.join(name).join("results.json")).unwrap(),
        )
        .unwrap();
        let total = gradebook.value(row, "total");
        let tests = json["tests"].as_array().unwrap();
        let score: f64 = tests.iter().map(|t| t["score"].as_f64().unwrap()).sum();
        let test_max: f64 = tests.iter().map(|t| t["max_score"].as_f64().unwrap()).sum();
        assert!(
            (json["score"].as_f64().unwrap() - total).abs() < 0.01,
            "{name}"
        );
        assert!(
            (score - total).abs() < 0.01,
            "{name}: tests add up to {score}"
        );
        assert_eq!(json["max_score"].as_f64().unwrap(), gradebook.max);
        // Each check's share is rounded to 4 decimals (5 points over 9
        // checks is 0.5556 each) and the last takes the rest: they add up.
        assert!(
            (test_max - gradebook.max).abs() < 1e-9,
            "{name}: test maxima add up to {test_max}"
        );
        assert!(
            tests
                .iter()
                .all(|t| t["name"].is_string() && t["output"].is_string())
        );
    }
}

#[test]
fn hidden_checks_carry_their_own_points_and_a_lone_file_is_graded() {
    let scratch = tempfile::tempdir().unwrap();
    let submission = scratch.path().join("only-chain-rule");
    let hidden = scratch.path().join("hidden");
    std::fs::create_dir(&submission).unwrap();
    std::fs::create_dir(&hidden).unwrap();
    std::fs::copy(
        lesson().join("solutions/05_chain_rule.rs"),
        submission.join("05_chain_rule.rs"),
    )
    .unwrap();
    std::fs::write(
        hidden.join("05_chain_rule.rs"),
        "use crate::exercise::*;\n\
         #[test]\nfn other_numbers() { assert_eq!(backward(1.0, 2.0, 3.0).z, 3.0); }\n\
         #[test]\nfn with_a_typo() { assert_eq!(backwrd(1.0, 2.0, 3.0).z, 3.0); }\n",
    )
    .unwrap();
    std::fs::write(hidden.join("points.toml"), "05_chain_rule = 2\n").unwrap();
    let results = scratch.path().join("results");
    let grade = || {
        let args = [&submission, &hidden, &results].map(|p| p.to_str().unwrap());
        lab(
            "grade",
            &["3", args[0], "--hidden", args[1], "--results-json", args[2]],
        )
    };
    let output = grade();
    let printed = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // A hidden check that does not compile with the reference solution is
    // the instructor's error, named once, before any student is graded.
    assert!(!output.status.success(), "{printed}");
    assert!(
        stderr.contains("hidden checks")
            && stderr.contains("05_chain_rule.rs")
            && printed.is_empty(),
        "{stderr}"
    );
    assert_eq!(stderr.matches("hidden checks").count(), 1, "{stderr}");

    // With a hidden check the solution passes: the public 3 points stay 3
    // for 4 checks, the hidden 2 points go to the 2 hidden checks.
    std::fs::write(
        hidden.join("05_chain_rule.rs"),
        "use crate::exercise::*;\n\
         #[test]\nfn other_numbers() { assert_eq!(backward(1.0, 2.0, 3.0).z, 3.0); }\n\
         #[test]\nfn other_signs() { assert_eq!(backward(-1.0, -2.0, -3.0).x, -3.0); }\n",
    )
    .unwrap();
    let wrong = std::fs::read_to_string(submission.join("05_chain_rule.rs"))
        .unwrap()
        .replacen("x: dq,", "x: if z < 0.0 { -dq } else { dq },", 1);
    std::fs::write(submission.join("05_chain_rule.rs"), wrong).unwrap();
    let output = grade();
    let graded = stdout(&output);
    let row = graded
        .lines()
        .find(|l| l.trim_start().starts_with("05_chain_rule"))
        .unwrap();
    // The slide's z = −4 < 0: the public checks of x fail too; count them.
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(results.join("only-chain-rule/results.json")).unwrap(),
    )
    .unwrap();
    let tests = json["tests"].as_array().unwrap();
    let visible = |visibility: &'static str| -> Vec<&serde_json::Value> {
        tests
            .iter()
            .filter(|t| t["visibility"] == visibility)
            .collect()
    };
    assert_eq!(
        visible("visible").len() + visible("after_published").len(),
        tests.len(),
        "{json}"
    );
    let of = |visibility: &'static str| -> Vec<&serde_json::Value> {
        let mut all = visible(visibility);
        all.retain(|t| t["name"].as_str().unwrap().starts_with("05_chain_rule"));
        all
    };
    let (public, hidden_tests) = (of("visible"), of("after_published"));
    assert!(
        public
            .iter()
            .all(|t| !t["name"].as_str().unwrap().contains("hidden::"))
    );
    let names: Vec<&str> = hidden_tests
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(
        names.iter().any(|n| n.ends_with("hidden::other_signs")),
        "{names:?}"
    );
    let sum = |tests: &[&serde_json::Value], field: &str| -> f64 {
        tests.iter().map(|t| t[field].as_f64().unwrap()).sum()
    };
    let (public_points, _) = points_of("05_chain_rule");
    assert_eq!(
        sum(&public, "max_score") + sum(&hidden_tests, "max_score"),
        public_points + 2.0
    );
    assert_eq!(sum(&hidden_tests, "max_score"), 2.0);
    // other_numbers passes (z = 3 > 0), other_signs fails: 1 of 2 hidden points.
    assert_eq!(sum(&hidden_tests, "score"), 1.0, "{json}");
    let score = json["score"].as_f64().unwrap();
    assert_eq!(score, sum(&public, "score") + 1.0);
    assert!(
        score < public_points + 1.0,
        "the slide's check of x fails: {json}"
    );
    assert!(
        row.contains(&format!(
            "{}/{}",
            course::runner::points(score),
            public_points + 2.0
        )),
        "{row}"
    );
    let total = graded
        .lines()
        .find(|l| l.trim_start().starts_with("total"))
        .unwrap();
    let max: f64 = points().iter().map(|(_, p)| p).sum();
    assert!(total.contains(&format!("/{}", max + 2.0)), "{total}");
}

#[test]
fn a_broken_hidden_check_fails_the_self_check_naming_it() {
    let scratch = tempfile::tempdir().unwrap();
    let hidden = scratch.path().join("hidden");
    std::fs::create_dir(&hidden).unwrap();
    std::fs::write(
        hidden.join("06_gates.rs"),
        "use crate::exercise::*;\n#[test]\nfn typo() { assert_eq!(exp_backwrd(0.0, 1.0), 1.0); }\n",
    )
    .unwrap();
    std::fs::write(hidden.join("points.toml"), "06_gates = 1\n").unwrap();
    let dir = hidden.to_str().unwrap();
    let output = lab("grade", &["3", "--self-check", "--hidden", dir]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "{stdout}");
    let line = stdout
        .lines()
        .find(|l| l.contains("06_gates: the solution does not compile"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        line.contains(&format!("hidden checks {dir}/06_gates.rs")),
        "{line}"
    );
    assert!(line.contains("exp_backwrd"), "{line}");

    // A hidden file that matches no exercise is refused before anything runs.
    std::fs::rename(hidden.join("06_gates.rs"), hidden.join("06_gate.rs")).unwrap();
    let output = lab("grade", &["3", "--self-check", "--hidden", dir]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("06_gate.rs") && stderr.contains("matches no exercise"),
        "{stderr}"
    );
}

/// The public points of exercise `name` and of the lesson.
fn points_of(name: &str) -> (f64, f64) {
    let all = points();
    let of = all.iter().find(|(n, _)| n == name).unwrap().1;
    (of, all.iter().map(|(_, p)| p).sum())
}

/// Exercise `name` of the reference solution with the one-mistake edit
/// `wrong` of lessons/lesson-3/tests/wrong.toml, written into `dir`.
fn wrong_solution(dir: &Path, name: &str, wrong: &str) {
    let text = std::fs::read_to_string(lesson().join("tests/wrong.toml")).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    let edit = table["wrong"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["exercise"].as_str() == Some(name) && w["name"].as_str() == Some(wrong))
        .unwrap_or_else(|| panic!("wrong.toml has no {name} {wrong}"));
    let text = |key: &str| edit.get(key).and_then(|v| v.as_str()).unwrap_or_default();
    broken(dir, name, text("replace"), text("with"));
    if edit.get("also_replace").is_some() {
        let file = dir.join(format!("{name}.rs"));
        let once = std::fs::read_to_string(&file).unwrap();
        std::fs::write(
            &file,
            once.replacen(text("also_replace"), text("also_with"), 1),
        )
        .unwrap();
    }
}

/// The first line of an exercise's section in a Markdown feedback file.
fn first_line<'a>(feedback: &'a str, name: &str) -> &'a str {
    let section = feedback
        .split("\n## ")
        .find(|s| s.starts_with(name))
        .unwrap_or_else(|| panic!("no section {name} in:\n{feedback}"));
    section.lines().nth(2).unwrap_or_default()
}

#[test]
fn the_first_line_of_feedback_names_the_mistake_and_the_students_line() {
    let scratch = tempfile::tempdir().unwrap();
    let student = scratch.path().join("student");
    std::fs::create_dir(&student).unwrap();
    wrong_solution(&student, "03_gradient_descent", "step_up_the_gradient");
    wrong_solution(&student, "08_layer_delta", "no_sigma_prime");
    wrong_solution(&student, "10_batch_forward", "no_transpose");
    let endless = "(plus - minus) / (2.0 * h)";
    broken(
        &student,
        "04_gradient_check",
        endless,
        "{ let forever: f64 = loop {}; forever }",
    );
    let feedback = scratch.path().join("feedback");
    let output = lab(
        "grade",
        &[
            "3",
            student.to_str().unwrap(),
            "--feedback",
            feedback.to_str().unwrap(),
            "--timeout",
            "3",
        ],
    );
    stdout(&output);
    let md = std::fs::read_to_string(feedback.join("student.md")).unwrap();
    // A sign error in step: the check of one step, not its consequences in descend.
    assert_eq!(
        first_line(&md, "03_gradient_descent"),
        "one_step_moves_against_the_gradient: step(5.0, 2.0, 0.1): expected 4.8, got 5.2"
    );
    // σ' forgotten in δ_z: the check of δ_z, not of the transpose after it.
    let line = first_line(&md, "08_layer_delta");
    assert!(
        line.starts_with("delta_z_multiplies_by_sigmoid_prime: δ_z[0]"),
        "{line}"
    );
    // X·Θ panics inside ndarray: the place is the student's line.
    let file = std::fs::read_to_string(student.join("10_batch_forward.rs")).unwrap();
    let at = 1 + file
        .lines()
        .position(|l| l.contains("x.dot(&layer.weights)"))
        .unwrap();
    let line = first_line(&md, "10_batch_forward");
    assert!(
        line.starts_with("one_layer_uses_the_transpose_and_adds_the_bias_to_every_row: ")
            && line.contains("not compatible for matrix multiplication")
            && line.contains(&format!("(at 10_batch_forward.rs:{at}:")),
        "{line}"
    );
    assert!(!md.contains("left:") && !md.contains("impl_linalg"), "{md}");
    let line = first_line(&md, "04_gradient_check");
    assert!(
        line.ends_with("timed out after 3s (an endless loop?)"),
        "{line}"
    );
    assert!(first_line(&md, "05_chain_rule").contains("05_chain_rule.rs is missing"));
}

#[test]
fn a_passing_exercise_says_so() {
    let scratch = tempfile::tempdir().unwrap();
    let student = scratch.path().join("student");
    std::fs::create_dir(&student).unwrap();
    std::fs::copy(
        lesson().join("solutions/02_batch_loss.rs"),
        student.join("02_batch_loss.rs"),
    )
    .unwrap();
    let output = lab("grade", &["3", student.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let checks = std::fs::read_to_string(lesson().join("checks/02_batch_loss.rs")).unwrap();
    let n = course::test_functions(&checks).len();
    assert!(
        stdout.contains(&format!("✓ 02_batch_loss: all {n} checks pass")),
        "{stdout}"
    );
}

#[test]
fn bad_arguments_are_one_line_errors() {
    let scratch = tempfile::tempdir().unwrap();
    let missing = scratch.path().join("nobody");
    let cases: [(&[&str], &str); 3] = [
        (
            &["3", ".", "--timeout", "0"],
            "--timeout must be a positive",
        ),
        (&["99", "."], "there is no lesson 99"),
        (
            &["3", ".", "--hidden", missing.to_str().unwrap()],
            "cannot read",
        ),
    ];
    for (args, expected) in cases {
        let output = lab("grade", args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("error: ") && stderr.contains(expected),
            "{args:?}: {stderr}"
        );
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
    }
}
