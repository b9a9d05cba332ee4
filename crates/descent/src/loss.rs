//! Loss functions `J(θ)`: the slides' examples and an adapter for any closure.

use std::fmt;

/// A loss function `J(θ)` of `dimension()` parameters, with its gradient `∇J(θ)`.
///
/// Gradient descent needs nothing else, so anything implementing this trait can be
/// minimised by [`descend`](crate::descend): the slides' losses below, a closure
/// ([`FnLoss`]) or a computational graph.
pub trait Loss {
    /// The loss's name, e.g. `"quadratic"`.
    fn name(&self) -> &str;
    /// How many parameters θ has (1 or 2 on the slides).
    fn dimension(&self) -> usize;
    /// `J(θ)`.
    fn value(&self, theta: &[f64]) -> f64;
    /// `∇J(θ) = (∂J/∂θ₁, …, ∂J/∂θₙ)`.
    fn gradient(&self, theta: &[f64]) -> Vec<f64>;
    /// The box `[(low, high); dimension]` worth plotting (the slides' axes).
    fn domain(&self) -> Vec<(f64, f64)> {
        vec![(-5.0, 5.0); self.dimension()]
    }
}

impl fmt::Debug for dyn Loss + '_ {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Loss({}, dimension {})", self.name(), self.dimension())
    }
}

/// `J(θ) = (θ − 4)²`, the first plot of slide *"1 dimensional Parameter Space"*:
/// one minimum at θ = 4, `J'(θ) = 2(θ − 4)`.
///
/// ```
/// use descent::{Loss, Quadratic};
/// assert_eq!(Quadratic.value(&[1.0]), 9.0);
/// assert_eq!(Quadratic.gradient(&[1.0]), vec![-6.0]);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Quadratic;

impl Loss for Quadratic {
    fn name(&self) -> &str {
        "quadratic"
    }
    fn dimension(&self) -> usize {
        1
    }
    fn value(&self, theta: &[f64]) -> f64 {
        (theta[0] - 4.0).powi(2)
    }
    fn gradient(&self, theta: &[f64]) -> Vec<f64> {
        vec![2.0 * (theta[0] - 4.0)]
    }
    fn domain(&self) -> Vec<(f64, f64)> {
        vec![(0.0, 8.0)] // np.linspace(0, 8, 50)
    }
}

/// `J(θ) = (θ − 4)²·θ⁴`, the second plot of the slide: two minima (θ = 0 and
/// θ = 4, both with J = 0) and a local maximum at θ = 8/3 in between, so the
/// start decides where descent lands. `J'(θ) = 2θ³(θ − 4)(3θ − 8)`.
///
/// ```
/// use descent::{Loss, Quartic};
/// assert_eq!(Quartic.value(&[4.0]), 0.0);
/// assert_eq!(Quartic.value(&[2.0]), 64.0);
/// assert!(Quartic.gradient(&[8.0 / 3.0])[0].abs() < 1e-12); // the local maximum
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Quartic;

impl Loss for Quartic {
    fn name(&self) -> &str {
        "quartic"
    }
    fn dimension(&self) -> usize {
        1
    }
    fn value(&self, theta: &[f64]) -> f64 {
        let t = theta[0];
        (t - 4.0).powi(2) * t.powi(4)
    }
    fn gradient(&self, theta: &[f64]) -> Vec<f64> {
        let t = theta[0];
        vec![2.0 * t.powi(3) * (t - 4.0) * (3.0 * t - 8.0)]
    }
    fn domain(&self) -> Vec<(f64, f64)> {
        vec![(-1.0, 4.5)] // np.linspace(-1, 4.5, 50)
    }
}

/// `J(θ) = θ`, slide *"What about a linear loss function?"*: the gradient is
/// always 1, there is no minimum, and descent walks left forever.
///
/// ```
/// use descent::{Linear, Loss};
/// assert_eq!(Linear.value(&[3.0]), 3.0);
/// assert_eq!(Linear.gradient(&[-1e6]), vec![1.0]);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Linear;

impl Loss for Linear {
    fn name(&self) -> &str {
        "linear"
    }
    fn dimension(&self) -> usize {
        1
    }
    fn value(&self, theta: &[f64]) -> f64 {
        theta[0]
    }
    fn gradient(&self, _theta: &[f64]) -> Vec<f64> {
        vec![1.0]
    }
    fn domain(&self) -> Vec<(f64, f64)> {
        vec![(-4.0, 4.0)]
    }
}

