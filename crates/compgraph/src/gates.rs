//! One method per gate, so that building a graph reads like the formula:
//! `let q = g.add(x, y); let f = g.mul(q, z);` for q = x + y, f = q·z.
//!
//! Each is [`Graph::gate`] with its [`Op`]; the number of inputs is fixed by
//! the method's signature, so only `max` and `average` (any number of inputs,
//! at least one) can get a wrong count, and that panics with a message
//! naming the gate. Every method panics, too, when given a handle from
//! another graph.

use crate::graph::{Graph, NodeId};
use crate::op::Op;

impl Graph {
    /// x + y
    pub fn add(&mut self, x: NodeId, y: NodeId) -> NodeId {
        self.gate(Op::Add, &[x, y])
    }
    /// x − y
    pub fn sub(&mut self, x: NodeId, y: NodeId) -> NodeId {
        self.gate(Op::Sub, &[x, y])
    }
    /// x · y
    pub fn mul(&mut self, x: NodeId, y: NodeId) -> NodeId {
        self.gate(Op::Mul, &[x, y])
    }
    /// x / y
    pub fn div(&mut self, x: NodeId, y: NodeId) -> NodeId {
        self.gate(Op::Div, &[x, y])
    }
    /// eˣ
    pub fn exp(&mut self, x: NodeId) -> NodeId {
        self.gate(Op::Exp, &[x])
    }
    /// ln x
    pub fn ln(&mut self, x: NodeId) -> NodeId {
        self.gate(Op::Ln, &[x])
    }
    /// 1/x (the slide's `1/x` gate)
    pub fn recip(&mut self, x: NodeId) -> NodeId {
        self.gate(Op::Recip, &[x])
    }
    /// σ(x) = 1/(1 + e⁻ˣ), the fused gate of "Using known derivatives as shortcuts"
    pub fn sigmoid(&mut self, x: NodeId) -> NodeId {
        self.gate(Op::Sigmoid, &[x])
    }
    /// tanh x
    pub fn tanh(&mut self, x: NodeId) -> NodeId {
        self.gate(Op::Tanh, &[x])
    }
    /// max(0, x)
    pub fn relu(&mut self, x: NodeId) -> NodeId {
        self.gate(Op::Relu, &[x])
    }
    /// c + x (the slide's `+1` gate)
    pub fn add_const(&mut self, x: NodeId, c: f64) -> NodeId {
        self.gate(Op::AddConst(c), &[x])
    }
    /// a · x (the slide's `*-1` gate)
    pub fn mul_const(&mut self, x: NodeId, a: f64) -> NodeId {
        self.gate(Op::MulConst(a), &[x])
    }
    /// xⁿ for an integer n
    pub fn powi(&mut self, x: NodeId, n: i32) -> NodeId {
        self.gate(Op::Powi(n), &[x])
    }
    /// The largest of `xs`: the max gate, a gradient router.
    ///
    /// # Panics
    /// If `xs` is empty.
    pub fn max(&mut self, xs: &[NodeId]) -> NodeId {
        self.gate(Op::Max, xs)
    }
    /// The average of `xs`: the average gate, a gradient distributor.
    ///
    /// # Panics
    /// If `xs` is empty.
    ///
    /// ```
    /// let mut g = compgraph::Graph::new();
    /// let (z, w) = (g.input("z", 2.0), g.input("w", -1.0));
    /// let a = g.average(&[z, w]);
    /// g.backward(a);
    /// assert_eq!((g.value(a), g.grad(z), g.grad(w)), (0.5, 0.5, 0.5));
    /// ```
    pub fn average(&mut self, xs: &[NodeId]) -> NodeId {
        self.gate(Op::Average, xs)
    }
}
