//! The lecture's graphs, built gate by gate as the slides draw them.

use crate::graph::{Graph, NodeId};

/// The slide's sigmoid neuron f = 1/(1 + exp(−(w0·x0 + w1·x1 + w2))), gate by
/// gate as drawn in "A more complicated example": 5 inputs and 8 gates.
///
/// ```
/// use compgraph::{Graph, examples::sigmoid_neuron};
/// let mut g = Graph::new();
/// let f = sigmoid_neuron(&mut g, [2.0, -3.0, -3.0], [-1.0, -2.0]);
/// assert!((g.value(f) - 0.73).abs() < 0.005);
/// assert_eq!(g.node_count(), 13);
/// ```
pub fn sigmoid_neuron(g: &mut Graph, w: [f64; 3], x: [f64; 2]) -> NodeId {
    let (w0, x0) = (g.input("w0", w[0]), g.input("x0", x[0]));
    let (w1, x1) = (g.input("w1", w[1]), g.input("x1", x[1]));
    let w2 = g.input("w2", w[2]);
    let w0x0 = g.mul(w0, x0);
    let w1x1 = g.mul(w1, x1);
    let sum = g.add(w0x0, w1x1);
    let z = g.add(sum, w2);
    let minus_z = g.mul_const(z, -1.0);
    let e = g.exp(minus_z);
    let one_plus_e = g.add_const(e, 1.0);
    g.recip(one_plus_e)
}
