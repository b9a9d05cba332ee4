//! The slides' numbers, the errors, the parser and the drawings.

use compgraph::{EvalError, Expression, Graph, Kind, NodeId, Op};

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

#[test]
fn determining_gradients_with_backprop() {
    let mut g = Graph::new();
    let (x, y, z) = (g.input("x", -2.0), g.input("y", 5.0), g.input("z", -4.0));
    let q = g.add(x, y);
    let f = g.mul(q, z);
    g.backward(f);
    assert_eq!(g.value(f), -12.0);
    // ∂f/∂q = z, ∂f/∂x = ∂f/∂q · ∂q/∂x = z · 1, ∂f/∂z = q
    assert_eq!(g.grad(q), -4.0);
    assert_eq!([x, y, z].map(|v| g.grad(v)), [-4.0, -4.0, 3.0]);
}

#[test]
fn the_sigmoid_neuron_gate_by_gate_and_fused() {
    let mut g = Graph::new();
    let f = compgraph::examples::sigmoid_neuron(&mut g, [2.0, -3.0, -3.0], [-1.0, -2.0]);
    g.backward(f);
    assert!(close(g.value(f), 0.73, 0.005));
    let grads: Vec<f64> = ["w0", "x0", "w1", "x1", "w2"]
        .iter()
        .map(|n| g.grad(g.find(n).unwrap()))
        .collect();
    // CS231n: dw0 = −0.2, dx0 = 0.39, dw1 = −0.39, dx1 = −0.59, dw2 = 0.2
    for (grad, slide) in grads.iter().zip([-0.2, 0.39, -0.39, -0.59, 0.2]) {
        assert!(close(*grad, slide, 0.005), "{grad} vs {slide}");
    }
    // The fused gate: one node instead of four, the same gradients.
    let mut h = Graph::new();
    let names = ["w0", "x0", "w1", "x1", "w2"];
    let v = [2.0, -1.0, -3.0, -2.0, -3.0];
    let n: Vec<NodeId> = names
        .iter()
        .zip(v)
        .map(|(name, x)| h.input(*name, x))
        .collect();
    let a = h.mul(n[0], n[1]);
    let b = h.mul(n[2], n[3]);
    let s = h.add(a, b);
    let z = h.add(s, n[4]);
    let sigma = h.sigmoid(z);
    h.backward(sigma);
    // The local gradient of the sigmoid gate: (1 − 0.73)·0.73 = 0.2
    assert!(close(h.grad(z), (1.0 - 0.73) * 0.73, 0.005));
    for (i, grad) in grads.iter().enumerate() {
        assert!(close(h.grad(n[i]), *grad, 1e-12));
    }
}

#[test]
fn branches_add_up_and_backward_twice_does_not_double() {
    let mut g = Graph::new();
    let x = g.input("x", 2.0);
    let a = g.mul_const(x, 3.0);
    let b = g.exp(x);
    let f = g.add(a, b); // f = 3x + eˣ, x used by two gates
    for _ in 0..3 {
        g.backward(f);
        assert!(close(g.grad(x), 3.0 + 2.0_f64.exp(), 1e-12));
    }
}

#[test]
fn max_routes_and_average_distributes() {
    let mut g = Graph::new();
    let (z, w) = (g.input("z", 2.0), g.input("w", -1.0));
    let m = g.max(&[z, w]);
    g.backward(m);
    assert_eq!((g.value(m), g.grad(z), g.grad(w)), (2.0, 1.0, 0.0));
    let c = g.input("c", 5.0);
    let avg = g.average(&[z, w, c]);
    g.backward(avg);
    assert_eq!(g.value(avg), 2.0);
    assert_eq!([z, w, c].map(|v| g.grad(v)), [1.0 / 3.0; 3]);
}

/// The message a panicking `f` gives.
fn panic_message(f: impl FnOnce()) -> String {
    let payload = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_err();
    match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(payload) => payload.downcast::<&str>().unwrap().to_string(),
    }
}

