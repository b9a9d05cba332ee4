//! The graph: nodes in a petgraph DAG, the forward pass and the backward pass.

use crate::op::{Arity, Op};
use petgraph::Direction::Incoming;
use petgraph::algo::{has_path_connecting, toposort};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::borrow::Cow;
use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};

/// A handle on one node of a [`Graph`]: the node's index and which graph it
/// belongs to. It is `Copy`, so it can be kept in a variable and used again in
/// a later notebook cell; used with another graph it is an error, not a
/// silent mix-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId {
    graph: u32,
    pub(crate) node: NodeIndex,
}

impl NodeId {
    /// The node's number in its graph (the order it was added in).
    pub fn index(self) -> usize {
        self.node.index()
    }
}

/// Numbers the graphs, so that a handle knows its graph.
static GRAPHS: AtomicU32 = AtomicU32::new(0);

fn new_graph_id() -> u32 {
    GRAPHS.fetch_add(1, Ordering::Relaxed)
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "n{}", self.index())
    }
}

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
/// gradient ∂f/∂node from the last backward pass.
#[derive(Debug, Clone)]
pub struct Node {
    kind: Kind,
    name: Cow<'static, str>,
    value: f64,
    grad: f64,
}

impl Node {
    /// Input, constant or gate.
    pub fn kind(&self) -> Kind {
        self.kind
    }
    /// The node's name (empty for unnamed gates and constants).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The value from the forward pass.
    pub fn value(&self) -> f64 {
        self.value
    }
    /// ∂f/∂node from the last backward pass (0 before any).
    pub fn grad(&self) -> f64 {
        self.grad
    }
}

/// A wire from an input to the gate consuming it: which operand it is, and
/// the local derivative ∂gate/∂input computed in the forward pass.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Wire {
    pub(crate) position: usize,
    pub(crate) local: f64,
}

/// What can go wrong when building or using a graph.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GraphError {
    /// The handle does not name a node of this graph.
    #[error("node {0} is not in this graph")]
    UnknownNode(NodeId),
    /// The wire would make the graph cyclic.
    #[error("wiring {input} into {gate} would create a cycle")]
    Cycle {
        /// The gate that would consume `input`.
        gate: NodeId,
        /// The node that depends on `gate`.
        input: NodeId,
    },
    /// A gate got the wrong number of inputs.
    #[error("gate `{op}` takes {expected}, got {found}")]
    Arity {
        /// The gate.
        op: Op,
        /// What it takes.
        expected: Arity,
        /// What it got.
        found: usize,
    },
    /// Only inputs and constants can be given a value; gates compute theirs.
    #[error("node {0} is a gate: only inputs and constants are given values")]
    NotALeaf(NodeId),
    /// The gate has no operand at that position.
    #[error("gate {gate} has no operand {position}")]
    NoSuchOperand {
        /// The gate.
        gate: NodeId,
        /// The position asked for.
        position: usize,
    },
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
/// let q = g.add(x, y)?;
/// let f = g.mul(q, z)?;
/// assert_eq!(g.value(f)?, -12.0);
/// g.backward(f)?;
/// assert_eq!((g.grad(x)?, g.grad(y)?, g.grad(z)?), (-4.0, -4.0, 3.0));
/// # Ok::<(), compgraph::GraphError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Graph {
    /// This graph's number, carried by its handles.
    id: u32,
    pub(crate) dag: DiGraph<Node, Wire>,
    /// Every node after all of its inputs. A gate is added after its inputs,
    /// so the order of addition is one; [`Graph::replace_input`] re-sorts.
    pub(crate) order: Vec<NodeIndex>,
    /// Scratch space for a gate's input values, reused to avoid allocations.
    operands: Vec<f64>,
}

impl Default for Graph {
    fn default() -> Self {
        Graph {
            id: new_graph_id(),
            dag: DiGraph::default(),
            order: Vec::new(),
            operands: Vec::new(),
        }
    }
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// Removes every node, keeping the allocated memory (for rebuilding a
    /// graph many times). Handles on the old nodes become unknown.
    pub fn clear(&mut self) {
        self.dag.clear();
        self.order.clear();
        self.id = new_graph_id();
    }

    /// The handle of node `node` of this graph.
    pub(crate) fn handle(&self, node: NodeIndex) -> NodeId {
        NodeId {
            graph: self.id,
            node,
        }
    }

    /// The number of nodes.
    pub fn node_count(&self) -> usize {
        self.dag.node_count()
    }

