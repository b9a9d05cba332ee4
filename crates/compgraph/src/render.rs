//! Drawing a graph: DOT text (petgraph's writer), SVG (laid out in pure
//! Rust), and a terminal view. The core in `graph.rs` needs no graph
//! library: the order nodes are built in is already a topological order.

use crate::graph::{Graph, Kind, Node};
use crate::op::Op;
use layout::backends::svg::SVGWriter;
use layout::gv::{DotParser, GraphBuilder};
use petgraph::dot::{Config, Dot, RankDir};
use petgraph::graph::{DiGraph, NodeIndex};
use std::fmt;

/// A number as the drawings show it: at most four decimals, no trailing zeros.
///
/// ```
/// assert_eq!(compgraph::number(0.731058), "0.7311");
/// assert_eq!(compgraph::number(-12.0), "-12");
/// ```
pub fn number(x: f64) -> String {
    decimals(x, 4)
}

/// `x` with at most `places` decimals and no trailing zeros (and `0`, not
/// `-0`): how the course prints every number it shows.
///
/// ```
/// assert_eq!(compgraph::decimals(2.50, 2), "2.5");
/// assert_eq!(compgraph::decimals(-0.0001, 2), "0");
/// assert_eq!(compgraph::decimals(39.0, 2), "39");
/// ```
pub fn decimals(x: f64, places: usize) -> String {
    let fixed = format!("{x:.places$}");
    let trimmed = trim_zeros(&fixed);
    match trimmed {
        "-0" => "0".to_owned(),
        other => other.to_owned(),
    }
}

/// `x` in scientific notation with at most `places` decimals in the
/// mantissa, no trailing zeros: `1.5e12`, `1e200`.
///
/// ```
/// assert_eq!(compgraph::scientific(1.5e12, 1), "1.5e12");
/// assert_eq!(compgraph::scientific(1e200, 4), "1e200");
/// assert_eq!(compgraph::scientific(-2.25e-7, 4), "-2.25e-7");
/// ```
pub fn scientific(x: f64, places: usize) -> String {
    let text = format!("{x:.places$e}");
    let (mantissa, exponent) = text.split_once('e').expect("{:e} writes an e");
    format!("{}e{exponent}", trim_zeros(mantissa))
}

