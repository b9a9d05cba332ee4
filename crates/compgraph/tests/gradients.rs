//! Every gate's backward pass against the numeric gradient, and random graphs
//! (with shared sub-expressions) checked node by node.

use compgraph::{Graph, NodeId, Op};
use finite_diff::{central_difference, numeric_gradient, relative_error};
use proptest::prelude::*;

/// Step of the central difference: small enough that the truncation error
/// (∝ h²) is far below 1e-7, large enough that rounding (∝ ε/h) is too.
const H: f64 = 1e-5;
const TOLERANCE: f64 = 1e-7;

/// Relative error ≤ 1e-7, except for gradients below 0.1, which are
/// compared absolutely (|a − n| ≤ 1e-8). The difference quotient itself is
/// off by about h²·|f‴|/6 + ε·|f|/h; in the random graphs below (values and
/// local derivatives ≤ 5, slopes ≤ 10) that stays under 1e-8, which is no
/// longer small beside a gradient much below 0.1.
fn agree(analytic: f64, numeric: f64) -> bool {
    relative_error(analytic, numeric) <= TOLERANCE || (analytic - numeric).abs() <= TOLERANCE * 0.1
}

/// The analytic gradient of `op` at `x`, through a graph and its backward pass.
fn backprop(op: Op, x: &[f64]) -> Vec<f64> {
    let mut g = Graph::new();
    let inputs: Vec<NodeId> = x.iter().map(|&xi| g.input("x", xi)).collect();
    let out = g.gate(op, &inputs);
    g.backward(out);
    inputs.iter().map(|&i| g.grad(i)).collect()
}

#[test]
fn every_gate_matches_the_numeric_gradient() {
    // Points away from the kinks of relu and max and the poles of 1/x and ln.
    let cases: Vec<(Op, Vec<f64>)> = vec![
        (Op::Add, vec![-2.0, 5.0]),
        (Op::Sub, vec![1.5, -0.25]),
        (Op::Mul, vec![3.0, -4.0]),
        (Op::Div, vec![1.3, -0.7]),
        (Op::AddConst(1.0), vec![0.37]),
        (Op::MulConst(-1.0), vec![1.0]),
        (Op::Exp, vec![-1.0]),
        (Op::Ln, vec![0.8]),
        (Op::Recip, vec![1.37]),
        (Op::Powi(2), vec![-1.5]),
        (Op::Powi(3), vec![0.9]),
        (Op::Powi(-2), vec![1.1]),
        (Op::Sigmoid, vec![1.0]),
        (Op::Tanh, vec![-0.6]),
        (Op::Relu, vec![0.8]),
        (Op::Relu, vec![-0.8]),
        (Op::Max, vec![2.0, -1.0, 0.5]),
        (Op::Max, vec![-3.0, 4.0]),
        (Op::Average, vec![1.0, 2.0, 6.0, -1.0]),
    ];
    for (op, x) in cases {
        let analytic = backprop(op, &x);
        let numeric = numeric_gradient(|v| op.forward(v).0, &x, H);
        for (a, n) in analytic.iter().zip(&numeric) {
            let error = relative_error(*a, *n);
            assert!(
                error <= TOLERANCE,
                "{op}: backprop {a}, numeric {n}, relative error {error}"
            );
        }
    }
}

#[test]
fn a_wrong_derivative_would_be_caught() {
    // The check can fail: 1/x with the sign of its derivative flipped.
    let numeric = central_difference(|x| 1.0 / x, 1.37, H);
    let wrong = 1.0 / (1.37 * 1.37);
    assert!(relative_error(wrong, numeric) > 1.0);
}

#[test]
fn the_sigmoid_neuron_gates_match_the_numeric_gradient() {
    let theta = [2.0, -1.0, -3.0, -2.0, -3.0]; // w0, x0, w1, x1, w2
    let mut g = Graph::new();
    let names = ["w0", "x0", "w1", "x1", "w2"];
    let inputs: Vec<NodeId> = names
        .iter()
        .zip(theta)
        .map(|(n, v)| g.input(*n, v))
        .collect();
    let f = compgraph::examples::sigmoid_neuron(
        &mut g,
        [theta[0], theta[2], theta[4]],
        [theta[1], theta[3]],
    );
    g.backward(f);
    let sigmoid = |v: &[f64]| 1.0 / (1.0 + (-(v[0] * v[1] + v[2] * v[3] + v[4])).exp());
    let numeric = numeric_gradient(sigmoid, &theta, H);
    // sigmoid_neuron adds its own inputs after ours; compare by name.
    for (name, n) in names.iter().zip(numeric) {
        let id = g.inputs().filter(|(_, m)| m == name).last().unwrap().0;
        let a = g.grad(id);
        assert!(relative_error(a, n) <= TOLERANCE, "{name}: {a} vs {n}");
    }
    // Our own inputs do not feed f: their gradients stay 0.
    assert!(inputs.iter().all(|&i| g.grad(i) == 0.0));
}

/// One random gate: an operation code and the positions of its extra operands.
#[derive(Debug, Clone)]
struct Step {
    op: u8,
    operands: [usize; 2],
}

fn step() -> impl Strategy<Value = Step> {
    (0u8..16, any::<usize>(), any::<usize>()).prop_map(|(op, a, b)| Step {
        op,
        operands: [a, b],
    })
}

