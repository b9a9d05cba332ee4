//! End-to-end tests of `lab graph`.

mod common;

use common::lab;

fn json(args: &[&str]) -> serde_json::Value {
    common::lab_json("graph", args)
}

/// Runs a failing command and returns its only line of stderr.
fn error_line(args: &[&str]) -> String {
    common::error_line("graph", args)
}

#[test]
fn the_slide_example() {
    let out = lab("graph", &["(x+y)*z", "x=-2", "y=5", "z=-4"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("f = (x+y)*z = -12\n∂f/∂x = -4\n∂f/∂y = -4\n∂f/∂z = 3\n"),
        "{stdout}"
    );
    // The terminal view: one line per node, the output first.
    let view: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("node"))
        .collect();
    assert_eq!(view.len(), 6, "{stdout}");
    assert!(view[1].starts_with("n4") && view[1].contains("-12"));

    let json = json(&["(x+y)*z", "x=-2", "y=5", "z=-4"]);
    assert_eq!(json["value"], -12.0);
    assert_eq!(json["gradients"]["x"], -4.0);
    assert_eq!(json["gradients"]["y"], -4.0);
    assert_eq!(json["gradients"]["z"], 3.0);
}

#[test]
fn the_sigmoid_neuron() {
    let expression = "1/(1+exp(-(w0*x0+w1*x1+w2)))";
    let json = json(&[expression, "w0=2", "x0=-1", "w1=-3", "x1=-2", "w2=-3"]);
    let value = json["value"].as_f64().unwrap();
    assert!((value - 0.73).abs() < 0.005);
    let slide = [
        ("w0", -0.2),
        ("x0", 0.39),
        ("w1", -0.39),
        ("x1", -0.59),
        ("w2", 0.2),
    ];
    for (name, expected) in slide {
        let grad = json["gradients"][name].as_f64().unwrap();
        assert!((grad - expected).abs() < 0.005, "{name}: {grad}");
    }
}

#[test]
fn dot_and_svg_files() {
    let dir = tempfile::tempdir().unwrap();
    let (dot, svg) = (dir.path().join("f.dot"), dir.path().join("f.svg"));
    let out = lab(
        "graph",
        &[
            "max(z,w) + average(z,w)",
            "z=2",
            "w=-1",
            "--dot",
            dot.to_str().unwrap(),
            "--svg",
            svg.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dot = std::fs::read_to_string(dot).unwrap();
    // z wins the max (gradient 1) and gets half of the average's: 1.5.
    assert!(dot.contains(r#"label = "z | value 2 | grad 1.5""#), "{dot}");
    assert!(
        dot.contains(r#"label = "w | value -1 | grad 0.5""#),
        "{dot}"
    );
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(svg.contains("<svg") && svg.contains("grad 1.5"));
}

#[test]
fn bad_input_is_one_line_and_a_failure() {
    let cases: [(&[&str], &str); 8] = [
        (
            &["(x+y*z", "x=1", "y=1", "z=1"],
            "at column 7: expected ')'",
        ),
        (&["x*y", "x=1"], "missing a value for `y`"),
        (&["x*y", "x=1", "y=2", "w=3"], "unknown variable `w`"),
        (&["x*y", "x=1", "y=abc"], "`abc` (for y) is not a number"),
        (&["x*y", "x=1", "y=NaN"], "is NaN, not a number"),
        (&["x", "x"], "expected NAME=VALUE, got `x`"),
        (&["ln(x)", "x=-1"], "not defined"),
        (
            &["2*3", "x=1"],
            "unknown variable `x` (the expression uses: none)",
        ),
    ];
    for (args, message) in cases {
        let line = error_line(args);
        assert!(line.contains(message), "{args:?}: {line}");
    }
    let unwritable = error_line(&["x", "x=1", "--svg", "/nonexistent/dir/f.svg"]);
    assert!(unwritable.contains("cannot write"), "{unwritable}");
}
