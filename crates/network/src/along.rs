//! The loss along one parameter (slide "How can we optimize weights?"): the
//! loss is a function of every weight and bias; moving one of them while
//! all the others and the samples stay fixed cuts a curve out of it, the
//! curve gradient descent walks down in that direction.

use crate::{Error, Network, Result};
use ndarray::ArrayView2;

impl Network {
    /// The loss J on the batch `x`, `y` with parameter `index` of
    /// [`theta`](Self::theta) set to `value`, every other weight and bias
    /// held at its current value. `value` = `self.theta()[index]` gives
    /// [`loss`](Self::loss) itself.
    ///
    /// ```
    /// use network::{Dataset, Network};
    /// let data = Dataset::moons(40, 0.1, 0);
    /// let net = Network::new(&[2, 3, 1], 0)?;
    /// let (x, y) = (data.x.view(), data.y.view());
    /// let k = 0; // Θ¹₁₁, the first hidden unit's weight on x₁
    /// assert_eq!(net.loss_along(k, net.theta()[k], x, y)?, net.loss(x, y)?);
    /// # Ok::<(), network::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Setting`] when the network has no parameter `index`, a shape
    /// error when `x` or `y` does not fit the network.
    pub fn loss_along(
        &self,
        index: usize,
        value: f64,
        x: ArrayView2<f64>,
        y: ArrayView2<f64>,
    ) -> Result<f64> {
        let mut theta = self.theta();
        let count = theta.len();
        let parameter = theta.get_mut(index).ok_or_else(|| {
            Error::Setting(format!(
                "no parameter {index}: the network has {count} (0 to {})",
                count - 1
            ))
        })?;
        *parameter = value;
        let mut moved = self.clone();
        moved.set_theta(&theta)?;
        moved.loss(x, y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Layer;
    use ndarray::array;

    /// J = 1/(2m) Σ (σ(w₁x₁ + w₂x₂ + b) − y)², written out for one unit.
    fn one_unit_loss(w: [f64; 2], b: f64, x: &[[f64; 2]], y: &[f64]) -> f64 {
        let squares: f64 = x
            .iter()
            .zip(y)
            .map(|(x, y)| {
                let p = 1.0 / (1.0 + (-(w[0] * x[0] + w[1] * x[1] + b)).exp());
                (p - y).powi(2)
            })
            .sum();
        squares / (2.0 * x.len() as f64)
    }

    #[test]
    fn each_parameter_moves_alone_in_the_order_of_theta() {
        let net =
            Network::from_layers(vec![Layer::new(array![[0.5, -1.0]], array![0.25])]).unwrap();
        let x = [[1.0, 2.0], [-1.0, 0.5], [3.0, -2.0]];
        let y = [1.0, 0.0, 1.0];
        let (xs, ys) = (
            array![[1.0, 2.0], [-1.0, 0.5], [3.0, -2.0]],
            array![[1.0], [0.0], [1.0]],
        );
        let along = |index, value| net.loss_along(index, value, xs.view(), ys.view()).unwrap();
        for value in [-2.0, 0.0, 3.0] {
            let expected = [
                one_unit_loss([value, -1.0], 0.25, &x, &y),
                one_unit_loss([0.5, value], 0.25, &x, &y),
                one_unit_loss([0.5, -1.0], value, &x, &y),
            ];
            for (index, expected) in expected.into_iter().enumerate() {
                assert!(
                    (along(index, value) - expected).abs() < 1e-15,
                    "θ{index} = {value}"
                );
            }
        }
        assert_eq!(
            net.theta(),
            vec![0.5, -1.0, 0.25],
            "the network is not moved"
        );
    }

    #[test]
    fn a_parameter_that_is_not_there_is_an_error() {
        let net = Network::new(&[2, 3, 1], 0).unwrap();
        let (x, y) = (array![[0.0, 0.0]], array![[1.0]]);
        let error = net.loss_along(13, 1.0, x.view(), y.view()).unwrap_err();
        assert_eq!(
            error.to_string(),
            Error::Setting("no parameter 13: the network has 13 (0 to 12)".into()).to_string()
        );
        assert!(
            net.loss_along(3, 1.0, x.view(), array![[1.0, 0.0]].view())
                .is_err()
        );
    }
}
