//! The graph: its nodes in the order they were built, the forward pass and
//! the backward pass.
//!
//! A gate is built after its inputs, so the order of building is a
//! topological order: the forward pass walks it from the first node, the
//! backward pass from the last. A built gate cannot be rewired, so the graph
//! stays acyclic without any check.

use crate::op::Op;
use std::borrow::Cow;
use std::fmt;
use std::ops::{Index, Range};
use std::sync::atomic::{AtomicU32, Ordering};

/// A handle on one node of a [`Graph`]: the node's number and which graph it
/// belongs to. It is `Copy`, so it can be kept in a variable and used again in
/// a later notebook cell. Used with another graph, it makes the graph panic
/// with a message that says so, instead of naming some other node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId {
    graph: u32,
    index: u32,
}

impl NodeId {
    /// The node's number in its graph (the order it was built in).
    pub fn index(self) -> usize {
        self.index as usize
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "n{}", self.index)
    }
}

/// A gate's input values: on the stack for up to four inputs (every gate
/// but a wide max or average), so building a gate allocates nothing.
type Operands = smallvec::SmallVec<[f64; 4]>;

/// Numbers the graphs, so that a handle knows its graph.
static GRAPHS: AtomicU32 = AtomicU32::new(0);

/// What a node is: a variable, a constant or a gate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// A variable we want the gradient for (x, y, z, w0, …).
    Input,
    /// A fixed number.
    Constant,
    /// A gate computing its value from its inputs.
    Gate(Op),
}

/// One node: what it computes, its value from the forward pass and its
/// gradient ∂f/∂node from the last backward pass. Read it through the graph:
/// `g[q].value`.
#[derive(Debug, Clone)]
pub struct Node {
    /// Input, constant or gate.
    pub kind: Kind,
    /// The node's name (empty for unnamed gates and constants): borrowed
    /// when written in the code (`g.input("x", …)`), owned when parsed.
    pub name: Cow<'static, str>,
    /// The value from the forward pass.
    pub value: f64,
    /// ∂f/∂node from the last backward pass (0 before any).
    pub grad: f64,
    /// Its input wires: a range of [`Graph::wires`] (empty for a leaf).
    wires: Range<usize>,
}

/// A wire from an input into a gate, with the local derivative ∂gate/∂input
/// that the forward pass computed.
#[derive(Debug, Clone, Copy)]
struct Wire {
    input: usize,
    local: f64,
}

/// A computational graph of scalar gates (slides "Determining gradients with
/// backprop" to "Exercise: What about max or average?").
///
/// Building a gate computes its value at once (the forward pass, node by
/// node); [`Graph::backward`] then fills every node's gradient.
///
/// ```
/// use compgraph::Graph;
/// let mut g = Graph::new();
/// let (x, y, z) = (g.input("x", -2.0), g.input("y", 5.0), g.input("z", -4.0));
/// let q = g.add(x, y); // q = x + y
/// let f = g.mul(q, z); // f = q · z
/// assert_eq!(g.value(f), -12.0);
/// g.backward(f);
/// assert_eq!((g.grad(x), g.grad(y), g.grad(z)), (-4.0, -4.0, 3.0));
/// ```
#[derive(Debug, Clone)]
pub struct Graph {
    /// This graph's number, carried by its handles.
    id: u32,
    /// Every node, each after its inputs.
    nodes: Vec<Node>,
    /// Every gate's input wires, gate after gate, in operand order.
    wires: Vec<Wire>,
}

impl Default for Graph {
    fn default() -> Self {
        Graph {
            id: GRAPHS.fetch_add(1, Ordering::Relaxed),
            nodes: Vec::new(),
            wires: Vec::new(),
        }
    }
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a variable named `name` with value `value`.
    pub fn input(&mut self, name: impl Into<Cow<'static, str>>, value: f64) -> NodeId {
        self.push(Kind::Input, name.into(), value, 0..0)
    }

    /// Adds a constant.
    pub fn constant(&mut self, value: f64) -> NodeId {
        self.push(Kind::Constant, Cow::Borrowed(""), value, 0..0)
    }

    /// Adds the gate `op` fed by `inputs` (in operand order) and computes its
    /// value and its local derivatives: the forward pass of this one gate.
    ///
    /// # Panics
    /// If `inputs` does not fit the gate ("gate `max` takes at least 1 input,
    /// got 0") or a handle belongs to another graph.
    pub fn gate(&mut self, op: Op, inputs: &[NodeId]) -> NodeId {
        let arity = op.arity();
        assert!(
            arity.accepts(inputs.len()),
            "gate `{op}` takes {arity}, got {}",
            inputs.len()
        );
        let operands: Operands = inputs.iter().map(|&input| self[input].value).collect();
        let (value, local) = op.forward(&operands);
        let start = self.wires.len();
        for (position, &input) in inputs.iter().enumerate() {
            let (input, local) = (input.index(), local.at(position));
            self.wires.push(Wire { input, local });
        }
        let wires = start..self.wires.len();
        self.push(Kind::Gate(op), Cow::Borrowed(""), value, wires)
    }

    fn push(
        &mut self,
        kind: Kind,
        name: Cow<'static, str>,
        value: f64,
        wires: Range<usize>,
    ) -> NodeId {
        let (grad, index) = (0.0, self.nodes.len() as u32);
        self.nodes.push(Node {
            kind,
            name,
            value,
            grad,
            wires,
        });
        NodeId {
            graph: self.id,
            index,
        }
    }

