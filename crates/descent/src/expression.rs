//! A formula as a loss: `"(theta-4)^2"` parsed into a computational graph,
//! whose backward pass gives the gradient.

use crate::loss::{Loss, SLIDE_LOSSES, slide_loss};
use compgraph::Expression;
use std::cell::RefCell;

/// Why [`loss_by_name`] found no loss.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "unknown loss `{name}`{reason}; expected one of {} or an expression in theta (1-D) or theta1, theta2 (2-D)",
    SLIDE_LOSSES.join(", ")
)]
pub struct UnknownLoss {
    /// The name given.
    pub name: String,
    /// What is wrong with it as an expression (empty if it parsed).
    pub reason: String,
}

/// The loss called `name`: one of the slides' losses ([`SLIDE_LOSSES`]), or
/// an [`ExpressionLoss`] in `theta` (1-D) or in `theta1` and `theta2` (2-D).
///
/// # Errors
/// [`UnknownLoss`] for any other name, with the parser's message when the
/// expression does not parse.
///
/// ```
/// let loss = descent::loss_by_name("(theta-4)^2")?;
/// assert_eq!((loss.value(&[1.0]), loss.gradient(&[1.0])), (9.0, vec![-6.0]));
/// assert_eq!(descent::loss_by_name("quartic")?.value(&[2.0]), 64.0);
/// assert!(descent::loss_by_name("x^2").is_err()); // not in theta
/// # Ok::<(), descent::UnknownLoss>(())
/// ```
pub fn loss_by_name(name: &str) -> Result<Box<dyn Loss>, UnknownLoss> {
    if let Some(loss) = slide_loss(name) {
        return Ok(loss);
    }
    ExpressionLoss::parse(name).map(|loss| Box::new(loss) as Box<dyn Loss>)
}

/// An expression as a [`Loss`]: its value and gradient come from one forward
/// and one backward pass through the expression's computational graph.
///
/// ```
/// use descent::{descend, ExpressionLoss, Loss, Status};
/// // The elongated bowl θ₁² + 10·θ₂², written as a formula.
/// let bowl = ExpressionLoss::parse("theta1^2 + 10*theta2^2")?;
/// assert_eq!(bowl.gradient(&[1.0, 1.0]), vec![2.0, 20.0]);
/// let run = descend(&bowl, &[4.0, 1.5], 0.02, 10_000).unwrap();
/// assert_eq!(run.status, Status::Converged);
/// # Ok::<(), descent::UnknownLoss>(())
/// ```
#[derive(Debug)]
pub struct ExpressionLoss {
    name: String,
    /// The parameter names, θ's coordinates in order.
    axes: Vec<&'static str>,
    /// Evaluating sets the graph's values, so it needs `&mut` behind `&self`.
    expression: RefCell<Expression>,
    domain: Option<Vec<(f64, f64)>>,
}

impl ExpressionLoss {
    /// Parses `source`, an expression in `theta`, or in `theta1` and `theta2`.
    ///
    /// # Errors
    /// [`UnknownLoss`] when it does not parse or uses other variables.
    pub fn parse(source: &str) -> Result<Self, UnknownLoss> {
        let unknown = |reason: String| UnknownLoss {
            name: source.to_string(),
            reason,
        };
        let expression = Expression::parse(source).map_err(|e| unknown(format!(": {e}")))?;
        let variables = expression.variables();
        let axes = if variables.iter().all(|&v| v == "theta") {
            vec!["theta"]
        } else if variables.iter().all(|&v| v == "theta1" || v == "theta2") {
            vec!["theta1", "theta2"]
        } else {
            return Err(unknown(String::new()));
        };
        Ok(ExpressionLoss {
            name: source.to_string(),
            axes,
            expression: RefCell::new(expression),
            domain: None,
        })
    }