/// A decimal number's text without the zeros (and point) that end it.
fn trim_zeros(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

/// What a node is called in drawings: the input's name, the constant's
/// value, or the gate's symbol (with its name, if it has one: `q (+)`).
fn title(node: &Node) -> String {
    match (node.kind, node.name.as_ref()) {
        (Kind::Input, name) => name.to_owned(),
        (Kind::Constant, _) => number(node.value),
        (Kind::Gate(op), "") => op.to_string(),
        (Kind::Gate(op), name) => format!("{name} ({op})"),
    }
}

/// Escapes the characters that are special inside a DOT record label.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '"' | '\\' | '{' | '}' | '|' | '<' | '>') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

impl Graph {
    /// The graph in Graphviz DOT, left to right, one record per node with
    /// its operation, its value and its gradient (micrograd's `data | grad`).
    ///
    /// ```
    /// use compgraph::Graph;
    /// let mut g = Graph::new();
    /// let (x, y, z) = (g.input("x", -2.0), g.input("y", 5.0), g.input("z", -4.0));
    /// let q = g.add(x, y);
    /// g.set_name(q, "q");
    /// let f = g.mul(q, z);
    /// g.backward(f);
    /// assert_eq!(g.dot(), r#"digraph {
    ///     rankdir="LR"
    ///     0 [ shape = record, label = "x | value -2 | grad -4"]
    ///     1 [ shape = record, label = "y | value 5 | grad -4"]
    ///     2 [ shape = record, label = "z | value -4 | grad 3"]
    ///     3 [ shape = record, label = "q (+) | value 3 | grad -4"]
    ///     4 [ shape = record, label = "* | value -12 | grad 1"]
    ///     0 -> 3 [ ]
    ///     1 -> 3 [ ]
    ///     3 -> 4 [ ]
    ///     2 -> 4 [ ]
    /// }
    /// "#);
    /// ```
    pub fn dot(&self) -> String {
        let config = [
            Config::NodeNoLabel,
            Config::EdgeNoLabel,
            Config::RankDir(RankDir::LR),
        ];
        let drawing = self.to_petgraph();
        let node = |_, (_, node): (_, &&Node)| {
            let (value, grad) = (number(node.value), number(node.grad));
            let title = escape(&title(node));
            format!(r#"shape = record, label = "{title} | value {value} | grad {grad}""#)
        };
        let dot = Dot::with_attr_getters(&drawing, &config, &|_, _| String::new(), &node);
        format!("{dot:?}")
    }

    /// The graph as a petgraph DAG for drawing: the same node numbers, one
    /// edge from each input to the gate that consumes it.
    fn to_petgraph(&self) -> DiGraph<&Node, ()> {
        let mut drawing = DiGraph::new();
        for (_, node) in self.nodes() {
            drawing.add_node(node);
        }
        for (id, _) in self.nodes() {
            for input in self.operands(id) {
                drawing.add_edge(
                    NodeIndex::new(input.index()),
                    NodeIndex::new(id.index()),
                    (),
                );
            }
        }
        drawing
    }

    /// The graph drawn as SVG, laid out by `layout-rs` from [`Graph::dot`]
    /// (no Graphviz needed).
    ///
    /// ```
    /// use compgraph::Graph;
    /// let mut g = Graph::new();
    /// let x = g.input("x", 1.0);
    /// g.sigmoid(x);
    /// let svg = g.svg();
    /// assert!(svg.contains("<svg") && svg.contains("value 0.7311"));
    /// ```
    pub fn svg(&self) -> String {
        let dot = self.dot();
        let mut parser = DotParser::new(&dot);
        let Ok(ast) = parser.process() else {
            // Cannot happen: `dot` escapes every label.
            return String::from(r#"<svg xmlns="http://www.w3.org/2000/svg"/>"#);
        };
        let mut builder = GraphBuilder::new();
        builder.visit_graph(&ast);
        let mut svg = SVGWriter::new();
        builder.get().do_it(false, false, false, &mut svg);
        svg.finalize()
    }

    /// Shows the graph inline in a Jupyter notebook (evcxr calls this).
    pub fn evcxr_display(&self) {
        println!(
            "EVCXR_BEGIN_CONTENT image/svg+xml\n{}\nEVCXR_END_CONTENT",
            self.svg()
        );
    }
}

/// The terminal view: one line per node in backward order (the output first),
/// with its operation, its inputs, its value and its gradient.
///
/// ```
/// use compgraph::Graph;
/// let mut g = Graph::new();
/// let (x, y) = (g.input("x", 3.0), g.input("y", 4.0));
/// let f = g.mul(x, y);
/// g.backward(f);
/// assert_eq!(g.to_string(), "\
/// node  op     inputs      value      grad
/// n2    *      n0 n1          12         1
/// n1    y                      4         3
/// n0    x                      3         4
/// ");
/// ```
impl fmt::Display for Graph {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        writeln!(
            f,
            "{:<5} {:<6} {:<8} {:>8} {:>9}",
            "node", "op", "inputs", "value", "grad"
        )?;
        let nodes: Vec<_> = self.nodes().collect();
        for &(id, node) in nodes.iter().rev() {
            let inputs: Vec<String> = self.operands(id).iter().map(|i| i.to_string()).collect();
            let (value, grad) = (number(node.value), number(node.grad));
            let (id, title, inputs) = (id.to_string(), title(node), inputs.join(" "));
            writeln!(f, "{id:<5} {title:<6} {inputs:<8} {value:>8} {grad:>9}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Op {
    /// The gate's label as the slides draw it: `+`, `*`, `exp`, `+1`, `*-1`, `1/x`, …
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Op::Add => write!(f, "+"),
            Op::Sub => write!(f, "-"),
            Op::Mul => write!(f, "*"),
            Op::Div => write!(f, "/"),
            Op::AddConst(c) if *c < 0.0 => write!(f, "-{}", number(-c)),
            Op::AddConst(c) => write!(f, "+{}", number(*c)),
            Op::MulConst(a) => write!(f, "*{}", number(*a)),
            Op::Exp => write!(f, "exp"),
            Op::Ln => write!(f, "ln"),
            Op::Recip => write!(f, "1/x"),
            Op::Powi(n) => write!(f, "^{n}"),
            Op::Sigmoid => write!(f, "sigmoid"),
            Op::Tanh => write!(f, "tanh"),
            Op::Relu => write!(f, "relu"),
            Op::Max => write!(f, "max"),
            Op::Average => write!(f, "average"),
        }
    }
}