    /// The forward pass again, from the first node to the last: recomputes
    /// every gate's value and local derivatives, e.g. after [`Graph::set_value`].
    pub fn forward(&mut self) {
        for node in 0..self.nodes.len() {
            let Kind::Gate(op) = self.nodes[node].kind else {
                continue;
            };
            let wires = &mut self.wires[self.nodes[node].wires.clone()];
            let operands: Operands = wires.iter().map(|w| self.nodes[w.input].value).collect();
            let (value, local) = op.forward(&operands);
            self.nodes[node].value = value;
            for (position, wire) in wires.iter_mut().enumerate() {
                wire.local = local.at(position);
            }
        }
    }

    /// The backward pass from `output`: sets ∂output/∂node on every node.
    ///
    /// Gradients are reset first, so calling it twice gives the same gradients.
    /// Then the nodes are visited in *reverse topological order* — every node
    /// before the nodes it was built from, here simply from the last node built
    /// to the first — so a node's gradient is complete before it is passed on.
    /// Each gate passes its gradient (the upstream gradient) to its inputs
    /// multiplied by the local derivative: the chain rule. A node feeding
    /// several gates *adds up* what each of them sends back (slide "Dealing
    /// with branches").
    ///
    /// # Panics
    /// If `output` belongs to another graph.
    ///
    /// ```
    /// use compgraph::Graph;
    /// let mut g = Graph::new();
    /// let x = g.input("x", 3.0);
    /// let f = g.mul(x, x); // x feeds the gate twice: ∂f/∂x = x + x
    /// g.backward(f);
    /// g.backward(f); // no doubling
    /// assert_eq!(g.grad(x), 6.0);
    /// ```
    pub fn backward(&mut self, output: NodeId) {
        let output = self.check(output);
        for node in &mut self.nodes {
            node.grad = 0.0;
        }
        self.nodes[output].grad = 1.0;
        for node in (0..=output).rev() {
            let upstream = self.nodes[node].grad;
            for wire in &self.wires[self.nodes[node].wires.clone()] {
                self.nodes[wire.input].grad += wire.local * upstream;
            }
        }
    }

    /// The node's value from the forward pass.
    ///
    /// # Panics
    /// If `id` belongs to another graph.
    pub fn value(&self, id: NodeId) -> f64 {
        self[id].value
    }

    /// ∂f/∂node, where f is the node the last [`Graph::backward`] started from.
    ///
    /// # Panics
    /// If `id` belongs to another graph.
    pub fn grad(&self, id: NodeId) -> f64 {
        self[id].grad
    }

    /// The position of `id` in this graph.
    ///
    /// # Panics
    /// If `id` belongs to another graph.
    fn check(&self, id: NodeId) -> usize {
        assert!(
            id.graph == self.id && id.index() < self.nodes.len(),
            "node {id} belongs to another graph: a handle works only with the graph that built it"
        );
        id.index()
    }
}

impl Index<NodeId> for Graph {
    type Output = Node;

    /// The node behind a handle: `g[q].value()`.
    ///
    /// # Panics
    /// If `id` belongs to another graph.
    fn index(&self, id: NodeId) -> &Node {
        &self.nodes[self.check(id)]
    }
}

/// Beyond forward and backward: names, values given afterwards, the list of
/// nodes (for drawing and for the parser).
impl Graph {
    /// Names a node (e.g. `q` for the slide's q = x + y); the name shows in every drawing.
    ///
    /// # Panics
    /// If `id` belongs to another graph.
    pub fn set_name(&mut self, id: NodeId, name: impl Into<Cow<'static, str>>) {
        let node = self.check(id);
        self.nodes[node].name = name.into();
    }

    /// Gives an input or a constant a new value; call [`Graph::forward`] afterwards.
    ///
    /// # Panics
    /// If `id` is a gate (gates compute their values) or belongs to another graph.
    pub fn set_value(&mut self, id: NodeId, value: f64) {
        let index = self.check(id);
        let node = &mut self.nodes[index];
        assert!(
            !matches!(node.kind, Kind::Gate(_)),
            "node {id} is a gate: only inputs and constants are given values"
        );
        node.value = value;
    }

    /// The number of nodes.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// Every node with its handle, in the order they were built.
    pub fn nodes(&self) -> impl Iterator<Item = (NodeId, &Node)> {
        let graph = self.id;
        (0..)
            .zip(&self.nodes)
            .map(move |(index, node)| (NodeId { graph, index }, node))
    }

    /// The inputs (variables) with their names, in the order they were built.
    pub fn inputs(&self) -> impl Iterator<Item = (NodeId, &str)> {
        self.nodes()
            .filter(|(_, node)| node.kind == Kind::Input)
            .map(|(id, node)| (id, node.name.as_ref()))
    }

    /// The first input called `name`.
    pub fn find(&self, name: &str) -> Option<NodeId> {
        self.inputs().find(|&(_, n)| n == name).map(|(id, _)| id)
    }

    /// A gate's inputs, in operand order (empty for inputs and constants).
    ///
    /// # Panics
    /// If `id` belongs to another graph.
    pub fn operands(&self, id: NodeId) -> Vec<NodeId> {
        let wires = &self.wires[self[id].wires.clone()];
        let graph = self.id;
        let handle = |w: &Wire| NodeId {
            graph,
            index: w.input as u32,
        };
        wires.iter().map(handle).collect()
    }
}
