//! The slides' numbers, the errors, the parser and the drawings.

use compgraph::{EvalError, Expression, Graph, GraphError, Kind, NodeId, Op};

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

#[test]
fn determining_gradients_with_backprop() {
    let mut g = Graph::new();
    let (x, y, z) = (g.input("x", -2.0), g.input("y", 5.0), g.input("z", -4.0));
    let q = g.add(x, y).unwrap();
    let f = g.mul(q, z).unwrap();
    g.backward(f).unwrap();
    assert_eq!(g.value(f).unwrap(), -12.0);
    // ∂f/∂q = z, ∂f/∂x = ∂f/∂q · ∂q/∂x = z · 1, ∂f/∂z = q
    assert_eq!(g.grad(q).unwrap(), -4.0);
    assert_eq!([x, y, z].map(|v| g.grad(v).unwrap()), [-4.0, -4.0, 3.0]);
}

#[test]
fn the_sigmoid_neuron_gate_by_gate_and_fused() {
    let mut g = Graph::new();
    let f = compgraph::bench::sigmoid_neuron(&mut g, [2.0, -3.0, -3.0], [-1.0, -2.0]).unwrap();
    g.backward(f).unwrap();
    assert!(close(g.value(f).unwrap(), 0.73, 0.005));
    let grads: Vec<f64> = ["w0", "x0", "w1", "x1", "w2"]
        .iter()
        .map(|n| g.grad(g.find(n).unwrap()).unwrap())
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
    let a = h.mul(n[0], n[1]).unwrap();
    let b = h.mul(n[2], n[3]).unwrap();
    let s = h.add(a, b).unwrap();
    let z = h.add(s, n[4]).unwrap();
    let sigma = h.sigmoid(z).unwrap();
    h.backward(sigma).unwrap();
    // The local gradient of the sigmoid gate: (1 − 0.73)·0.73 = 0.2
    assert!(close(h.grad(z).unwrap(), (1.0 - 0.73) * 0.73, 0.005));
    for (i, grad) in grads.iter().enumerate() {
        assert!(close(h.grad(n[i]).unwrap(), *grad, 1e-12));
    }
}

#[test]
fn branches_add_up_and_backward_twice_does_not_double() {
    let mut g = Graph::new();
    let x = g.input("x", 2.0);
    let a = g.mul_const(x, 3.0).unwrap();
    let b = g.exp(x).unwrap();
    let f = g.add(a, b).unwrap(); // f = 3x + eˣ, x used by two gates
    for _ in 0..3 {
        g.backward(f).unwrap();
        assert!(close(g.grad(x).unwrap(), 3.0 + 2.0_f64.exp(), 1e-12));
    }
}

#[test]
fn max_routes_and_average_distributes() {
    let mut g = Graph::new();
    let (z, w) = (g.input("z", 2.0), g.input("w", -1.0));
    let m = g.max(&[z, w]).unwrap();
    g.backward(m).unwrap();
    assert_eq!(
        (g.value(m).unwrap(), g.grad(z).unwrap(), g.grad(w).unwrap()),
        (2.0, 1.0, 0.0)
    );
    let c = g.input("c", 5.0);
    let avg = g.mean(&[z, w, c]).unwrap();
    g.backward(avg).unwrap();
    assert_eq!(g.value(avg).unwrap(), 2.0);
    assert_eq!([z, w, c].map(|v| g.grad(v).unwrap()), [1.0 / 3.0; 3]);
}

#[test]
fn errors_are_values() {
    let mut g = Graph::new();
    let x = g.input("x", 1.0);
    let mut other = Graph::new();
    let (_, _, far) = (
        other.input("a", 1.0),
        other.input("b", 1.0),
        other.input("c", 1.0),
    );
    assert_eq!(g.grad(far), Err(GraphError::UnknownNode(far)));
    assert_eq!(g.backward(far), Err(GraphError::UnknownNode(far)));
    assert!(matches!(g.add(x, far), Err(GraphError::UnknownNode(_))));
    assert_eq!(g.node_count(), 1, "a failed gate adds nothing");
    assert!(matches!(
        g.max(&[]),
        Err(GraphError::Arity { found: 0, .. })
    ));
    assert!(matches!(
        g.gate(Op::Add, &[x]),
        Err(GraphError::Arity { found: 1, .. })
    ));
    let e = g.exp(x).unwrap();
    assert_eq!(g.set_value(e, 3.0), Err(GraphError::NotALeaf(e)));
    assert_eq!(
        g.replace_input(e, 0, e),
        Err(GraphError::Cycle { gate: e, input: e })
    );
    assert_eq!(
        g.replace_input(e, 1, x),
        Err(GraphError::NoSuchOperand {
            gate: e,
            position: 1
        })
    );
    assert_eq!(
        GraphError::UnknownNode(far).to_string(),
        "node n2 is not in this graph"
    );
    // A handle from another graph is unknown even where this graph has a node
    // with the same index, and clearing a graph retires its handles.
    let near = other.input("d", 1.0);
    let mut h = Graph::new();
    for name in ["a", "b", "c", "d"] {
        h.input(name, 1.0);
    }
    assert_eq!(h.value(near), Err(GraphError::UnknownNode(near)));
    g.clear();
    let y = g.input("y", 2.0);
    assert_eq!(y.index(), x.index());
    assert_eq!(g.value(x), Err(GraphError::UnknownNode(x)));
}

#[test]
fn rewiring_to_a_later_node_keeps_a_topological_order() {
    let mut g = Graph::new();
    let x = g.input("x", 1.0);
    let y = g.input("y", 3.0);
    let s = g.add(x, y).unwrap(); // n2 = x + y
    let late = g.input("late", 10.0); // n3, added after s
    g.replace_input(s, 0, late).unwrap(); // s = late + y
    let f = g.mul(s, x).unwrap(); // f = (late + y)·x
    g.backward(f).unwrap();
    assert_eq!(g.value(f).unwrap(), 13.0);
    assert_eq!([x, y, late].map(|v| g.grad(v).unwrap()), [13.0, 1.0, 1.0]);
    assert_eq!(g.operands(s).unwrap(), [late, y]);
}

#[test]
fn forward_recomputes_after_new_values() {
    let mut g = Graph::new();
    let x = g.input("x", 1.0);
    let f = g.powi(x, 3).unwrap();
    g.set_value(x, 2.0).unwrap();
    g.forward();
    g.backward(f).unwrap();
    assert_eq!((g.value(f).unwrap(), g.grad(x).unwrap()), (8.0, 12.0));
}

#[test]
fn parsing_gives_the_slides_gates() {
    let f = Expression::parse("1/(1+exp(-(w0*x0+w1*x1+w2)))").unwrap();
    let gates: Vec<String> = f
        .graph()
        .nodes()
        .filter_map(|(_, n)| match n.kind() {
            Kind::Gate(op) => Some(op.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(gates, ["*", "*", "+", "+", "neg", "exp", "+1", "1/x"]);
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
        ("mean(x, 1, 2)", 2.0),
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
            "unknown function 'foo' (known: exp, ln, sigmoid, tanh, relu, max, mean)",
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
            "mean()",
            6,
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
    let m = g.mul(x, y).unwrap();
    g.set_name(m, "<m>").unwrap();
    g.backward(m).unwrap();
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
