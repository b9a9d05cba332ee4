//! Expressions such as `"(x+y)*z"` parsed into a graph once, then evaluated
//! (value and gradients) at as many points as needed.

use crate::graph::{Graph, NodeId};
use crate::op::Op;

/// A syntax error, with the column (1-based, in characters) where it was found.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct ParseError {
    /// Where the error is, counting characters from 1.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl ParseError {
    /// The expression with a caret under the error's column.
    ///
    /// ```
    /// let error = compgraph::Expression::parse("(x+y*z").unwrap_err();
    /// assert_eq!(error.pointer("(x+y*z"), "(x+y*z\n      ^");
    /// ```
    pub fn pointer(&self, expression: &str) -> String {
        format!("{expression}\n{}^", " ".repeat(self.column - 1))
    }
}

/// What can go wrong when evaluating an [`Expression`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EvalError {
    /// A value was given for a name the expression does not use.
    #[error("unknown variable `{name}` (the expression uses: {uses})")]
    UnknownVariable {
        /// The name given.
        name: String,
        /// The expression's variables, comma separated.
        uses: String,
    },
    /// The expression uses a variable that got no value.
    #[error("missing a value for `{0}`")]
    MissingVariable(String),
    /// The same variable was given twice.
    #[error("`{0}` is given twice")]
    DuplicateVariable(String),
    /// A value is NaN or infinite.
    #[error("the value of `{name}` is {value}, not a number")]
    NotANumber {
        /// The variable.
        name: String,
        /// Its value.
        value: f64,
    },
    /// The expression has no finite value there (e.g. `ln(x)` at x = −1, `1/x` at 0).
    #[error("the expression is not defined there (its value is {0})")]
    Undefined(f64),
}

/// The value of an expression at a point and its gradient there.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// f at the point.
    pub value: f64,
    /// ∂f/∂v for each variable v, in the order the values were given.
    pub gradient: Vec<f64>,
}

/// An expression parsed into a computational graph.
///
/// The grammar: `+ - * /`, `^` with an integer exponent, unary minus,
/// numbers, variables, parentheses and the functions `exp`, `ln`, `sigmoid`,
/// `tanh`, `relu`, `max(a, b, …)` and `average(a, b, …)`, with the usual
/// precedence. A number next to a gate becomes that gate's constant, so
/// `1/(1+exp(-(w0*x0+w1*x1+w2)))` gives exactly the slide's gates
/// `*`, `+`, `*-1`, `exp`, `+1` and `1/x`.
///
/// ```
/// use compgraph::Expression;
/// let mut f = Expression::parse("(x+y)*z")?;
/// let at = f.evaluate(&[("x", -2.0), ("y", 5.0), ("z", -4.0)])?;
/// assert_eq!(at.value, -12.0);
/// assert_eq!(at.gradient, [-4.0, -4.0, 3.0]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Expression {
    graph: Graph,
    output: NodeId,
}

impl Expression {
    /// Parses `source` into a graph.
    ///
    /// # Errors
    /// A [`ParseError`] pointing at the offending column.
    ///
    /// ```
    /// let error = compgraph::Expression::parse("max(z,,w)").unwrap_err();
    /// assert_eq!(error.to_string(), "column 7: expected a number, a variable or '(', found ','");
    /// ```
    pub fn parse(source: &str) -> Result<Self, ParseError> {
        let tokens = lex(source)?;
        let mut parser = Parser {
            tokens,
            next: 0,
            graph: Graph::new(),
        };
        let term = parser.sum()?;
        parser.expect_end()?;
        let output = parser.node(term);
        Ok(Expression {
            graph: parser.graph,
            output,
        })
    }

    /// The graph (to draw it, or to look at every node after [`Expression::evaluate`]).
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// The node holding the expression's value.
    pub fn output(&self) -> NodeId {
        self.output
    }

    /// The variables, in the order they first appear.
    ///
    /// ```
    /// let f = compgraph::Expression::parse("x*y + x")?;
    /// assert_eq!(f.variables(), ["x", "y"]);
    /// # Ok::<(), compgraph::ParseError>(())
    /// ```
    pub fn variables(&self) -> Vec<&str> {
        self.graph.inputs().map(|(_, name)| name).collect()
    }