    /// Adds a variable named `name` with value `value`.
    ///
    /// The name is a `&'static str` (no allocation) or a `String`.
    pub fn input(&mut self, name: impl Into<Cow<'static, str>>, value: f64) -> NodeId {
        self.leaf(Kind::Input, name.into(), value)
    }

    /// Adds a constant.
    pub fn constant(&mut self, value: f64) -> NodeId {
        self.leaf(Kind::Constant, Cow::Borrowed(""), value)
    }

    fn leaf(&mut self, kind: Kind, name: Cow<'static, str>, value: f64) -> NodeId {
        let leaf = self.dag.add_node(Node {
            kind,
            name,
            value,
            grad: 0.0,
        });
        self.order.push(leaf);
        self.handle(leaf)
    }

    /// Adds the gate `op` fed by `inputs` (in operand order) and computes its value.
    ///
    /// # Errors
    /// [`GraphError::UnknownNode`] for a handle from elsewhere,
    /// [`GraphError::Arity`] for the wrong number of inputs.
    pub fn gate(&mut self, op: Op, inputs: &[NodeId]) -> Result<NodeId, GraphError> {
        if !op.arity().accepts(inputs.len()) {
            let (expected, found) = (op.arity(), inputs.len());
            return Err(GraphError::Arity {
                op,
                expected,
                found,
            });
        }
        self.operands.clear();
        for &input in inputs {
            self.operands.push(self.node(input)?.value);
        }
        let (value, local) = op.forward(&self.operands);
        let kind = Kind::Gate(op);
        let gate = self.dag.add_node(Node {
            kind,
            name: Cow::Borrowed(""),
            value,
            grad: 0.0,
        });
        self.order.push(gate);
        for (position, input) in inputs.iter().enumerate() {
            let wire = Wire {
                position,
                local: local.at(position),
            };
            self.dag.add_edge(input.node, gate, wire);
        }
        Ok(self.handle(gate))
    }

    /// x + y
    ///
    /// # Errors
    /// As [`Graph::gate`].
    pub fn add(&mut self, x: NodeId, y: NodeId) -> Result<NodeId, GraphError> {
        self.gate(Op::Add, &[x, y])
    }
    /// x − y
    ///
    /// # Errors
    /// As [`Graph::gate`].
    pub fn sub(&mut self, x: NodeId, y: NodeId) -> Result<NodeId, GraphError> {
        self.gate(Op::Sub, &[x, y])
    }
    /// x · y
    ///
    /// # Errors
    /// As [`Graph::gate`].
    pub fn mul(&mut self, x: NodeId, y: NodeId) -> Result<NodeId, GraphError> {
        self.gate(Op::Mul, &[x, y])
    }
    /// x / y
    ///
    /// # Errors
    /// As [`Graph::gate`].
    pub fn div(&mut self, x: NodeId, y: NodeId) -> Result<NodeId, GraphError> {
        self.gate(Op::Div, &[x, y])
    }
    /// −x
    ///
    /// # Errors
    /// As [`Graph::gate`].
    pub fn neg(&mut self, x: NodeId) -> Result<NodeId, GraphError> {
        self.gate(Op::Neg, &[x])
    }
    /// c + x
    ///
    /// # Errors
    /// As [`Graph::gate`].
    pub fn add_const(&mut self, x: NodeId, c: f64) -> Result<NodeId, GraphError> {
        self.gate(Op::AddConst(c), &[x])
    }
    /// a · x
    ///
    /// # Errors
    /// As [`Graph::gate`].
    pub fn mul_const(&mut self, x: NodeId, a: f64) -> Result<NodeId, GraphError> {
        self.gate(Op::MulConst(a), &[x])
    }
    /// eˣ
    ///
    /// # Errors
    /// As [`Graph::gate`].
    pub fn exp(&mut self, x: NodeId) -> Result<NodeId, GraphError> {
        self.gate(Op::Exp, &[x])
    }
    /// ln x
    ///
    /// # Errors
    /// As [`Graph::gate`].
    pub fn ln(&mut self, x: NodeId) -> Result<NodeId, GraphError> {
        self.gate(Op::Ln, &[x])
    }
    /// 1/x
    ///
    /// # Errors
    /// As [`Graph::gate`].
    pub fn recip(&mut self, x: NodeId) -> Result<NodeId, GraphError> {
        self.gate(Op::Recip, &[x])
    }
    /// xⁿ
    ///
    /// # Errors
    /// As [`Graph::gate`].
    pub fn powi(&mut self, x: NodeId, n: i32) -> Result<NodeId, GraphError> {
        self.gate(Op::Powi(n), &[x])
    }
    /// σ(x), the fused sigmoid gate.
    ///
    /// # Errors
    /// As [`Graph::gate`].
    pub fn sigmoid(&mut self, x: NodeId) -> Result<NodeId, GraphError> {
        self.gate(Op::Sigmoid, &[x])
    }
    /// tanh x
    ///
    /// # Errors
    /// As [`Graph::gate`].
    pub fn tanh(&mut self, x: NodeId) -> Result<NodeId, GraphError> {
        self.gate(Op::Tanh, &[x])
    }
    /// max(0, x)
    ///
    /// # Errors
    /// As [`Graph::gate`].
    pub fn relu(&mut self, x: NodeId) -> Result<NodeId, GraphError> {
        self.gate(Op::Relu, &[x])
    }
    /// The largest of `xs`.
    ///
    /// # Errors
    /// As [`Graph::gate`] (`xs` must not be empty).
    pub fn max(&mut self, xs: &[NodeId]) -> Result<NodeId, GraphError> {
        self.gate(Op::Max, xs)
    }
    /// The average of `xs`.
    ///
    /// # Errors
    /// As [`Graph::gate`] (`xs` must not be empty).
    pub fn mean(&mut self, xs: &[NodeId]) -> Result<NodeId, GraphError> {
        self.gate(Op::Mean, xs)
    }