    /// The same loss, plotted over `domain` instead of `[-5, 5]` on every axis.
    ///
    /// ```
    /// use descent::{ExpressionLoss, Loss};
    /// let loss = ExpressionLoss::parse("theta^4 - 4*theta^2 + theta")?.with_domain(vec![(-2.2, 2.2)]);
    /// assert_eq!(loss.domain(), [(-2.2, 2.2)]);
    /// # Ok::<(), descent::UnknownLoss>(())
    /// ```
    pub fn with_domain(mut self, domain: Vec<(f64, f64)>) -> Self {
        self.domain = Some(domain);
        self
    }

    /// J(θ) and ∇J(θ); NaN where the expression is undefined, which
    /// [`crate::descend`] reports as divergence.
    fn evaluate(&self, theta: &[f64]) -> (f64, Vec<f64>) {
        let mut expression = self.expression.borrow_mut();
        let used: Vec<usize> = (0..self.axes.len())
            .filter(|&i| expression.graph().find(self.axes[i]).is_some())
            .collect();
        let values: Vec<(&str, f64)> = used.iter().map(|&i| (self.axes[i], theta[i])).collect();
        let mut gradient = vec![0.0; self.axes.len()];
        match expression.evaluate(&values) {
            Ok(at) => {
                for (&i, grad) in used.iter().zip(at.gradient) {
                    gradient[i] = grad;
                }
                (at.value, gradient)
            }
            Err(_) => (f64::NAN, vec![f64::NAN; self.axes.len()]),
        }
    }
}

impl Loss for ExpressionLoss {
    fn name(&self) -> &str {
        &self.name
    }
    fn dimension(&self) -> usize {
        self.axes.len()
    }
    fn value(&self, theta: &[f64]) -> f64 {
        self.evaluate(theta).0
    }
    fn gradient(&self, theta: &[f64]) -> Vec<f64> {
        self.evaluate(theta).1
    }
    fn domain(&self) -> Vec<(f64, f64)> {
        (self.domain.clone()).unwrap_or_else(|| vec![(-5.0, 5.0); self.dimension()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use finite_diff::{DEFAULT_H, gradient_check, numeric_gradient};

    #[test]
    fn an_expression_is_descended_like_the_slide_loss_it_spells() {
        let spelled = ExpressionLoss::parse("(theta - 4)^2 * theta^4").unwrap();
        for t in [-0.8, 1.0, 2.5, 3.7] {
            let slide = crate::Quartic;
            assert!((spelled.value(&[t]) - slide.value(&[t])).abs() < 1e-9);
            assert!((spelled.gradient(&[t])[0] - slide.gradient(&[t])[0]).abs() < 1e-9);
        }
        let two = ExpressionLoss::parse("(theta1^2 - 1)^2 + theta2^2").unwrap();
        let numeric = numeric_gradient(|t| two.value(t), &[0.3, -1.2], DEFAULT_H);
        let check = gradient_check(&two.gradient(&[0.3, -1.2]), &numeric).unwrap();
        assert!(check.verdict.passed(), "{check:?}");
    }

    #[test]
    fn a_missing_axis_has_gradient_zero_and_undefined_points_are_nan() {
        let only_first = ExpressionLoss::parse("theta1^2").unwrap();
        assert_eq!(only_first.dimension(), 2);
        assert_eq!(only_first.gradient(&[3.0, 5.0]), vec![6.0, 0.0]);
        let ln = ExpressionLoss::parse("ln(theta)").unwrap();
        assert!(ln.value(&[-1.0]).is_nan() && ln.gradient(&[-1.0])[0].is_nan());
    }

    #[test]
    fn unknown_names_say_what_is_expected() {
        let message = loss_by_name("cubic").unwrap_err().to_string();
        assert_eq!(
            message,
            "unknown loss `cubic`; expected one of quadratic, quartic, linear, bowl, twin \
             or an expression in theta (1-D) or theta1, theta2 (2-D)"
        );
        let message = loss_by_name("(theta").unwrap_err().to_string();
        assert!(
            message.starts_with("unknown loss `(theta`: column 7: expected ')'"),
            "{message}"
        );
    }
}
