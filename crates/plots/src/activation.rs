//! The sigmoid and its derivative as curves (slides "Using known derivatives
//! as shortcuts" and "Backpropagation & Gradient descent"): where σ'(z) is
//! small the unit is **saturated**, its output sits near 0 or 1, and almost
//! no gradient flows back through it.
//!
//! The values come from the computational graph's sigmoid gate
//! ([`compgraph::Op::Sigmoid`]), which computes σ and σ' = (1 − σ)σ side by
//! side.

use crate::lecture::legend;
use crate::{PlotError, SIZE, Svg, chart, render};
use compgraph::Op;
use plotters::prelude::*;
use std::ops::Range;

/// How many points each curve is sampled at.
const SAMPLES: usize = 400;

/// σ(z) and σ'(z) at `z`, from the sigmoid gate.
fn sigmoid_and_slope(z: f64) -> (f64, f64) {
    let (sigma, local) = Op::Sigmoid.forward(&[z]);
    (sigma, local.at(0))
}

/// The |z| beyond which σ'(z) = (1 − σ)σ is below `small`: the edge of the
/// saturated regions, z = ln(σ/(1 − σ)) for the σ > ½ with (1 − σ)σ = `small`.
/// σ' is never above ¼, so for `small` ≥ ¼ every z but 0 counts (0 is
/// returned), and for `small` ≤ 0 none does (infinity).
///
/// ```
/// let edge = plots::activation::saturated_beyond(0.01);
/// assert!((edge - 4.585).abs() < 1e-3); // σ'(±4.585) = 0.01
/// assert_eq!(plots::activation::saturated_beyond(0.25), 0.0);
/// ```
pub fn saturated_beyond(small: f64) -> f64 {
    if small >= 0.25 {
        return 0.0;
    }
    if small <= 0.0 || small.is_nan() {
        return f64::INFINITY;
    }
    let sigma = (1.0 + (1.0 - 4.0 * small).sqrt()) / 2.0;
    (sigma / (1.0 - sigma)).ln()
}

/// σ(z) and σ'(z) over `z`, the regions where σ'(z) < `small` shaded and
/// labelled "saturated", and σ's steepest point σ'(0) = ¼ marked.
///
/// # Errors
/// [`PlotError::Data`] for an empty or non-finite range of z.
///
/// ```
/// let svg = plots::activation::sigmoid_curves("σ and σ'", -8.0..8.0, 0.01)?;
/// assert_eq!(svg.as_str().matches("saturated").count(), 2); // one label per side
/// assert!(svg.as_str().contains("σ&apos;(0) = 0.25")); // SVG escapes the '
/// # Ok::<(), plots::PlotError>(())
/// ```
pub fn sigmoid_curves(title: &str, z: Range<f64>, small: f64) -> Result<Svg, PlotError> {
    if !(z.start.is_finite() && z.end.is_finite() && z.start < z.end) {
        return Err(PlotError::Data(format!("empty range of z: {z:?}")));
    }
    let samples = |pick: fn((f64, f64)) -> f64| -> Vec<(f64, f64)> {
        (0..=SAMPLES)
            .map(|i| z.start + (z.end - z.start) * i as f64 / SAMPLES as f64)
            .map(|at| (at, pick(sigmoid_and_slope(at))))
            .collect()
    };
    let (sigma, slope) = (samples(|(s, _)| s), samples(|(_, d)| d));
    let edge = saturated_beyond(small);
    let saturated: Vec<Range<f64>> = [z.start..-edge, edge..z.end]
        .into_iter()
        .filter(|side| side.start < side.end)
        .collect();
    render(SIZE, |area| {
        let mut chart = chart(area, title, z.clone(), -0.05..1.05, "z", "")?;
        let shade = RED.mix(0.12);
        let label = format!("σ'(z) < {small}");
        let shaded = saturated
            .iter()
            .map(|side| Rectangle::new([(side.start, 0.0), (side.end, 1.0)], shade.filled()));
        chart
            .draw_series(shaded)?
            .label(label)
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 20, y + 5)], shade.filled()));
        let words = saturated.iter().map(|side| {
            let middle = (side.start + side.end) / 2.0;
            Text::new(
                "saturated",
                (middle, 0.55),
                ("sans-serif", 15).into_font().color(&RED),
            )
        });
        chart.draw_series(words)?;
        for (curve, name, color) in [(sigma, "σ(z)", BLUE), (slope, "σ'(z)", RED)] {
            chart
                .draw_series(LineSeries::new(curve, color.stroke_width(2)))?
                .label(name)
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 20, y)], color.stroke_width(2))
                });
        }
        let top = sigmoid_and_slope(0.0).1;
        chart.draw_series([Circle::new((0.0, top), 4, RED.filled())])?;
        chart.draw_series([Text::new(
            format!("σ'(0) = {top}"),
            (0.3, top + 0.06),
            ("sans-serif", 15).into_font(),
        )])?;
        legend(&mut chart, SeriesLabelPosition::UpperLeft)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edge_is_where_the_slope_equals_small() {
        for small in [0.2, 0.1, 0.01, 1e-6] {
            let edge = saturated_beyond(small);
            assert!((sigmoid_and_slope(edge).1 - small).abs() < 1e-12, "{small}");
            assert!(
                (sigmoid_and_slope(-edge).1 - small).abs() < 1e-12,
                "{small}"
            );
        }
        assert_eq!(saturated_beyond(0.0), f64::INFINITY);
    }

    #[test]
    fn a_range_inside_the_edges_has_no_saturated_region() {
        let svg = sigmoid_curves("near 0", -2.0..2.0, 0.01).unwrap();
        assert_eq!(svg.as_str().matches("saturated").count(), 0);
        let one_side = sigmoid_curves("right", -2.0..8.0, 0.01).unwrap();
        assert_eq!(one_side.as_str().matches("saturated").count(), 1);
    }

    #[test]
    fn both_curves_are_drawn_and_labelled() {
        let svg = sigmoid_curves("σ", -6.0..6.0, 0.01).unwrap();
        // Each curve and its legend line: σ in blue, σ' in red.
        for color in ["#0000FF", "#FF0000"] {
            let line = format!("stroke=\"{color}\" stroke-width=\"2\"");
            assert_eq!(svg.as_str().matches(&line).count(), 2, "{color}");
        }
        for label in ["σ(z)", "σ&apos;(z)", "σ&apos;(z) &lt; 0.01"] {
            assert!(svg.as_str().contains(label), "{label} missing");
        }
    }

    #[test]
    fn an_empty_range_is_refused() {
        assert!(sigmoid_curves("empty", 1.0..1.0, 0.01).is_err());
        assert!(sigmoid_curves("nan", f64::NAN..1.0, 0.01).is_err());
    }
}
