//! The whole network's gradient check: backpropagation against the numeric
//! gradient of the finite-difference crate (slide "Backpropagation": the
//! analytic and the numerical way must agree).

use crate::{Network, Result};
use finite_diff::{DEFAULT_H, GradientCheck, gradient_check, numeric_gradient};
use ndarray::ArrayView2;

impl Network {
    /// Compares the gradient from [`backward`](Self::backward) with central
    /// differences of [`loss`](Self::loss) in every parameter θᵢ (step
    /// h = 1e-5), component by component.
    ///
    /// ```
    /// use network::{Dataset, Network};
    /// let data = Dataset::moons(20, 0.1, 0);
    /// let net = Network::new(&[2, 4, 1], 0)?;
    /// let check = net.gradient_check(data.x.view(), data.y.view())?;
    /// assert!(check.max_relative_error <= 1e-7);
    /// # Ok::<(), network::Error>(())
    /// ```
    ///
    /// # Errors
    /// A shape error when `x` or `y` does not fit the network.
    pub fn gradient_check(&self, x: ArrayView2<f64>, y: ArrayView2<f64>) -> Result<GradientCheck> {
        let (_, grads) = self.backward(x, y)?;
        let mut probe = self.clone();
        let numeric = numeric_gradient(
            |theta| {
                probe
                    .set_theta(theta)
                    .expect("theta has one entry per parameter");
                probe.loss(x, y).expect("shapes checked by backward")
            },
            &self.theta(),
            DEFAULT_H,
        );
        Ok(gradient_check(&grads.to_vec(), &numeric).expect("one numeric entry per parameter"))
    }
}