    /// Sets the variables to `values`, runs the forward and the backward pass,
    /// and returns the value with the gradient in the order of `values`.
    /// Can be called again and again with new values: the graph is reused.
    ///
    /// # Errors
    /// Every variable of the expression needs exactly one finite value and no
    /// other name may be given ([`EvalError`]); the value must be finite.
    ///
    /// ```
    /// let mut f = compgraph::Expression::parse("1/(1+exp(-(w0*x0+w1*x1+w2)))")?;
    /// let at = f.evaluate(&[("w0", 2.0), ("x0", -1.0), ("w1", -3.0), ("x1", -2.0), ("w2", -3.0)])?;
    /// assert!((at.value - 0.73).abs() < 0.005);
    /// let slide = [-0.2, 0.39, -0.39, -0.59, 0.2]; // dw0, dx0, dw1, dx1, dw2
    /// for (grad, expected) in at.gradient.iter().zip(slide) {
    ///     assert!((grad - expected).abs() < 0.005);
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn evaluate(&mut self, values: &[(&str, f64)]) -> Result<Evaluation, EvalError> {
        let mut inputs = Vec::with_capacity(values.len());
        for (i, &(name, value)) in values.iter().enumerate() {
            if values[..i].iter().any(|&(earlier, _)| earlier == name) {
                return Err(EvalError::DuplicateVariable(name.to_owned()));
            }
            let uses = || match self.variables().join(", ") {
                none if none.is_empty() => "none".to_owned(),
                some => some,
            };
            let input = (self.graph.find(name)).ok_or_else(|| EvalError::UnknownVariable {
                name: name.to_owned(),
                uses: uses(),
            })?;
            if !value.is_finite() {
                return Err(EvalError::NotANumber {
                    name: name.to_owned(),
                    value,
                });
            }
            inputs.push((input, value));
        }
        if let Some(missing) = self
            .variables()
            .into_iter()
            .find(|v| !values.iter().any(|g| g.0 == *v))
        {
            return Err(EvalError::MissingVariable(missing.to_owned()));
        }
        for &(input, value) in &inputs {
            self.graph.set_value(input, value);
        }
        self.graph.forward();
        let value = self.graph.value(self.output);
        if !value.is_finite() {
            return Err(EvalError::Undefined(value));
        }
        self.graph.backward(self.output);
        let gradient = (inputs.iter()).map(|&(input, _)| self.graph.grad(input));
        Ok(Evaluation {
            value,
            gradient: gradient.collect(),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    Name(String),
    Symbol(char),
    End,
}

impl std::fmt::Display for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Token::Number(x) => write!(f, "'{x}'"),
            Token::Name(name) => write!(f, "'{name}'"),
            Token::Symbol(c) => write!(f, "'{c}'"),
            Token::End => write!(f, "the end"),
        }
    }
}

fn error<T>(column: usize, message: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError {
        column,
        message: message.into(),
    })
}

/// Splits `source` into tokens, each with its column.
fn lex(source: &str) -> Result<Vec<(Token, usize)>, ParseError> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (c, column) = (chars[i], i + 1);
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        } else if c.is_ascii_digit() || c == '.' {
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            match text.parse() {
                Ok(x) => tokens.push((Token::Number(x), column)),
                Err(_) => return error(column, format!("'{text}' is not a number")),
            }
        } else if c.is_ascii_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push((Token::Name(chars[start..i].iter().collect()), column));
        } else if "+-*/^(),".contains(c) {
            tokens.push((Token::Symbol(c), column));
            i += 1;
        } else {
            return error(column, format!("unexpected character '{c}'"));
        }
    }
    tokens.push((Token::End, chars.len() + 1));
    Ok(tokens)
}

/// A parsed sub-expression: a number not yet placed in the graph, or a node.
#[derive(Debug, Clone, Copy)]
enum Term {
    Number(f64),
    Node(NodeId),
}

/// Recursive descent, one method per precedence level. Builds the graph as it goes.
struct Parser {
    tokens: Vec<(Token, usize)>,
    next: usize,
    graph: Graph,
}

impl Parser {
    fn peek(&self) -> &Token {
        &self.tokens[self.next].0
    }

    fn column(&self) -> usize {
        self.tokens[self.next].1
    }

    fn advance(&mut self) -> (Token, usize) {
        let token = self.tokens[self.next].clone();
        self.next = (self.next + 1).min(self.tokens.len() - 1);
        token
    }

    fn eat(&mut self, symbol: char) -> bool {
        let found = *self.peek() == Token::Symbol(symbol);
        if found {
            self.advance();
        }
        found
    }

    fn expect(&mut self, symbol: char) -> Result<(), ParseError> {
        if self.eat(symbol) {
            return Ok(());
        }
        error(
            self.column(),
            format!("expected '{symbol}', found {}", self.peek()),
        )
    }

    fn expect_end(&self) -> Result<(), ParseError> {
        match self.peek() {
            Token::End => Ok(()),
            token => error(
                self.column(),
                format!("unexpected {token} after the expression"),
            ),
        }
    }

    /// sum := product (('+' | '-') product)*
    fn sum(&mut self) -> Result<Term, ParseError> {
        let mut left = self.product()?;
        loop {
            let op = if self.eat('+') {
                Op::Add
            } else if self.eat('-') {
                Op::Sub
            } else {
                return Ok(left);
            };
            let right = self.product()?;
            left = self.binary(op, left, right)?;
        }
    }

    /// product := unary (('*' | '/') unary)*
    fn product(&mut self) -> Result<Term, ParseError> {
        let mut left = self.unary()?;
        loop {
            let op = if self.eat('*') {
                Op::Mul
            } else if self.eat('/') {
                Op::Div
            } else {
                return Ok(left);
            };
            let right = self.unary()?;
            left = self.binary(op, left, right)?;
        }
    }

