//! `lab playground` end to end, in headless Chromium: the page loads without
//! a console error, play lowers the shown loss and changes the boundary, a
//! run on the moons reaches 95 % test accuracy, step mode shows the
//! textbook network's δ's, and bad settings give a message on the page.
//! The browser is driven by tools/playground/python/browser_check.py
//! (Playwright from the project's virtual environment, which `cargo lab
//! test` sets up).

mod common;

use network::ndarray::array;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

/// `lab playground --no-browser --port 0`, killed when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start() -> Self {
        let mut child = common::lab_command("playground", &["--no-browser", "--port", "0"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("lab runs");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("piped");
        BufReader::new(stdout).read_line(&mut line).unwrap();
        let url = line
            .split_whitespace()
            .find(|word| word.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in `{line}`"))
            .trim_end_matches('/')
            .to_string();
        Server { child, url }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the browser saw, as browser_check.py reports it.
fn browse(url: &str) -> Value {
    let workspace = common::workspace();
    let python = workspace.venv().join("bin").join("python");
    assert!(
        python.exists(),
        "no Python environment at {}: `cargo lab test` sets it up with Playwright",
        workspace.venv().display()
    );
    let chromium = jupyter::browser::installed().unwrap_or_else(|e| panic!("{e}"));
    let script = workspace.tool("playground").join("python/browser_check.py");
    let output = std::process::Command::new(&python)
        .arg(&script)
        .arg(url)
        .arg(&chromium)
        .output()
        .expect("python runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the browser run failed: {stderr}");
    serde_json::from_slice(&output.stdout).expect("one JSON report")
}

/// The page's number in cell `id`: its exact value.
fn shown(values: &Value, id: &str) -> f64 {
    values[id][1]
        .as_f64()
        .unwrap_or_else(|| panic!("no cell {id}"))
}

fn shown_text<'a>(values: &'a Value, id: &str) -> &'a str {
    values[id][0]
        .as_str()
        .unwrap_or_else(|| panic!("no cell {id}"))
}

#[test]
fn the_page_trains_shows_backpropagation_and_reports_bad_settings() {
    let server = Server::start();
    let report = browse(&server.url);

    // Loading and training gave no console error.
    assert_eq!(report["console_errors"], serde_json::json!([]), "{report}");
    // Play lowers the loss shown and changes the boundary picture.
    let loss = |key: &str| report[key].as_f64().unwrap();
    assert!(loss("loss_early") < loss("loss_before"), "{report}");
    assert!(loss("loss_after") < loss("loss_early"), "{report}");
    assert_ne!(report["boundary_before"], report["boundary_early"]);
    // A run on the moons reaches 95 % test accuracy by pressing play.
    assert!(
        report["test_accuracy"].as_f64().unwrap() >= 95.0,
        "{report}"
    );
    assert_eq!(
        report["playing_label"], "▶ play",
        "pressing play again pauses"
    );

    step_view_equals_the_textbook(&report["step"]["values"]);
    let labels = report["step"]["diagram_labels"].to_string();
    assert!(
        labels.contains("δ_z 0.1385"),
        "the diagram shows δ_z at p: {labels}"
    );
    assert!(report["saturated_units"].as_u64().unwrap() > 0, "{report}");

    let messages = &report["messages"];
    let message = |key: &str| messages[key].as_str().unwrap().to_string();
    assert!(message("nan_rate").contains("learning rate α must be a positive number, got NaN"));
    assert!(message("negative_rate").contains("learning rate α must be a positive number, got -1"));
    assert!(message("zero_width").contains("hidden layer 2 has 0 units"));
    assert!(
        message("bad_csv").contains("line 3: column 2: `oops` is not a number"),
        "{messages}"
    );
}

/// Every number of the step view equals `Network::trace` of the slide's
/// tiny network, and the rounded ones are notebook 08's.
fn step_view_equals_the_textbook(values: &Value) {
    let (x, y) = (array![[0.05, 0.10]], array![[0.01]]);
    let trace = playground::session::slide_network()
        .trace(x.view(), y.view())
        .unwrap();
    for l in 0..3 {
        for i in 0..trace.a[l].ncols() {
            let close = |id: String, expected: f64| {
                assert!(
                    (shown(values, &id) - expected).abs() < 1e-12,
                    "{id}: {values}"
                )
            };
            close(format!("a-{l}-{i}"), trace.a[l][[0, i]]);
            close(format!("delta-a-{l}-{i}"), trace.delta_a[l][[0, i]]);
            if l > 0 {
                close(format!("delta-z-{l}-{i}"), trace.delta_z[l][[0, i]]);
                close(format!("sigma-prime-{l}-{i}"), trace.sigma_prime[l][[0, i]]);
            }
        }
    }
    let (_, grads) = playground::session::slide_network()
        .backward(x.view(), y.view())
        .unwrap();
    assert!((shown(values, "grad-2-0-0") - grads.weights[1][[0, 0]]).abs() < 1e-12);
    assert!((shown(values, "grad-1-1-0") - grads.weights[0][[1, 0]]).abs() < 1e-12);
    // Notebook 08's numbers, as the page rounds them.
    let notebook = [
        ("a-2-0", "0.7514"),
        ("delta-a-2-0", "0.7414"),
        ("delta-z-2-0", "0.1385"),
        ("delta-a-1-0", "0.0554"),
        ("delta-a-1-1", "0.0623"),
        ("delta-a-0-0", "0.0058"),
        ("delta-a-0-1", "0.0072"),
        ("grad-2-0-0", "0.0822"),
    ];
    for (id, text) in notebook {
        assert_eq!(shown_text(values, id), text, "{id}");
    }
}
