//! Computational graphs of scalar gates and backpropagation through them
//! (lecture 3, slides "Determining gradients with backprop" to
//! "Exercise: What about max or average?").
//!
//! # Determining gradients with backprop
//!
//! f(x, y, z) = (x + y)·z. Introduce q = x + y, so f = q·z. Each gate knows
//! its *local* derivatives (∂q/∂x = 1, ∂q/∂y = 1, ∂f/∂q = z, ∂f/∂z = q);
//! the chain rule multiplies them along the way back:
//! ∂f/∂x = ∂f/∂q · ∂q/∂x = z · 1.
//!
//! ```
//! use compgraph::Graph;
//! let mut g = Graph::new();
//! let (x, y, z) = (g.input("x", -2.0), g.input("y", 5.0), g.input("z", -4.0));
//! let q = g.add(x, y); // q = x + y: its value is computed as it is built (forward)
//! let f = g.mul(q, z); // f = q · z
//! assert_eq!((g.value(q), g.value(f)), (3.0, -12.0));
//! g.backward(f); // backward: gradients from f back to the inputs
//! assert_eq!((g.grad(x), g.grad(y), g.grad(z)), (-4.0, -4.0, 3.0));
//! ```
//!
//! # Reading the code
//!
//! The whole of backpropagation is two files: [`Op::forward`] in `op.rs`,
//! the gate table, where each gate's value and local derivatives sit side by
//! side in one match arm; and `graph.rs`, where [`Graph::gate`] stores them on
//! the gate's input wires and [`Graph::backward`] is one loop over the nodes
//! from the last built to the first, adding `local × upstream` into each
//! input's gradient. `gates.rs` holds the one-line methods (`add`, `mul`,
//! `exp`, …), `expr.rs` the formula parser, `render.rs` the drawings.
//!
//! # Handles and mistakes
//!
//! A [`NodeId`] is a small `Copy` handle (the node's number and its graph's),
//! so it survives from one notebook cell to the next. The methods that build
//! gates and read values take handles and return plain values, no `Result`:
//! a gate's number of inputs is fixed by its method (`add` takes two), and
//! the two mistakes left are programming errors that panic with a message
//! naming the cause — a handle used with a graph that did not build it
//! ("node n2 belongs to another graph: …"), and [`Graph::max`] or
//! [`Graph::average`] given no input ("gate `max` takes at least 1 input,
//! got 0"). Input from users (a formula typed in the terminal) goes through
//! [`Expression`], whose errors are values.
//!
//! # A more complicated example, and the sigmoid shortcut
//!
//! The neuron f = 1/(1 + e^−(w0·x0 + w1·x1 + w2)) at w = (2, −3, −3),
//! x = (−1, −2) outputs 0.73. Built gate by gate (`*`, `+`, `*-1`, `exp`,
//! `+1`, `1/x`) or with the fused [`Op::Sigmoid`] gate, whose local
//! derivative is (1 − σ)·σ = (1 − 0.73)·0.73 = 0.2, it gives the same
//! gradients. An [`Expression`] parses the formula into the gate-by-gate graph:
//!
//! ```
//! use compgraph::Expression;
//! let mut fused = Expression::parse("sigmoid(w0*x0 + w1*x1 + w2)")?;
//! let mut gates = Expression::parse("1/(1+exp(-(w0*x0+w1*x1+w2)))")?;
//! let at = [("w0", 2.0), ("x0", -1.0), ("w1", -3.0), ("x1", -2.0), ("w2", -3.0)];
//! let (a, b) = (fused.evaluate(&at)?, gates.evaluate(&at)?);
//! assert!((a.value - 0.73).abs() < 0.005);
//! assert!((a.gradient[4] - 0.2).abs() < 0.005); // ∂f/∂w2 = (1 − 0.73)·0.73
//! for (da, db) in a.gradient.iter().zip(&b.gradient) {
//!     assert!((da - db).abs() < 1e-12);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Dealing with branches, max and average
//!
//! A node used by several gates receives a gradient from each of them, and
//! they add up. The max gate routes its gradient to the largest input only;
//! the average gate gives each of its n inputs 1/n of it.
//!
//! ```
//! use compgraph::Graph;
//! let mut g = Graph::new();
//! let (x, y) = (g.input("x", 3.0), g.input("y", 1.0));
//! let m = g.max(&[x, y]);
//! let a = g.average(&[x, y]);
//! let f = g.add(m, a); // x reaches f through both branches
//! g.backward(f);
//! assert_eq!((g.grad(x), g.grad(y)), (1.0 + 0.5, 0.0 + 0.5));
//! ```
//!
//! # Drawing
//!
//! [`Graph::dot`] writes Graphviz DOT with each node's operation, value and
//! gradient; [`Graph::svg`] lays it out in pure Rust; `Display` prints a
//! terminal view; `evcxr_display` shows the SVG inline in a notebook.

pub mod examples;
mod expr;
mod gates;
mod graph;
mod op;
mod render;

pub use expr::{EvalError, Evaluation, Expression, ParseError};
pub use graph::{Graph, Kind, Node, NodeId};
pub use op::{Arity, Local, Op};
pub use render::{decimals, number, scientific};
