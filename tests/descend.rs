//! End-to-end tests of `lab descend`.

mod common;

use common::lab;
use serde_json::Value;

/// Runs `lab descend ARGS --json` and parses its single JSON object.
fn descend_json(args: &[&str]) -> Value {
    common::lab_json("descend", args)
}

fn theta(run: &Value) -> Vec<f64> {
    run["theta"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_f64().unwrap())
        .collect()
}

fn trajectory(run: &Value) -> Vec<Vec<f64>> {
    run["trajectory"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p.as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_f64().unwrap_or(f64::NAN))
                .collect()
        })
        .collect()
}

/// The slide's descent: J(θ) = (θ − 4)² from θ = 0 with α = 0.1, at most
/// 1000 steps.
const SLIDE_RUN: [&str; 7] = [
    "quadratic",
    "--start",
    "0",
    "--lr",
    "0.1",
    "--steps",
    "1000",
];

#[test]
fn small_learning_rate_converges_to_the_minimum_of_the_quadratic() {
    let run = descend_json(&SLIDE_RUN);
    assert_eq!(run["status"], "converged");
    let t = theta(&run)[0];
    assert!((t - 4.0).abs() < 1e-6, "θ = {t}");
    let value = run["value"].as_f64().unwrap();
    assert!((value - (t - 4.0).powi(2)).abs() < 1e-15);
    let path = trajectory(&run);
    assert_eq!(path.len() as u64, run["steps"].as_u64().unwrap() + 1);
    // θ₁ = θ₀ − α · 2(θ₀ − 4) = 0 − 0.1 · (−8) = 0.8, then 0.8 + 0.1 · 6.4 = 1.44.
    assert!((path[1][0] - 0.8).abs() < 1e-12);
    assert!((path[2][0] - 1.44).abs() < 1e-12);
}

#[test]
fn too_large_learning_rate_overshoots_and_even_larger_diverges() {
    let run = descend_json(&[
        "quadratic",
        "--start",
        "0",
        "--lr",
        "0.9",
        "--steps",
        "1000",
    ]);
    let path = trajectory(&run);
    // θ₁ = 0 + 0.9 · 8 = 7.2: past the minimum at 4, then back below it.
    assert!((path[1][0] - 7.2).abs() < 1e-12);
    assert!(path[2][0] < 4.0);
    assert_eq!(run["status"], "converged");

    let run = descend_json(&[
        "quadratic",
        "--start",
        "0",
        "--lr",
        "1.5",
        "--steps",
        "1000",
    ]);
    assert_eq!(run["status"], "diverged");
    assert!(run["steps"].as_u64().unwrap() < 1000);
}

#[test]
fn the_start_decides_which_minimum_of_the_quartic_is_reached() {
    // The local maximum at 8/3 separates the basins of θ = 0 and θ = 4.
    for (start, minimum) in [("2.0", 0.0), ("-0.5", 0.0), ("3.0", 4.0), ("4.3", 4.0)] {
        let run = descend_json(&[
            "quartic", "--start", start, "--lr", "0.001", "--steps", "200000",
        ]);
        let t = theta(&run)[0];
        assert!((t - minimum).abs() < 0.05, "from {start}: θ = {t}");
    }
}

#[test]
fn linear_loss_never_converges() {
    let run = descend_json(&["linear", "--start", "1", "--lr", "0.5", "--steps", "3000"]);
    assert_eq!(run["status"], "max_steps");
    assert_eq!(run["steps"], 3000);
    // θ falls by α every step: 1 − 0.5 · 3000.
    assert!((theta(&run)[0] - -1499.0).abs() < 1e-9);
}

#[test]
fn bowl_zig_zags_for_large_learning_rates_and_diverges_beyond() {
    let run = descend_json(&[
        "bowl", "--start", "4,1.5", "--lr", "0.09", "--steps", "1000",
    ]);
    assert_eq!(run["status"], "converged");
    let path = trajectory(&run);
    // θ₂ is multiplied by 1 − 20α = −0.8 each step: it changes sign every time.
    for pair in path.windows(2).take(10) {
        assert!((pair[1][1] - -0.8 * pair[0][1]).abs() < 1e-12, "{pair:?}");
    }
    let run = descend_json(&[
        "bowl", "--start", "4,1.5", "--lr", "0.11", "--steps", "1000",
    ]);
    assert_eq!(run["status"], "diverged");
}