/// `J(θ) = θ₁² + 10·θ₂²`, slide *"Extending to 2 dimensional Parameter Space"*:
/// an elongated bowl with its minimum at (0, 0). Along θ₂ one step multiplies
/// the distance by `1 − 20α`: for 0.05 < α < 0.1 descent zig-zags across the
/// valley, for α > 0.1 it diverges.
///
/// ```
/// use descent::{Bowl, Loss};
/// assert_eq!(Bowl.value(&[1.0, 1.0]), 11.0);
/// assert_eq!(Bowl.gradient(&[1.0, 1.0]), vec![2.0, 20.0]);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Bowl;

impl Loss for Bowl {
    fn name(&self) -> &str {
        "bowl"
    }
    fn dimension(&self) -> usize {
        2
    }
    fn value(&self, theta: &[f64]) -> f64 {
        theta[0].powi(2) + 10.0 * theta[1].powi(2)
    }
    fn gradient(&self, theta: &[f64]) -> Vec<f64> {
        vec![2.0 * theta[0], 20.0 * theta[1]]
    }
    fn domain(&self) -> Vec<(f64, f64)> {
        vec![(-5.0, 5.0), (-2.0, 2.0)]
    }
}

/// `J(θ) = (θ₁² − 1)² + θ₂²`: two minima at (−1, 0) and (1, 0), separated by a
/// saddle at (0, 0). Which one descent finds depends on the sign of the start's θ₁.
///
/// ```
/// use descent::{Loss, Twin};
/// assert_eq!(Twin.value(&[1.0, 0.0]), 0.0);
/// assert_eq!(Twin.value(&[-1.0, 0.0]), 0.0);
/// assert_eq!(Twin.value(&[0.0, 0.0]), 1.0);
/// assert_eq!(Twin.gradient(&[2.0, 1.0]), vec![24.0, 2.0]);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Twin;

impl Loss for Twin {
    fn name(&self) -> &str {
        "twin"
    }
    fn dimension(&self) -> usize {
        2
    }
    fn value(&self, theta: &[f64]) -> f64 {
        (theta[0].powi(2) - 1.0).powi(2) + theta[1].powi(2)
    }
    fn gradient(&self, theta: &[f64]) -> Vec<f64> {
        vec![4.0 * theta[0] * (theta[0].powi(2) - 1.0), 2.0 * theta[1]]
    }
    fn domain(&self) -> Vec<(f64, f64)> {
        vec![(-2.0, 2.0), (-1.5, 1.5)]
    }
}

/// The names of the slides' losses, in slide order.
pub const SLIDE_LOSSES: [&str; 5] = ["quadratic", "quartic", "linear", "bowl", "twin"];

/// The slide loss called `name` (one of [`SLIDE_LOSSES`]), if there is one.
///
/// ```
/// let loss = descent::slide_loss("quartic").unwrap();
/// assert_eq!(loss.dimension(), 1);
/// assert_eq!(loss.value(&[2.0]), 64.0);
/// assert!(descent::slide_loss("cubic").is_none());
/// ```
pub fn slide_loss(name: &str) -> Option<Box<dyn Loss>> {
    Some(match name {
        "quadratic" => Box::new(Quadratic),
        "quartic" => Box::new(Quartic),
        "linear" => Box::new(Linear),
        "bowl" => Box::new(Bowl),
        "twin" => Box::new(Twin),
        _ => return None,
    })
}

/// A [`Loss`] made of two closures: one for `J(θ)`, one for `∇J(θ)`.
///
/// ```
/// use descent::{FnLoss, Loss};
///
/// // J(θ) = (θ − 4)² written by hand, with its analytic derivative.
/// let loss = FnLoss::new("parabola", 1, |t: &[f64]| (t[0] - 4.0).powi(2), |t: &[f64]| vec![2.0 * (t[0] - 4.0)]);
/// assert_eq!(loss.value(&[1.0]), 9.0);
/// assert_eq!(loss.gradient(&[1.0]), vec![-6.0]);
/// ```
pub struct FnLoss<V, G> {
    name: String,
    dimension: usize,
    value: V,
    gradient: G,
    domain: Option<Vec<(f64, f64)>>,
}

impl<V, G> FnLoss<V, G>
where
    V: Fn(&[f64]) -> f64,
    G: Fn(&[f64]) -> Vec<f64>,
{
    /// A loss named `name` of `dimension` parameters.
    pub fn new(name: impl Into<String>, dimension: usize, value: V, gradient: G) -> Self {
        Self {
            name: name.into(),
            dimension,
            value,
            gradient,
            domain: None,
        }
    }

    /// The same loss, plotted over `domain` instead of `[-5, 5]` on every axis.
    pub fn with_domain(mut self, domain: Vec<(f64, f64)>) -> Self {
        self.domain = Some(domain);
        self
    }
}