/// The largest value and local derivative of a gate in a random graph.
const LIMIT: f64 = 5.0;
/// The largest |∂node/∂θ| in a random graph (an upper bound, see [`random_graph`]).
const STEEPNESS: f64 = 10.0;

/// Whether `op` on values `x` is smooth enough around `x` for a difference
/// quotient: away from kinks and poles, not saturated, not huge.
fn safe(op: Op, x: &[f64]) -> bool {
    let (value, local) = op.forward(x);
    let gentle = (0..x.len()).all(|i| local.at(i).abs() <= LIMIT);
    let smooth = match op {
        Op::Div => x[1].abs() >= 1.0,
        Op::Ln => x[0] >= 1.0,
        Op::Recip => x[0].abs() >= 1.0,
        Op::Powi(n) => n > 0 || x[0].abs() >= 1.0,
        Op::Exp | Op::Sigmoid | Op::Tanh => x[0].abs() <= 2.0,
        Op::Relu => x[0].abs() >= 0.1,
        Op::Max => {
            let mut sorted = x.to_vec();
            sorted.sort_by(f64::total_cmp);
            sorted.len() < 2 || sorted[sorted.len() - 1] - sorted[sorted.len() - 2] >= 0.1
        }
        _ => true,
    };
    smooth && gentle && value.abs() <= LIMIT
}

/// Builds a random graph: every gate takes the previous node as its first
/// operand (so every node reaches the output) and earlier nodes, picked at
/// random, as the others (so sub-expressions are shared).
///
/// A gate that would sit on a kink or a pole, or make the graph steep, is
/// replaced by `*0.5`. Steepness is tracked as an upper bound on
/// |∂node/∂θ| (the sum over operands of |local derivative| × the operand's
/// bound) and kept ≤ 10: a steeper function curves on a scale close to h,
/// and the difference quotient, not backprop, would be off by more than 1e-7.
fn random_graph(theta: &[f64], steps: &[Step]) -> (Graph, Vec<NodeId>, NodeId) {
    let mut g = Graph::new();
    let inputs: Vec<NodeId> = theta.iter().map(|&t| g.input("theta", t)).collect();
    let mut nodes: Vec<(NodeId, f64)> = inputs.iter().map(|&i| (i, 1.0)).collect();
    for step in steps {
        let (last, last_steepness) = *nodes.last().unwrap();
        let [a, b] = step.operands.map(|i| nodes[i % nodes.len()]);
        let (op, operands) = match step.op {
            0 => (Op::Add, vec![(last, last_steepness), a]),
            1 => (Op::Sub, vec![(last, last_steepness), a]),
            2 => (Op::Mul, vec![(last, last_steepness), a]),
            3 => (Op::Div, vec![(last, last_steepness), a]),
            4 => (Op::MulConst(0.7), vec![(last, last_steepness)]),
            5 => (Op::AddConst(1.0), vec![(last, last_steepness)]),
            6 => (Op::MulConst(-1.5), vec![(last, last_steepness)]),
            7 => (Op::Exp, vec![(last, last_steepness)]),
            8 => (Op::Ln, vec![(last, last_steepness)]),
            9 => (Op::Recip, vec![(last, last_steepness)]),
            10 => (
                Op::Powi([3, 2, -1, -2][a.0.index() % 4]),
                vec![(last, last_steepness)],
            ),
            11 => (Op::Sigmoid, vec![(last, last_steepness)]),
            12 => (Op::Tanh, vec![(last, last_steepness)]),
            13 => (Op::Relu, vec![(last, last_steepness)]),
            14 => (Op::Max, vec![(last, last_steepness), a, b]),
            _ => (Op::Average, vec![(last, last_steepness), a, b]),
        };
        let values: Vec<f64> = operands.iter().map(|&(i, _)| g.value(i)).collect();
        let (_, local) = op.forward(&values);
        let steepness: f64 = (operands.iter().enumerate())
            .map(|(i, &(_, s))| local.at(i).abs() * s)
            .sum();
        let node = if safe(op, &values) && steepness <= STEEPNESS {
            let ids: Vec<NodeId> = operands.iter().map(|&(id, _)| id).collect();
            (g.gate(op, &ids), steepness)
        } else {
            (g.mul_const(last, 0.5), 0.5 * last_steepness)
        };
        nodes.push(node);
    }
    let output = nodes.last().unwrap().0;
    (g, inputs, output)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_graphs_match_the_numeric_gradient(
        theta in prop::collection::vec(-2.0f64..2.0, 1..5),
        steps in prop::collection::vec(step(), 1..25),
    ) {
        let (mut g, inputs, output) = random_graph(&theta, &steps);
        g.backward(output);
        let analytic: Vec<f64> = inputs.iter().map(|&i| g.grad(i)).collect();
        // A second backward pass must give the same gradients, not double them.
        g.backward(output);
        for (&i, a) in inputs.iter().zip(&analytic) {
            prop_assert_eq!(g.grad(i), *a);
        }
        let f = |t: &[f64]| {
            for (&i, &ti) in inputs.iter().zip(t) {
                g.set_value(i, ti);
            }
            g.forward();
            g.value(output)
        };
        let numeric = numeric_gradient(f, &theta, H);
        for (k, (a, n)) in analytic.iter().zip(&numeric).enumerate() {
            let error = relative_error(*a, *n);
            prop_assert!(agree(*a, *n), "theta[{}]: backprop {}, numeric {}, error {}", k, a, n, error);
        }
    }
}
