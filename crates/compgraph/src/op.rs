//! The gates: each one's forward value and local derivatives, side by side.

use std::fmt;

/// A gate of the computational graph: a scalar operation on one, two or more inputs.
///
/// [`Op::forward`] computes the gate's output *and* its local derivatives
/// ∂out/∂xᵢ in the same match arm, so each derivative formula from the slide
/// "A more complicated example" sits next to the function it differentiates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    /// x + y
    Add,
    /// x − y
    Sub,
    /// x · y
    Mul,
    /// x / y
    Div,
    /// c + x (the slide's "+1" gate)
    AddConst(f64),
    /// a · x (the slide's "*-1" gate)
    MulConst(f64),
    /// eˣ
    Exp,
    /// ln x
    Ln,
    /// 1/x
    Recip,
    /// xⁿ for an integer n
    Powi(i32),
    /// σ(x) = 1/(1 + e⁻ˣ), the fused gate of "Using known derivatives as shortcuts"
    Sigmoid,
    /// tanh x
    Tanh,
    /// max(0, x)
    Relu,
    /// max(x₁, …, xₙ)
    Max,
    /// (x₁ + … + xₙ)/n, the average gate of "Exercise: What about max or average?"
    Average,
}

/// The local derivatives ∂out/∂xᵢ of one gate, one per input position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Local {
    /// A gate with one input.
    One(f64),
    /// A gate with two inputs.
    Two(f64, f64),
    /// The max gate routes the gradient: 1 to the input at this position, 0 to the others.
    Winner(usize),
    /// The average gate spreads the gradient: the same derivative (1/n) for every input.
    Each(f64),
}

impl Local {
    /// ∂out/∂x at input `position`.
    ///
    /// ```
    /// use compgraph::Local;
    /// assert_eq!(Local::Winner(1).at(0), 0.0);
    /// assert_eq!(Local::Winner(1).at(1), 1.0);
    /// assert_eq!(Local::Each(0.5).at(1), 0.5);
    /// ```
    pub fn at(self, position: usize) -> f64 {
        match self {
            Local::One(d) | Local::Each(d) => d,
            Local::Two(d0, d1) => [d0, d1][position],
            Local::Winner(winner) => f64::from(position == winner),
        }
    }
}

/// How many inputs a gate takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    /// Exactly this many.
    Exactly(usize),
    /// One or more.
    AtLeastOne,
}

impl Arity {
    /// Whether `n` inputs fit.
    pub fn accepts(self, n: usize) -> bool {
        match self {
            Arity::Exactly(k) => n == k,
            Arity::AtLeastOne => n >= 1,
        }
    }
}

impl fmt::Display for Arity {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Arity::Exactly(1) => write!(f, "1 input"),
            Arity::Exactly(k) => write!(f, "{k} inputs"),
            Arity::AtLeastOne => write!(f, "at least 1 input"),
        }
    }
}

impl Op {
    /// The gate's output for inputs `x`, with its local derivatives.
    ///
    /// `x` must hold [`Op::arity`] values ([`crate::Graph::gate`] checks this).
    ///
    /// ```
    /// use compgraph::{Local, Op};
    /// // f = q·z with q = 3, z = −4: ∂f/∂q = z, ∂f/∂z = q.
    /// assert_eq!(Op::Mul.forward(&[3.0, -4.0]), (-12.0, Local::Two(-4.0, 3.0)));
    /// // The fused sigmoid gate: σ' = (1 − σ)·σ = (1 − 0.73)·0.73 ≈ 0.2.
    /// let (s, local) = Op::Sigmoid.forward(&[1.0]);
    /// assert!((s - 0.73).abs() < 0.005 && (local.at(0) - 0.2).abs() < 0.005);
    /// ```
    pub fn forward(self, x: &[f64]) -> (f64, Local) {
        use Local::{One, Two};
        match self {
            Op::Add => (x[0] + x[1], Two(1.0, 1.0)),
            Op::Sub => (x[0] - x[1], Two(1.0, -1.0)),
            Op::Mul => (x[0] * x[1], Two(x[1], x[0])),
            Op::Div => (x[0] / x[1], Two(1.0 / x[1], -x[0] / (x[1] * x[1]))),
            Op::AddConst(c) => (c + x[0], One(1.0)),
            Op::MulConst(a) => (a * x[0], One(a)),
            Op::Exp => {
                let e = x[0].exp();
                (e, One(e))
            }
            Op::Ln => (x[0].ln(), One(1.0 / x[0])),
            Op::Recip => (1.0 / x[0], One(-1.0 / (x[0] * x[0]))),
            Op::Powi(0) => (1.0, One(0.0)),
            Op::Powi(n) => (x[0].powi(n), One(f64::from(n) * x[0].powi(n - 1))),
            Op::Sigmoid => {
                let s = 1.0 / (1.0 + (-x[0]).exp());
                (s, One((1.0 - s) * s))
            }
            Op::Tanh => {
                let t = x[0].tanh();
                (t, One(1.0 - t * t))
            }
            Op::Relu => (x[0].max(0.0), One(if x[0] > 0.0 { 1.0 } else { 0.0 })),
            Op::Max => {
                let winner = (1..x.len()).fold(0, |w, i| if x[i] > x[w] { i } else { w });
                (x[winner], Local::Winner(winner))
            }
            Op::Average => {
                let n = x.len() as f64;
                (x.iter().sum::<f64>() / n, Local::Each(1.0 / n))
            }
        }
    }

    /// How many inputs the gate takes.
    pub fn arity(self) -> Arity {
        match self {
            Op::Add | Op::Sub | Op::Mul | Op::Div => Arity::Exactly(2),
            Op::Max | Op::Average => Arity::AtLeastOne,
            _ => Arity::Exactly(1),
        }
    }
}