#[test]
fn twin_lands_in_the_minimum_on_the_side_of_the_start() {
    for (start, minimum) in [("-0.2,1", -1.0), ("0.2,-1", 1.0)] {
        let run = descend_json(&["twin", "--start", start, "--lr", "0.05", "--steps", "5000"]);
        assert_eq!(run["status"], "converged");
        let t = theta(&run);
        assert!((t[0] - minimum).abs() < 1e-6 && t[1].abs() < 1e-6, "{t:?}");
    }
}

#[test]
fn tiny_learning_rate_runs_out_of_steps() {
    let run = descend_json(&[
        "quadratic",
        "--start",
        "0",
        "--lr",
        "0.0001",
        "--steps",
        "10",
    ]);
    assert_eq!(run["status"], "max_steps");
    assert_eq!(run["trajectory"].as_array().unwrap().len(), 11);
}

#[test]
fn svg_shows_the_loss_curve_or_the_contours() {
    let dir = tempfile::tempdir().unwrap();
    for (loss, start, marker) in [("quartic", "3", "J(θ)"), ("bowl", "4,1.5", "contour lines")] {
        let path = dir.path().join(format!("{loss}.svg"));
        let out = lab(
            "descend",
            &[
                loss,
                "--start",
                start,
                "--lr",
                "0.001",
                "--steps",
                "500",
                "--svg",
                path.to_str().unwrap(),
            ],
        );
        assert!(out.status.success());
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(svg.starts_with("<svg"), "{loss}");
        assert!(
            svg.contains(marker) && svg.contains("descent steps"),
            "{loss}"
        );
    }
}

#[test]
fn an_expression_descends_like_the_slide_loss_it_spells() {
    // (θ − 4)² written out is the quadratic: backprop through its graph must
    // give the same trajectory as the hand-written derivative 2(θ − 4).
    let args = ["--start", "0", "--lr", "0.1", "--steps", "50"];
    let slide = descend_json(&[&["quadratic"], &args[..]].concat());
    let spelled = descend_json(&[&["(theta-4)^2"], &args[..]].concat());
    for (a, b) in trajectory(&slide).iter().zip(trajectory(&spelled)) {
        assert!((a[0] - b[0]).abs() < 1e-12, "{a:?} vs {b:?}");
    }
    assert_eq!(spelled["steps"], slide["steps"]);
}

#[test]
fn a_two_parameter_expression_reaches_its_minimum() {
    // J = (θ₁ − 1)² + 10(θ₂ + 2)² has its minimum at (1, −2); θ₂ only in one term.
    let run = descend_json(&[
        "(theta1-1)^2 + 10*(theta2+2)^2",
        "--start",
        "0,0",
        "--lr",
        "0.05",
    ]);
    assert_eq!(run["status"], "converged");
    let t = theta(&run);
    assert!(
        (t[0] - 1.0).abs() < 1e-6 && (t[1] + 2.0).abs() < 1e-6,
        "{t:?}"
    );
}

#[test]
fn human_output_names_the_stopping_reason() {
    let out = lab("descend", &SLIDE_RUN);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("quadratic with α = 0.1: converged after"),
        "{text}"
    );
}

#[test]
fn bad_input_is_a_one_line_error() {
    let cases: &[(&[&str], &str)] = &[
        (&["cubic", "--start", "0"], "unknown loss `cubic`"),
        (&["(theta-4", "--start", "0"], "column 9"),
        (&["x^2", "--start", "0"], "expression in theta"),
        (&["theta1^2", "--start", "1"], "2 parameter"),
        (&["quadratic", "--start", "abc"], "not a number"),
        (&["quadratic", "--start", "nan"], "finite"),
        (&["quadratic", "--start", "1,2"], "1 parameter"),
        (&["bowl", "--start", "1"], "2 parameter"),
        (&["quadratic", "--start", "0", "--steps", "0"], "positive"),
        (&["quadratic", "--start", "0", "--steps", "-3"], "positive"),
        (
            &["quadratic", "--start", "0", "--steps", "many"],
            "whole number",
        ),
        (
            &["quadratic", "--start", "0", "--lr", "-0.1"],
            "learning rate",
        ),
        (
            &["quadratic", "--start", "0", "--lr", "0,1"],
            "not a number",
        ),
        (
            &["quadratic", "--start", "0", "--svg", "/no/such/dir/a.svg"],
            "cannot write",
        ),
    ];
    for (args, expected) in cases {
        let line = common::error_line("descend", args);
        assert!(line.contains(expected), "{args:?}: {line}");
    }
}
