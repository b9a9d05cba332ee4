//! End-to-end tests of `lab train`.

mod common;

use common::lab;
use network::{Dataset, Network};
use std::path::Path;

fn json(args: &[&str]) -> serde_json::Value {
    common::lab_json("train", args)
}

/// Runs a failing command and returns its only line of stderr.
fn error_line(args: &[&str]) -> String {
    common::error_line("train", args)
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn the_defaults_learn_the_moons() {
    let report = json(&[]);
    assert!(report["accuracy"].as_f64().unwrap() >= 0.95, "{report}");
    assert!(report["loss"].as_f64().unwrap() < 0.05, "{report}");
    assert_eq!(report["epochs"], 3000);
    assert_eq!(report["sizes"], serde_json::json!([2, 16, 1]));
    assert!(report["ms_per_epoch"].as_f64().unwrap() > 0.0);
}

#[test]
fn the_lecture_network_learns_the_moons_with_a_suitable_alpha() {
    let report = json(&[
        "--sizes", "2,4,1", "--epochs", "5000", "--lr", "10", "--seed", "2",
    ]);
    assert!(report["accuracy"].as_f64().unwrap() >= 0.95, "{report}");
}

#[test]
fn a_saved_model_loads_with_the_reported_accuracy() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("model.json");
    let model = model.to_str().unwrap();
    let trained = json(&["--epochs", "500", "--seed", "3", "--save", model]);
    // Checked independently: the network crate's own reading of the file.
    let net = Network::load(model).unwrap();
    let moons = Dataset::moons(200, 0.1, 3);
    let accuracy = net.accuracy(moons.x.view(), moons.y.view()).unwrap();
    assert_eq!(trained["accuracy"].as_f64().unwrap(), accuracy);
    // Zero more epochs from the saved model: the same loss and accuracy.
    let loaded = json(&["--load", model, "--epochs", "0", "--seed", "3"]);
    assert_eq!(loaded["accuracy"], trained["accuracy"]);
    assert_eq!(loaded["loss"], trained["loss"]);
    // Training on from it lowers the loss.
    let more = json(&["--load", model, "--epochs", "200", "--seed", "3"]);
    assert!(more["loss"].as_f64().unwrap() < trained["loss"].as_f64().unwrap());
}

#[test]
fn mini_batches_and_single_examples_learn_the_blobs() {
    for batch in ["1", "16"] {
        let report = json(&[
            "--data", "blobs", "--sizes", "2,3,1", "--epochs", "20", "--lr", "1", "--batch", batch,
        ]);
        assert!(
            report["accuracy"].as_f64().unwrap() >= 0.95,
            "batch {batch}: {report}"
        );
        assert_eq!(
            report["batch"].as_u64().unwrap(),
            batch.parse::<u64>().unwrap()
        );
    }
}

#[test]
fn xor_needs_a_hidden_layer() {
    let with_hidden = json(&[
        "--data", "xor", "--sizes", "2,8,1", "--epochs", "3000", "--lr", "5",
    ]);
    let without = json(&[
        "--data", "xor", "--sizes", "2,1", "--epochs", "3000", "--lr", "5",
    ]);
    assert!(
        with_hidden["accuracy"].as_f64().unwrap() >= 0.9,
        "{with_hidden}"
    );
    assert!(without["accuracy"].as_f64().unwrap() <= 0.8, "{without}");
}

#[test]
fn svg_shows_the_decision_regions_and_the_loss() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("moons.svg");
    let out = lab(
        "train",
        &["--epochs", "100", "--svg", svg.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg"));
    assert!(text.contains("decision regions") && text.contains("loss per epoch"));
    // One dot per example (plus the legend's two markers).
    assert_eq!(text.matches("<circle").count(), 200 + 2);
}

#[test]
fn the_plain_report_names_loss_accuracy_and_time() {
    let out = lab("train", &["--epochs", "10"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    for words in ["network 2,16,1", "loss J =", "accuracy", "ms per epoch"] {
        assert!(stdout.contains(words), "{words} missing in {stdout}");
    }
}

#[test]
fn csv_data_with_a_header_trains() {
    let dir = tempfile::tempdir().unwrap();
    let blobs = Dataset::blobs(60, 2);
    let mut text = String::from("x1,x2,class\n");
    for (x, y) in blobs.x.rows().into_iter().zip(blobs.y.rows()) {
        text += &format!("{},{},{}\n", x[0], x[1], y[0]);
    }
    let file = write(dir.path(), "blobs.csv", &text);
    let report = json(&[
        "--data", &file, "--sizes", "2,3,1", "--epochs", "300", "--lr", "2",
    ]);
    assert!(report["accuracy"].as_f64().unwrap() >= 0.95, "{report}");
    assert_eq!(report["samples"], 60);
}

#[test]
fn bad_csv_files_get_one_line_errors_with_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "bad.csv", "x1,x2,y\n0,0,0\n1,oops,1\n");
    let line = error_line(&["--data", &file]);
    assert!(
        line.ends_with("bad.csv: line 3: column 2: `oops` is not a number\n"),
        "{line}"
    );
    let file = write(dir.path(), "ragged.csv", "0,0,0\n1,1\n");
    assert!(error_line(&["--data", &file]).contains("line 2: found 2 columns but line 1 has 3"));
    let file = write(dir.path(), "empty.csv", "x1,x2,y\n");
    assert!(error_line(&["--data", &file]).contains("no examples"));
    assert!(error_line(&["--data", "/no/such.csv"]).contains("/no/such.csv"));
}

#[test]
fn shapes_that_do_not_fit_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    assert!(error_line(&["--sizes", "3,4,1"]).contains("wrong input width"));
    let file = write(dir.path(), "two_targets.csv", "0,0,1,0\n1,1,0,1\n");
    assert!(
        error_line(&["--data", &file])
            .contains("wrong target width: the data has 2 target columns")
    );
    assert!(error_line(&["--sizes", "2"]).contains("at least 2 layer sizes"));
    assert!(error_line(&["--sizes", "2,0,1"]).contains("layer 1 has 0 units"));
    let file = write(dir.path(), "three.csv", "0,0,0,1\n1,1,1,0\n");
    assert!(
        error_line(&["--data", &file, "--sizes", "3,2,1", "--svg", "x.svg"])
            .contains("--svg draws 2-D data")
    );
}