#[test]
fn mistakes_panic_with_a_message_naming_the_cause() {
    let mut g = Graph::new();
    let x = g.input("x", 1.0);
    let mut other = Graph::new();
    let (_, _, far) = (
        other.input("a", 1.0),
        other.input("b", 1.0),
        other.input("c", 1.0),
    );
    let foreign =
        "node n2 belongs to another graph: a handle works only with the graph that built it";
    assert_eq!(
        panic_message(|| {
            let _ = g.grad(far);
        }),
        foreign
    );
    assert_eq!(panic_message(|| g.clone().backward(far)), foreign);
    assert_eq!(
        panic_message(|| {
            let _ = g.clone().add(x, far);
        }),
        foreign
    );
    assert_eq!(
        panic_message(|| {
            let _ = g.clone().max(&[]);
        }),
        "gate `max` takes at least 1 input, got 0"
    );
    assert_eq!(
        panic_message(|| {
            let _ = g.clone().gate(Op::Add, &[x]);
        }),
        "gate `+` takes 2 inputs, got 1"
    );
    let e = g.exp(x);
    assert_eq!(
        panic_message(|| g.clone().set_value(e, 3.0)),
        "node n1 is a gate: only inputs and constants are given values"
    );
}

#[test]
fn handles_are_refused_by_other_graphs() {
    // A handle from another graph is refused even where this graph has a
    // node with the same number.
    let mut other = Graph::new();
    other.input("a", 1.0);
    let near = other.input("d", 1.0);
    let mut h = Graph::new();
    for name in ["a", "b", "c", "d"] {
        h.input(name, 1.0);
    }
    assert!(h.node_count() > near.index());
    assert!(
        panic_message(|| {
            let _ = h.value(near);
        })
        .contains("another graph")
    );
}

#[test]
fn every_gate_comes_after_its_operands() {
    // The order of building is a topological order: backward needs no sort.
    let f = Expression::parse("max(x*y, exp(x) + y) * average(y, x, 2)").unwrap();
    let g = f.graph();
    for (id, _) in g.nodes() {
        assert!(g.operands(id).iter().all(|input| input < &id), "{id}");
    }
    assert_eq!(g.operands(f.output()).len(), 2);
}

#[test]
fn forward_recomputes_after_new_values() {
    let mut g = Graph::new();
    let x = g.input("x", 1.0);
    let f = g.powi(x, 3);
    g.set_value(x, 2.0);
    g.forward();
    g.backward(f);
    assert_eq!((g.value(f), g.grad(x)), (8.0, 12.0));
}

