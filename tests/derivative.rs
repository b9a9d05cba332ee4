//! End-to-end tests of `lab derivative`.

mod common;

use common::lab;
use serde_json::Value;

fn derivative_json(function: &str, x: &str) -> Value {
    common::lab_json("derivative", &[function, "--at", x])
}

fn field(estimate: &Value, name: &str) -> f64 {
    estimate[name].as_f64().unwrap()
}

#[test]
fn analytic_derivative_of_the_slide_function() {
    // f(x) = (x − 4)², f'(x) = 2(x − 4): f'(1) = −6.
    let json = derivative_json("quadratic", "1");
    assert_eq!(json["analytic"].as_f64().unwrap(), -6.0);
    // The quartic (x − 4)²x⁴ at x = 1: 2x³(x − 4)(3x − 8) = 2 · (−3) · (−5) = 30.
    let json = derivative_json("quartic", "1");
    assert_eq!(json["analytic"].as_f64().unwrap(), 30.0);
}

#[test]
fn estimates_cover_h_from_1e_1_to_1e_12() {
    let json = derivative_json("quartic", "1");
    let estimates = json["estimates"].as_array().unwrap();
    assert_eq!(estimates.len(), 12);
    for (k, estimate) in estimates.iter().enumerate() {
        let h = field(estimate, "h");
        assert!((h / 10f64.powi(-(k as i32) - 1) - 1.0).abs() < 1e-12, "{h}");
    }
}

#[test]
fn central_difference_is_accurate_at_a_good_h_and_worse_at_1e_12() {
    for x in ["1", "-2.5", "7"] {
        let json = derivative_json("quadratic", x);
        let analytic = json["analytic"].as_f64().unwrap();
        let estimates = json["estimates"].as_array().unwrap();
        let at = |h: f64| {
            estimates
                .iter()
                .find(|e| (field(e, "h") / h - 1.0).abs() < 1e-9)
                .unwrap()
        };
        let good = (field(at(1e-5), "central") - analytic).abs();
        let tiny = (field(at(1e-12), "central") - analytic).abs();
        assert!(good <= 1e-9, "x = {x}: {good}");
        assert!(tiny > good * 100.0, "x = {x}: {tiny} vs {good}");
        // For a parabola the forward difference is off by exactly h (truncation).
        let forward = field(at(1e-1), "forward") - analytic;
        assert!((forward - 0.1).abs() < 1e-9, "x = {x}: {forward}");
    }
}

#[test]
fn central_beats_forward_where_truncation_dominates() {
    let json = derivative_json("quartic", "1");
    for estimate in &json["estimates"].as_array().unwrap()[..4] {
        assert!(
            field(estimate, "central_error") < field(estimate, "forward_error") / 10.0,
            "{estimate}"
        );
    }
}

#[test]
fn svg_is_the_log_log_error_plot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("error.svg");
    let out = lab(
        "derivative",
        &["quartic", "--at", "1", "--svg", path.to_str().unwrap()],
    );
    assert!(out.status.success());
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.starts_with("<svg"));
    assert!(svg.contains("forward difference") && svg.contains("central difference"));
}

#[test]
fn human_output_is_a_table() {
    let out = lab("derivative", &["quadratic", "--at", "1"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("quadratic at x = 1: f(x) = 9, analytic f'(x) = -6")
    );
    assert_eq!(lines.count(), 13); // header + 12 rows
}

#[test]
fn bad_input_is_a_one_line_error() {
    let cases: &[(&[&str], &str)] = &[
        (&["sine", "--at", "1"], "unknown loss `sine`"),
        (&["bowl", "--at", "1"], "1-D"),
        (&["quadratic", "--at", "one"], "not a number"),
        (&["quadratic", "--at", "nan"], "finite"),
        (&["quadratic", "--at", "inf"], "finite"),
    ];
    for (args, expected) in cases {
        let line = common::error_line("derivative", args);
        assert!(line.contains(expected), "{args:?}: {line}");
    }
}
