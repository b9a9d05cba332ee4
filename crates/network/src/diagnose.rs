//! What went wrong in a training run (slide "Backpropagation & Gradient
//! descent": "too large: we can overshoot the minimum"). A learning rate α
//! that is too large makes the loss jump up, and can push the weights so far
//! that the sigmoids **saturate**: their output sits at 0 or 1, where
//! σ'(z) = a (1 − a) is 0, so no gradient flows through them any more and
//! training stops, however long it runs.

use crate::{Network, Result};
use ndarray::ArrayView2;
use std::fmt;

/// A unit counts as saturated when σ'(z) = a (1 − a) is below this for
/// every example: a is then within about 10⁻⁶ of 0 or 1.
pub const SATURATED: f64 = 1e-6;

/// A run whose last loss is more than this share above its lowest counts
/// as rising (a short jump the run recovers from does not).
pub const RISE: f64 = 0.1;

/// One finding about a training run.
#[derive(Clone, Debug, PartialEq)]
pub enum Diagnosis {
    /// The run ended with a loss more than [`RISE`] above its lowest: the
    /// steps overshot the minimum and did not come back.
    LossRose {
        /// The first epoch (counting from 1) after the lowest loss whose loss
        /// was more than [`RISE`] above it.
        epoch: usize,
        /// The lowest loss.
        from: f64,
        /// The last epoch's loss.
        to: f64,
    },
    /// Units of a layer whose σ' is below [`SATURATED`] for every example.
    Saturated {
        /// The layer (1 = the first hidden layer).
        layer: usize,
        /// How many of its units are saturated.
        units: usize,
        /// How many units it has.
        of: usize,
        /// The epoch after which the network was examined.
        epoch: usize,
    },
}

impl fmt::Display for Diagnosis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Diagnosis::LossRose { epoch, from, to } => write!(
                f,
                "the loss rose from its lowest, {from:.4}, to {to:.4} from epoch {epoch} on: \
                 the steps overshoot; try a smaller α"
            ),
            Diagnosis::Saturated {
                layer,
                units,
                of,
                epoch,
            } => write!(
                f,
                "after epoch {epoch}, {units} of {of} units of layer {layer} are saturated (output 0 or 1 \
                 for every example, so σ' = 0 and they stopped learning); try a smaller α"
            ),
        }
    }
}

/// The findings about a network trained on `x` with the loss `history` (one
/// entry per epoch): a loss that ended well above its lowest, and every
/// layer with saturated units. An empty list means nothing looked wrong.
///
/// ```
/// use network::{Dataset, Diagnosis, Network, Training, diagnose};
/// let data = Dataset::moons(100, 0.1, 0);
/// let (x, y) = (data.x.view(), data.y.view());
/// let mut good = Network::new(&[2, 4, 1], 0)?;
/// let history = good.train(x, y, &Training::new(200, 2.0), |_, _| {})?;
/// assert_eq!(diagnose(&good, x, &history)?, vec![]);
///
/// let mut wild = Network::new(&[2, 4, 1], 0)?;
/// let history = wild.train(x, y, &Training::new(200, 1e6), |_, _| {})?;
/// let findings = diagnose(&wild, x, &history)?;
/// // The first step overshoots: J jumps from 0.136 to 0.25, where p is 0 or 1 for every example.
/// assert!(matches!(findings[0], Diagnosis::LossRose { epoch: 2, to: 0.25, .. }));
/// assert!(findings.contains(&Diagnosis::Saturated { layer: 2, units: 1, of: 1, epoch: 200 }));
/// assert!(findings[0].to_string().ends_with("try a smaller α"));
/// # Ok::<(), network::Error>(())
/// ```
///
/// # Errors
/// [`crate::Error::InputWidth`] when `x` does not fit the network.
pub fn diagnose(net: &Network, x: ArrayView2<f64>, history: &[f64]) -> Result<Vec<Diagnosis>> {
    let mut findings = Vec::new();
    let lowest = history
        .iter()
        .copied()
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(&b.1));
    if let (Some((best, from)), Some(&to)) = (lowest, history.last()) {
        let risen = |loss: f64| loss > from * (1.0 + RISE);
        if risen(to) {
            let first = history[best..].iter().position(|&loss| risen(loss));
            findings.push(Diagnosis::LossRose {
                epoch: best + first.expect("the last one has risen") + 1,
                from,
                to,
            });
        }
    }
    let activations = net.forward(x)?;
    for (layer, a) in activations.iter().enumerate().skip(1) {
        let units = a
            .columns()
            .into_iter()
            .filter(|column| column.iter().all(|&a| a * (1.0 - a) < SATURATED))
            .count();
        if units > 0 {
            findings.push(Diagnosis::Saturated {
                layer,
                units,
                of: a.ncols(),
                epoch: history.len(),
            });
        }
    }
    Ok(findings)
}