    /// Names a node (e.g. `q` for the slide's q = x + y); the name shows in every drawing.
    ///
    /// # Errors
    /// [`GraphError::UnknownNode`].
    pub fn set_name(
        &mut self,
        id: NodeId,
        name: impl Into<Cow<'static, str>>,
    ) -> Result<(), GraphError> {
        self.node_mut(id)?.name = name.into();
        Ok(())
    }

    /// The node behind a handle.
    ///
    /// # Errors
    /// [`GraphError::UnknownNode`].
    pub fn node(&self, id: NodeId) -> Result<&Node, GraphError> {
        self.dag
            .node_weight(id.node)
            .filter(|_| id.graph == self.id)
            .ok_or(GraphError::UnknownNode(id))
    }

    fn node_mut(&mut self, id: NodeId) -> Result<&mut Node, GraphError> {
        self.dag
            .node_weight_mut(id.node)
            .filter(|_| id.graph == self.id)
            .ok_or(GraphError::UnknownNode(id))
    }

    /// The node's value from the forward pass.
    ///
    /// # Errors
    /// [`GraphError::UnknownNode`].
    pub fn value(&self, id: NodeId) -> Result<f64, GraphError> {
        Ok(self.node(id)?.value)
    }

    /// ∂f/∂node, where f is the node the last [`Graph::backward`] started from.
    ///
    /// # Errors
    /// [`GraphError::UnknownNode`].
    pub fn grad(&self, id: NodeId) -> Result<f64, GraphError> {
        Ok(self.node(id)?.grad)
    }

    /// The first input called `name`.
    pub fn find(&self, name: &str) -> Option<NodeId> {
        self.inputs().find(|&(_, n)| n == name).map(|(id, _)| id)
    }

    /// The inputs (variables) with their names, in the order they were added.
    pub fn inputs(&self) -> impl Iterator<Item = (NodeId, &str)> {
        self.nodes()
            .filter(|(_, node)| node.kind == Kind::Input)
            .map(|(id, node)| (id, node.name.as_ref()))
    }

    /// Every node, in the order they were added.
    pub fn nodes(&self) -> impl Iterator<Item = (NodeId, &Node)> {
        self.dag
            .node_indices()
            .map(|i| (self.handle(i), &self.dag[i]))
    }

    /// A gate's inputs, in operand order (empty for inputs and constants).
    ///
    /// # Errors
    /// [`GraphError::UnknownNode`].
    pub fn operands(&self, id: NodeId) -> Result<Vec<NodeId>, GraphError> {
        self.node(id)?;
        let mut wires: Vec<(usize, NodeId)> = (self.dag.edges_directed(id.node, Incoming))
            .map(|e| (e.weight().position, self.handle(e.source())))
            .collect();
        wires.sort_unstable();
        Ok(wires.into_iter().map(|(_, input)| input).collect())
    }

    /// Gives an input or a constant a new value; call [`Graph::forward`] afterwards.
    ///
    /// # Errors
    /// [`GraphError::UnknownNode`], [`GraphError::NotALeaf`] for a gate.
    pub fn set_value(&mut self, id: NodeId, value: f64) -> Result<(), GraphError> {
        let node = self.node_mut(id)?;
        if let Kind::Gate(_) = node.kind {
            return Err(GraphError::NotALeaf(id));
        }
        node.value = value;
        Ok(())
    }

