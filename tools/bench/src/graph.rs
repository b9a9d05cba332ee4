//! The graphs `lab bench graph` times (the slide's sigmoid neuron is
//! [`compgraph::examples::sigmoid_neuron`]), and the timing loop.
//!
//! The same graphs are built with Python micrograd by
//! `tools/bench/python/micrograd_reference.py`, with the same
//! parameter values ([`parameter`]), so both sides compute the same numbers.

use compgraph::{Graph, NodeId};
use std::time::{Duration, Instant};

/// The i-th parameter of the benchmark graphs: a deterministic number in
/// [−1, 1] that the Python reference computes with the same formula.
///
/// ```
/// assert_eq!(benchmarks::graph::parameter(0), 0.0);
/// assert!((benchmarks::graph::parameter(1) - 0.7_f64.sin()).abs() < 1e-15);
/// ```
pub fn parameter(i: usize) -> f64 {
    (0.7 * i as f64).sin()
}

/// How many parameters (weights and biases) an MLP with layer `sizes` has.
///
/// ```
/// assert_eq!(benchmarks::graph::mlp_parameter_count(&[2, 16, 16, 1]), 48 + 272 + 17);
/// ```
pub fn mlp_parameter_count(sizes: &[usize]) -> usize {
    sizes.windows(2).map(|pair| (pair[0] + 1) * pair[1]).sum()
}

/// A multilayer perceptron unrolled into scalar gates, built like micrograd's
/// `nn.MLP`: each neuron is `b + w1·x1 + w2·x2 + …`, ReLU on hidden layers,
/// a linear last layer. Weights are inputs (we want their gradients), the
/// sample `x` is constants; parameters are taken from `parameters` in order
/// (per neuron: its weights, then its bias).
///
/// # Panics
/// If `parameters` is shorter than [`mlp_parameter_count`] or `x` shorter than `sizes[0]`.
///
/// ```
/// use benchmarks::graph::mlp;
/// use compgraph::Graph;
/// let mut g = Graph::new();
/// // One neuron, linear: 0.5 + 2·3 = 6.5
/// let out = mlp(&mut g, &[1, 1], &[2.0, 0.5], &[3.0]);
/// assert_eq!(g.value(out[0]), 6.5);
/// ```
pub fn mlp(g: &mut Graph, sizes: &[usize], parameters: &[f64], x: &[f64]) -> Vec<NodeId> {
    let mut parameters = parameters.iter();
    let mut parameter = |g: &mut Graph| g.input("", *parameters.next().expect("enough parameters"));
    let mut layer: Vec<NodeId> = x[..sizes[0]].iter().map(|&xi| g.constant(xi)).collect();
    for (l, &size) in sizes.iter().enumerate().skip(1) {
        let hidden = l + 1 < sizes.len();
        let mut next = Vec::with_capacity(size);
        for _ in 0..size {
            let weights: Vec<NodeId> = layer.iter().map(|_| parameter(g)).collect();
            let mut activation = parameter(g);
            for (&w, &input) in weights.iter().zip(&layer) {
                let wx = g.mul(w, input);
                activation = g.add(activation, wx);
            }
            next.push(if hidden {
                g.relu(activation)
            } else {
                activation
            });
        }
        layer = next;
    }
    layer
}

/// How fast a graph was built, evaluated and backpropagated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Throughput {
    /// Graphs built, evaluated and backpropagated.
    pub graphs: usize,
    /// Nodes in one graph.
    pub nodes: usize,
    /// Seconds it took.
    pub seconds: f64,
}

impl Throughput {
    /// Nodes per second.
    pub fn nodes_per_second(&self) -> f64 {
        (self.graphs * self.nodes) as f64 / self.seconds
    }
}

/// Builds a graph with `build` (values are computed as the gates are added:
/// the forward pass), runs [`Graph::backward`] from the node it returns, and
/// repeats for at least `duration`.
pub fn throughput(duration: Duration, mut build: impl FnMut(&mut Graph) -> NodeId) -> Throughput {
    let start = Instant::now();
    let (mut graphs, mut nodes) = (0, 0);
    while graphs == 0 || start.elapsed() < duration {
        for _ in 0..16 {
            let mut g = Graph::new();
            let output = build(&mut g);
            g.backward(output);
            nodes = g.node_count();
        }
        graphs += 16;
    }
    let seconds = start.elapsed().as_secs_f64();
    Throughput {
        graphs,
        nodes,
        seconds,
    }
}