/// A gradient computed by a boxed closure, as in [`FnLoss::numeric`].
pub type BoxedGradient = Box<dyn Fn(&[f64]) -> Vec<f64>>;

impl<V> FnLoss<V, BoxedGradient>
where
    V: Fn(&[f64]) -> f64 + Clone + 'static,
{
    /// A loss whose gradient is computed numerically by central differences
    /// ([`finite_diff::numeric_gradient`]): `2n` evaluations of `J` per step.
    ///
    /// ```
    /// use descent::{FnLoss, Loss};
    ///
    /// let loss = FnLoss::numeric("parabola", 1, |t: &[f64]| (t[0] - 4.0).powi(2));
    /// assert!((loss.gradient(&[1.0])[0] - -6.0).abs() < 1e-9);
    /// ```
    pub fn numeric(name: impl Into<String>, dimension: usize, value: V) -> Self {
        let f = value.clone();
        let gradient: BoxedGradient = Box::new(move |theta: &[f64]| {
            finite_diff::numeric_gradient(&f, theta, finite_diff::DEFAULT_H)
        });
        Self::new(name, dimension, value, gradient)
    }
}

impl<V, G> Loss for FnLoss<V, G>
where
    V: Fn(&[f64]) -> f64,
    G: Fn(&[f64]) -> Vec<f64>,
{
    fn name(&self) -> &str {
        &self.name
    }
    fn dimension(&self) -> usize {
        self.dimension
    }
    fn value(&self, theta: &[f64]) -> f64 {
        (self.value)(theta)
    }
    fn gradient(&self, theta: &[f64]) -> Vec<f64> {
        (self.gradient)(theta)
    }
    fn domain(&self) -> Vec<(f64, f64)> {
        self.domain
            .clone()
            .unwrap_or_else(|| vec![(-5.0, 5.0); self.dimension])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use finite_diff::{DEFAULT_H, Verdict, gradient_check, numeric_gradient};
    use proptest::prelude::*;

    /// Every analytic gradient agrees with central differences.
    fn check(loss: &dyn Loss, theta: &[f64]) {
        let numeric = numeric_gradient(|t| loss.value(t), theta, DEFAULT_H);
        let result = gradient_check(&loss.gradient(theta), &numeric).unwrap();
        assert!(
            result.verdict.passed(),
            "{} at {theta:?}: {result:?}",
            loss.name()
        );
    }

    proptest! {
        #[test]
        fn one_dimensional_gradients_match_central_differences(t in -5.0..5.0f64) {
            for name in ["quadratic", "quartic", "linear"] {
                check(slide_loss(name).unwrap().as_ref(), &[t]);
            }
        }

        #[test]
        fn two_dimensional_gradients_match_central_differences(a in -3.0..3.0f64, b in -3.0..3.0f64) {
            for name in ["bowl", "twin"] {
                check(slide_loss(name).unwrap().as_ref(), &[a, b]);
            }
        }
    }

    #[test]
    fn every_slide_loss_is_found_by_its_name() {
        for name in SLIDE_LOSSES {
            let loss = slide_loss(name).unwrap();
            assert_eq!(loss.name(), name);
            assert_eq!(loss.domain().len(), loss.dimension());
        }
    }

    #[test]
    fn quartic_has_minima_at_0_and_4_and_a_maximum_at_8_thirds() {
        for t in [0.0, 4.0, 8.0 / 3.0] {
            assert!(Quartic.gradient(&[t])[0].abs() < 1e-12);
        }
        let peak = Quartic.value(&[8.0 / 3.0]);
        assert!(peak > Quartic.value(&[2.5]) && peak > Quartic.value(&[2.8]));
        // (4/3)² · (8/3)⁴ = 16/9 · 4096/81
        assert!((peak - 16.0 / 9.0 * 4096.0 / 81.0).abs() < 1e-9);
    }

    #[test]
    fn numeric_fn_loss_uses_central_differences() {
        let loss = FnLoss::numeric("bowl", 2, |t: &[f64]| Bowl.value(t));
        let numeric = loss.gradient(&[1.0, -2.0]);
        let check = gradient_check(&Bowl.gradient(&[1.0, -2.0]), &numeric).unwrap();
        assert_eq!(check.verdict, Verdict::Good);
    }
}