    /// unary := '-' unary | power
    fn unary(&mut self) -> Result<Term, ParseError> {
        if !self.eat('-') {
            return self.power();
        }
        Ok(match self.unary()? {
            Term::Number(x) => Term::Number(-x),
            Term::Node(x) => self.gate(Op::MulConst(-1.0), &[x])?,
        })
    }

    /// power := atom ('^' '-'? integer)?
    fn power(&mut self) -> Result<Term, ParseError> {
        let base = self.atom()?;
        if !self.eat('^') {
            return Ok(base);
        }
        let column = self.column();
        let sign = if self.eat('-') { -1.0 } else { 1.0 };
        let (token, _) = self.advance();
        let n = match token {
            Token::Number(n) if n.fract() == 0.0 && n.abs() <= 64.0 => (sign * n) as i32,
            _ => return error(column, "the exponent must be an integer between -64 and 64"),
        };
        Ok(match base {
            Term::Number(x) => Term::Number(x.powi(n)),
            Term::Node(x) => self.gate(Op::Powi(n), &[x])?,
        })
    }

    /// atom := number | variable | function '(' sum (',' sum)* ')' | '(' sum ')'
    fn atom(&mut self) -> Result<Term, ParseError> {
        let (token, column) = self.advance();
        match token {
            Token::Number(x) => Ok(Term::Number(x)),
            Token::Symbol('(') => {
                let inner = self.sum()?;
                self.expect(')')?;
                Ok(inner)
            }
            Token::Name(name) if *self.peek() == Token::Symbol('(') => self.call(&name, column),
            Token::Name(name) => {
                let input = self.graph.find(&name);
                Ok(Term::Node(
                    input.unwrap_or_else(|| self.graph.input(name, 0.0)),
                ))
            }
            token => {
                let message = format!("expected a number, a variable or '(', found {token}");
                error(column, message)
            }
        }
    }

    /// A function call; the name is read, the '(' is next.
    fn call(&mut self, name: &str, column: usize) -> Result<Term, ParseError> {
        let op = match name {
            "exp" => Op::Exp,
            "ln" => Op::Ln,
            "sigmoid" => Op::Sigmoid,
            "tanh" => Op::Tanh,
            "relu" => Op::Relu,
            "max" => Op::Max,
            "average" => Op::Average,
            _ => {
                let known = "exp, ln, sigmoid, tanh, relu, max, average";
                return error(
                    column,
                    format!("unknown function '{name}' (known: {known})"),
                );
            }
        };
        self.expect('(')?;
        let mut arguments = vec![self.sum()?];
        while self.eat(',') {
            arguments.push(self.sum()?);
        }
        self.expect(')')?;
        if !op.arity().accepts(arguments.len()) {
            let message = format!("{name} takes {}, got {}", op.arity(), arguments.len());
            return error(column, message);
        }
        let numbers: Option<Vec<f64>> = (arguments.iter())
            .map(|a| {
                if let Term::Number(x) = a {
                    Some(*x)
                } else {
                    None
                }
            })
            .collect();
        if let Some(numbers) = numbers {
            return Ok(Term::Number(op.forward(&numbers).0));
        }
        let nodes: Vec<NodeId> = arguments.into_iter().map(|a| self.node(a)).collect();
        self.gate(op, &nodes)
    }

    /// Combines two terms; a number beside a gate becomes the gate's constant.
    fn binary(&mut self, op: Op, left: Term, right: Term) -> Result<Term, ParseError> {
        use Term::{Node, Number};
        match (op, left, right) {
            (_, Number(a), Number(b)) => Ok(Number(op.forward(&[a, b]).0)),
            (Op::Add, Number(c), Node(x)) | (Op::Add, Node(x), Number(c)) => {
                self.gate(Op::AddConst(c), &[x])
            }
            (Op::Sub, Node(x), Number(c)) => self.gate(Op::AddConst(-c), &[x]),
            (Op::Mul, Number(a), Node(x)) | (Op::Mul, Node(x), Number(a)) => {
                self.gate(Op::MulConst(a), &[x])
            }
            (Op::Div, Number(1.0), Node(x)) => self.gate(Op::Recip, &[x]),
            (Op::Div, Node(x), Number(c)) if c != 0.0 => self.gate(Op::MulConst(1.0 / c), &[x]),
            _ => {
                let inputs = [self.node(left), self.node(right)];
                self.gate(op, &inputs)
            }
        }
    }

    /// A term as a node (a number becomes a constant).
    fn node(&mut self, term: Term) -> NodeId {
        match term {
            Term::Number(x) => self.graph.constant(x),
            Term::Node(id) => id,
        }
    }

    /// Adds a gate; [`Parser::call`] has checked the number of inputs.
    fn gate(&mut self, op: Op, inputs: &[NodeId]) -> Result<Term, ParseError> {
        Ok(Term::Node(self.graph.gate(op, inputs)))
    }
}