#[test]
fn parsing_gives_the_slides_gates() {
    let f = Expression::parse("1/(1+exp(-(w0*x0+w1*x1+w2)))").unwrap();
    let gates: Vec<String> = f
        .graph()
        .nodes()
        .filter_map(|(_, n)| match n.kind {
            Kind::Gate(op) => Some(op.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(gates, ["*", "*", "+", "+", "*-1", "exp", "+1", "1/x"]);
    assert_eq!(f.variables(), ["w0", "x0", "w1", "x1", "w2"]);
}

#[test]
fn parsing_precedence_and_literals() {
    let cases = [
        ("1 + 2*3", 7.0),
        ("-2^2", -4.0),
        ("2^-1", 0.5),
        ("(1+2)*3", 9.0),
        ("8/4/2", 1.0),
        ("10-4-3", 3.0),
        ("x^2 - 2*x + 1", 4.0), // x = 3
        ("max(x, 2, -x)", 3.0),
        ("average(x, 1, 2)", 2.0),
        ("relu(-x) + tanh(0)", 0.0),
        ("x/2 + 3/x", 2.5),
        ("2 - x", -1.0),
        ("ln(exp(x))", 3.0),
        ("sigmoid(0)*x", 1.5),
    ];
    for (source, expected) in cases {
        let mut f = Expression::parse(source).unwrap();
        let values: &[(&str, f64)] = if f.variables().is_empty() {
            &[]
        } else {
            &[("x", 3.0)]
        };
        let at = f.evaluate(values).unwrap();
        assert!(
            close(at.value, expected, 1e-12),
            "{source} = {} not {expected}",
            at.value
        );
    }
}

#[test]
fn parse_errors_point_at_the_column() {
    let cases = [
        ("(x+y*z", 7, "expected ')', found the end"),
        (
            "x + * y",
            5,
            "expected a number, a variable or '(', found '*'",
        ),
        ("2x", 2, "unexpected 'x' after the expression"),
        (
            "foo(x)",
            1,
            "unknown function 'foo' (known: exp, ln, sigmoid, tanh, relu, max, average)",
        ),
        (
            "x^1.5",
            3,
            "the exponent must be an integer between -64 and 64",
        ),
        ("exp(x, y)", 1, "exp takes 1 input, got 2"),
        ("x # y", 3, "unexpected character '#'"),
        ("1.2.3", 1, "'1.2.3' is not a number"),
        ("θ + 1", 1, "unexpected character 'θ'"),
        ("", 1, "expected a number, a variable or '(', found the end"),
        (
            "average()",
            9,
            "expected a number, a variable or '(', found ')'",
        ),
    ];
    for (source, column, message) in cases {
        let error = Expression::parse(source).unwrap_err();
        assert_eq!(
            (error.column, error.message.as_str()),
            (column, message),
            "{source}"
        );
    }
}

#[test]
fn evaluation_errors() {
    let mut f = Expression::parse("(x+y)*z").unwrap();
    let unknown = f
        .evaluate(&[("x", 1.0), ("y", 1.0), ("z", 1.0), ("w", 1.0)])
        .unwrap_err();
    assert_eq!(
        unknown.to_string(),
        "unknown variable `w` (the expression uses: x, y, z)"
    );
    let missing = f.evaluate(&[("x", 1.0), ("z", 1.0)]).unwrap_err();
    assert_eq!(missing, EvalError::MissingVariable("y".into()));
    let twice = f.evaluate(&[("x", 1.0), ("x", 2.0)]).unwrap_err();
    assert_eq!(twice, EvalError::DuplicateVariable("x".into()));
    let nan = f
        .evaluate(&[("x", f64::NAN), ("y", 1.0), ("z", 1.0)])
        .unwrap_err();
    assert!(matches!(nan, EvalError::NotANumber { .. }));
    let mut ln = Expression::parse("ln(x)").unwrap();
    assert!(matches!(
        ln.evaluate(&[("x", -1.0)]),
        Err(EvalError::Undefined(_))
    ));
    // After errors, the expression still evaluates.
    let at = f.evaluate(&[("z", -4.0), ("x", -2.0), ("y", 5.0)]).unwrap();
    assert_eq!((at.value, at.gradient), (-12.0, vec![3.0, -4.0, -4.0]));
}

#[test]
fn an_expression_evaluates_many_times() {
    let mut f = Expression::parse("(theta - 4)^2").unwrap();
    for theta in [0.0, 1.0, 4.0, 7.5] {
        let at = f.evaluate(&[("theta", theta)]).unwrap();
        assert!(close(at.value, (theta - 4.0) * (theta - 4.0), 1e-12));
        assert!(close(at.gradient[0], 2.0 * (theta - 4.0), 1e-12));
    }
}

#[test]
fn svg_draws_every_node_even_with_odd_names() {
    let mut g = Graph::new();
    let x = g.input("x", 1.0);
    let y = g.input("a|b \"c\" {d}", 2.0);
    let m = g.mul(x, y);
    g.set_name(m, "<m>");
    g.backward(m);
    let svg = g.svg();
    assert!(svg.starts_with("<?xml") || svg.starts_with("<svg"), "{svg}");
    assert!(svg.contains("value 2") && svg.contains("grad 2") && svg.contains("grad 1"));
    assert!(g.dot().contains(r#"a\|b \"c\" \{d\}"#));
}

#[test]
fn the_terminal_view_lists_nodes_from_the_output_back() {
    let mut f = Expression::parse("(x+y)*z").unwrap();
    f.evaluate(&[("x", -2.0), ("y", 5.0), ("z", -4.0)]).unwrap();
    let view = f.graph().to_string();
    let lines: Vec<&str> = view.lines().collect();
    assert_eq!(lines.len(), 6);
    let first: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(first, ["n4", "*", "n2", "n3", "-12", "1"]);
    let x: Vec<&str> = lines[5].split_whitespace().collect();
    assert_eq!(x, ["n0", "x", "-2", "-4"]);
}