#[test]
fn bad_settings_and_models_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    assert!(error_line(&["--lr", "0"]).contains("learning rate α must be a positive number"));
    assert!(error_line(&["--data", "spiral"]).contains("unknown data `spiral`"));
    let model = write(
        dir.path(),
        "model.json",
        r#"{"sizes":[2,1],"activation":"tanh","layers":[]}"#,
    );
    assert!(error_line(&["--load", &model]).contains("activation `tanh` is not supported"));
    // A missing file: the path and the system's reason, said once.
    let missing = dir.path().join("missing.json");
    let line = error_line(&["--load", missing.to_str().unwrap()]);
    assert_eq!(line.matches("os error 2").count(), 1, "{line}");
    assert!(line.contains("missing.json"), "{line}");
    let model = write(
        dir.path(),
        "model2.json",
        &Network::new(&[2, 3, 1], 0).unwrap().to_json(),
    );
    assert!(
        error_line(&["--load", &model, "--sizes", "2,4,1"])
            .contains("differs from the loaded model")
    );
}

#[test]
fn divergence_is_an_error_naming_the_epoch_and_alpha() {
    // p = σ(w·100) from w = 0 has ∂J/∂w = 0.5 · 0.25 · 100 = 12.5: with an
    // absurd α the first step overflows the weight.
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "big.csv", "100,0\n");
    let zero =
        r#"{"sizes":[1,1],"activation":"sigmoid","layers":[{"weights":[[0.0]],"bias":[0.0]}]}"#;
    let model = write(dir.path(), "zero.json", zero);
    let line = error_line(&["--data", &file, "--load", &model, "--lr", "1e308"]);
    assert!(
        line.contains("training diverged at epoch 1 with learning rate α = 1e308")
            && line.contains("try a smaller α"),
        "{line}"
    );
}

#[test]
fn a_huge_alpha_is_printed_short_and_diagnosed_as_saturation() {
    let out = lab(
        "train",
        &["--sizes", "2,4,1", "--epochs", "50", "--lr", "1e200"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("α = 1e200,"), "{stdout}");
    assert!(stdout.lines().all(|line| line.len() < 200), "{stdout}");
    // The first step throws every weight to ±1e198: the loss jumps up, the
    // hidden units output exactly 0 or 1 and stop learning.
    let warnings: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("loss rose") && w.contains("from epoch 2 on")),
        "{stdout}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("after epoch 50, 4 of 4 units of layer 1 are saturated")),
        "{stdout}"
    );
    assert!(
        warnings.iter().all(|w| w.ends_with("try a smaller α")),
        "{stdout}"
    );
}

#[test]
fn a_good_run_has_no_warnings_and_json_lists_the_diagnoses() {
    let out = lab("train", &["--epochs", "300"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains("warning"), "{stdout}");
    let report = json(&["--sizes", "2,4,1", "--epochs", "50", "--lr", "1e200"]);
    let diagnoses = report["diagnoses"].as_array().unwrap();
    assert!(
        diagnoses
            .iter()
            .any(|d| d.as_str().unwrap().contains("saturated")),
        "{report}"
    );
    assert_eq!(
        json(&["--epochs", "300"])["diagnoses"],
        serde_json::json!([])
    );
}

#[test]
fn a_nan_in_the_data_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "nan.csv", "0,0,0\nNaN,1,1\n");
    // A NaN input is rejected when the file is read; weights that overflow
    // stop the run (divergence_is_an_error_naming_the_epoch_and_alpha).
    assert!(error_line(&["--data", &file]).contains("not a finite number"));
}
