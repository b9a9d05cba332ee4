//! The whole network's gradient check: backpropagation against the numeric
//! gradient of the finite-difference crate (slide "Backpropagation": the
//! analytic and the numerical way must agree).

use crate::{Network, Result};
use finite_diff::{
    DEFAULT_H, GradientCheck, NumericGradient, gradient_check, numeric_gradient_counted,
};
use ndarray::ArrayView2;

impl Network {
    /// The numerical way: ∂J/∂θᵢ for every parameter θᵢ (weights and biases,
    /// in the order of [`theta`](Self::theta)) by central differences of
    /// [`loss`](Self::loss) with step `h`, and how many times J was
    /// evaluated: twice per parameter, each time a forward pass over the
    /// whole batch. This count is why the slides call the numerical way
    /// "very slow" and use backpropagation, which needs one forward and one
    /// backward pass for all parameters together.
    ///
    /// ```
    /// use network::{Dataset, Network};
    /// let data = Dataset::moons(20, 0.1, 0);
    /// let net = Network::new(&[2, 4, 1], 0)?;
    /// let numeric = net.numeric_gradient(data.x.view(), data.y.view(), 1e-5)?;
    /// // 2-4-1: 4·2 + 4 + 1·4 + 1 = 17 parameters, two evaluations of J each.
    /// assert_eq!((numeric.gradient.len(), numeric.evaluations), (17, 34));
    /// # Ok::<(), network::Error>(())
    /// ```
    ///
    /// # Errors
    /// A shape error when `x` or `y` does not fit the network.
    pub fn numeric_gradient(
        &self,
        x: ArrayView2<f64>,
        y: ArrayView2<f64>,
        h: f64,
    ) -> Result<NumericGradient> {
        self.check_batch(x, y)?;
        let mut probe = self.clone();
        Ok(numeric_gradient_counted(
            |theta| {
                probe
                    .set_theta(theta)
                    .expect("theta has one entry per parameter");
                probe.loss(x, y).expect("shapes checked above")
            },
            &self.theta(),
            h,
        ))
    }

    /// Compares the gradient from [`backward`](Self::backward) with
    /// [`numeric_gradient`](Self::numeric_gradient) (step h = 1e-5),
    /// component by component.
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
        let numeric = self.numeric_gradient(x, y, DEFAULT_H)?;
        Ok(gradient_check(&grads.to_vec(), &numeric.gradient)
            .expect("one numeric entry per parameter"))
    }
}

#[cfg(test)]
mod tests {
    use crate::{Dataset, Error, Network};
    use ndarray::Array2;

    /// J after moving one entry of one layer's Θ by `by`, edited in the
    /// layer itself (not through `theta`).
    fn loss_with_weight_moved(
        net: &Network,
        data: &Dataset,
        at: (usize, usize, usize),
        by: f64,
    ) -> f64 {
        let (layer, i, j) = at;
        let mut moved = net.clone();
        let (mut weights, _) = moved.parameters_mut().nth(layer).unwrap();
        weights[[i, j]] += by;
        moved.loss(data.x.view(), data.y.view()).unwrap()
    }

    #[test]
    fn numeric_gradient_is_the_central_difference_of_each_weight() {
        let data = Dataset::moons(30, 0.1, 3);
        let net = Network::new(&[2, 3, 1], 5).unwrap();
        let h = 1e-5;
        let numeric = net
            .numeric_gradient(data.x.view(), data.y.view(), h)
            .unwrap();
        // Θ¹ comes first in theta, row by row: entry (i, j) is at 2i + j.
        for (i, j) in [(0, 0), (1, 1), (2, 0)] {
            let plus = loss_with_weight_moved(&net, &data, (0, i, j), h);
            let minus = loss_with_weight_moved(&net, &data, (0, i, j), -h);
            let by_hand = (plus - minus) / (2.0 * h);
            assert!((numeric.gradient[2 * i + j] - by_hand).abs() < 1e-12);
        }
        // 3·2 + 3 + 1·3 + 1 = 13 parameters, two evaluations each.
        assert_eq!((numeric.gradient.len(), numeric.evaluations), (13, 26));
    }

    #[test]
    fn numeric_gradient_agrees_with_backpropagation() {
        let data = Dataset::moons(25, 0.1, 1);
        let net = Network::new(&[2, 5, 1], 2).unwrap();
        let (_, grads) = net.backward(data.x.view(), data.y.view()).unwrap();
        let numeric = net
            .numeric_gradient(data.x.view(), data.y.view(), 1e-5)
            .unwrap();
        for (analytic, numeric) in grads.to_vec().iter().zip(&numeric.gradient) {
            assert!((analytic - numeric).abs() < 1e-9, "{analytic} vs {numeric}");
        }
    }

    #[test]
    fn numeric_gradient_refuses_a_batch_of_the_wrong_shape() {
        let net = Network::new(&[2, 3, 1], 0).unwrap();
        let (x, y) = (Array2::zeros((4, 3)), Array2::zeros((4, 1)));
        let error = net.numeric_gradient(x.view(), y.view(), 1e-5).unwrap_err();
        assert!(matches!(error, Error::InputWidth { .. }), "{error}");
    }
}