    /// Rewires operand `position` of `gate` to come from `input` instead, and
    /// recomputes the values.
    ///
    /// # Errors
    /// [`GraphError::UnknownNode`], [`GraphError::NoSuchOperand`], and
    /// [`GraphError::Cycle`] when `input` depends on `gate` (a graph must stay acyclic).
    ///
    /// ```
    /// use compgraph::{Graph, GraphError};
    /// let mut g = Graph::new();
    /// let (x, y) = (g.input("x", 1.0), g.input("y", 2.0));
    /// let s = g.add(x, y)?;
    /// let e = g.exp(s)?;
    /// assert_eq!(g.replace_input(s, 0, e), Err(GraphError::Cycle { gate: s, input: e }));
    /// g.replace_input(s, 0, y)?; // s = y + y
    /// assert_eq!(g.value(e)?, 4.0_f64.exp());
    /// # Ok::<(), GraphError>(())
    /// ```
    pub fn replace_input(
        &mut self,
        gate: NodeId,
        position: usize,
        input: NodeId,
    ) -> Result<(), GraphError> {
        self.node(gate)?;
        self.node(input)?;
        let wire = (self.dag.edges_directed(gate.node, Incoming))
            .find(|e| e.weight().position == position)
            .map(|e| e.id())
            .ok_or(GraphError::NoSuchOperand { gate, position })?;
        if has_path_connecting(&self.dag, gate.node, input.node, None) {
            return Err(GraphError::Cycle { gate, input });
        }
        let old = self
            .dag
            .remove_edge(wire)
            .ok_or(GraphError::NoSuchOperand { gate, position })?;
        self.dag.add_edge(input.node, gate.node, old);
        // `input` may have been added after `gate`: sort again.
        self.order = toposort(&self.dag, None).map_err(|_| GraphError::Cycle { gate, input })?;
        self.forward();
        Ok(())
    }

    /// The forward pass: recomputes every gate's value (and local derivatives)
    /// in topological order, e.g. after [`Graph::set_value`].
    pub fn forward(&mut self) {
        for k in 0..self.order.len() {
            let gate = self.order[k];
            let Kind::Gate(op) = self.dag[gate].kind else {
                continue;
            };
            self.operands.clear();
            for e in self.dag.edges_directed(gate, Incoming) {
                let position = e.weight().position;
                if self.operands.len() <= position {
                    self.operands.resize(position + 1, 0.0);
                }
                self.operands[position] = self.dag[e.source()].value;
            }
            let (value, local) = op.forward(&self.operands);
            self.dag[gate].value = value;
            let mut wires = self.dag.neighbors_directed(gate, Incoming).detach();
            while let Some(wire) = wires.next_edge(&self.dag) {
                let w = &mut self.dag[wire];
                w.local = local.at(w.position);
            }
        }
    }

    /// The backward pass from `output`: sets ∂output/∂node on every node.
    ///
    /// Gradients are reset first, so calling it twice gives the same gradients.
    /// Then, in reverse topological order, each gate passes its gradient
    /// (the upstream gradient) to its inputs multiplied by the local
    /// derivative: the chain rule. A node feeding several gates *adds up*
    /// what each of them sends back (slide "Dealing with branches").
    ///
    /// # Errors
    /// [`GraphError::UnknownNode`] when `output` is not in the graph.
    ///
    /// ```
    /// use compgraph::Graph;
    /// let mut g = Graph::new();
    /// let x = g.input("x", 3.0);
    /// let f = g.mul(x, x)?; // x feeds the gate twice: ∂f/∂x = x + x
    /// g.backward(f)?;
    /// g.backward(f)?; // no doubling
    /// assert_eq!(g.grad(x)?, 6.0);
    /// # Ok::<(), compgraph::GraphError>(())
    /// ```
    pub fn backward(&mut self, output: NodeId) -> Result<(), GraphError> {
        self.node(output)?;
        for node in self.dag.node_weights_mut() {
            node.grad = 0.0;
        }
        self.dag[output.node].grad = 1.0;
        for &gate in self.order.iter().rev() {
            let upstream = self.dag[gate].grad;
            let mut wires = self.dag.neighbors_directed(gate, Incoming).detach();
            while let Some((wire, input)) = wires.next(&self.dag) {
                self.dag[input].grad += self.dag[wire].local * upstream;
            }
        }
        Ok(())
    }
}
