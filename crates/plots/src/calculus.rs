//! Two pictures of the first part of the lecture that words explain badly:
//!
//! * [`secants`]: slide *"Ways to determine the gradient"*, the limit
//!   definition of the derivative drawn — secants through `(x, f(x))` and
//!   `(x + h, f(x + h))` that turn into the tangent as `h` shrinks;
//! * [`first_steps_2d`]: slide *"Extending to 2 dimensional Parameter
//!   Space"*, the first steps of a run whose later steps would squash the
//!   picture: a diverging zig-zag, say.

use crate::{PlotError, SIZE, Svg, chart, contour, padded_range, render, tick_label};
use descent::{Descent, Loss};
use finite_diff::forward_difference;
use plotters::prelude::*;
use std::ops::Range;

/// How many points the curve is sampled at.
const SAMPLES: usize = 400;

/// The curve `f` over `domain`, its tangent at `x` (with the derivative
/// `slope`) and, for every step `h` in `steps`, the secant through
/// `(x, f(x))` and `(x + h, f(x + h))`. A secant's slope is the forward
/// difference `(f(x + h) − f(x)) / h` ([`finite_diff::forward_difference`]);
/// each is labelled with its `h` and its slope, which approaches the
/// tangent's as `h` shrinks.
///
/// # Errors
/// [`PlotError::Data`] if `f` has no finite value on `domain`.
///
/// ```
/// // f(x) = (x − 4)² at x = 1, where f'(1) = −6: the secant of step h has slope −6 + h.
/// let svg = plots::secants("secants", |x| (x - 4.0).powi(2), 1.0, -6.0, &[2.0, 1.0], (0.0, 5.0))?;
/// assert!(svg.as_str().contains("h = 2: slope -4"));
/// assert!(svg.as_str().contains("tangent: slope -6"));
/// # Ok::<(), plots::PlotError>(())
/// ```
pub fn secants(
    title: &str,
    f: impl Fn(f64) -> f64,
    x: f64,
    slope: f64,
    steps: &[f64],
    domain: (f64, f64),
) -> Result<Svg, PlotError> {
    let curve: Vec<(f64, f64)> = (0..=SAMPLES)
        .map(|i| domain.0 + (domain.1 - domain.0) * i as f64 / SAMPLES as f64)
        .map(|t| (t, f(t)))
        .filter(|(_, y)| y.is_finite())
        .collect();
    let lines: Vec<Line> = steps
        .iter()
        .map(|&h| Line {
            label: format!(
                "h = {}: slope {}",
                tick_label(h),
                tick_label(forward_difference(&f, x, h))
            ),
            through: (x, f(x)),
            slope: forward_difference(&f, x, h),
            marked: Some((x + h, f(x + h))),
        })
        .chain([Line {
            label: format!("tangent: slope {}", tick_label(slope)),
            through: (x, f(x)),
            slope,
            marked: None,
        }])
        .collect();
    draw_secants(title, curve, &lines)
}

/// A straight line of [`secants`]: through a point with a slope, labelled,
/// with its second point marked (a secant) or not (the tangent).
struct Line {
    label: String,
    through: (f64, f64),
    slope: f64,
    marked: Option<(f64, f64)>,
}

impl Line {
    /// The piece of the line inside the box `x` × `y`, if any.
    fn clipped(&self, x: &Range<f64>, y: &Range<f64>) -> Option<[(f64, f64); 2]> {
        let (x0, y0) = self.through;
        let at = |t: f64| y0 + self.slope * (t - x0);
        let (mut low, mut high) = (x.start, x.end);
        if self.slope == 0.0 && !y.contains(&y0) {
            return None;
        } else if self.slope != 0.0 {
            let (a, b) = (
                x0 + (y.start - y0) / self.slope,
                x0 + (y.end - y0) / self.slope,
            );
            low = low.max(a.min(b));
            high = high.min(a.max(b));
        }
        (low < high).then(|| [(low, at(low)), (high, at(high))])
    }
}

/// The drawing of [`secants`]: the curve in black, the secants in colours
/// with their second points marked, the tangent in red.
fn draw_secants(title: &str, curve: Vec<(f64, f64)>, lines: &[Line]) -> Result<Svg, PlotError> {
    let x = padded_range(curve.iter().map(|p| p.0))?;
    let y = padded_range(curve.iter().map(|p| p.1))?;
    render(SIZE, |area| {
        let mut chart = chart(area, title, x.clone(), y.clone(), "x", "f(x)")?;
        chart
            .draw_series(LineSeries::new(curve, BLACK.stroke_width(2)))?
            .label("f(x)")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], BLACK));
        for (k, line) in lines.iter().enumerate() {
            let color = match line.marked {
                Some(_) => Palette99::pick(k + 1).to_rgba(),
                None => RED.to_rgba(),
            };
            let Some(piece) = line.clipped(&x, &y) else {
                continue;
            };
            chart
                .draw_series([PathElement::new(piece, color.stroke_width(2))])?
                .label(line.label.as_str())
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], color));
            let marks = line.marked.into_iter().chain([line.through]);
            chart.draw_series(marks.map(|p| Circle::new(p, 4, color.filled())))?;
        }
        crate::lecture::legend(&mut chart, SeriesLabelPosition::UpperRight)
    })
}

/// The contour lines of a two-parameter loss with the first `steps` steps
/// of `run` on them (all of them if the run is shorter): for a run that
/// diverged, whose last points lie so far out that the whole path would
/// squash the start into a dot. The title says how the run ended and how
/// many steps are drawn.
///
/// # Errors
/// [`PlotError::Data`] if the loss is not two-dimensional or nothing is finite.
///
/// ```
/// use descent::{descend, Bowl};
///
/// let run = descend(&Bowl, &[4.0, 1.5], 0.11, 10_000)?; // diverges
/// let svg = plots::first_steps_2d(&Bowl, &run, 12)?;
/// assert!(svg.as_str().contains("the first 12 drawn"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn first_steps_2d(loss: &dyn Loss, run: &Descent, steps: usize) -> Result<Svg, PlotError> {
    crate::lecture::expect_dimension(loss, 2)?;
    let drawn = steps.min(run.steps);
    let path: Vec<(f64, f64)> = run.trajectory[..=drawn]
        .iter()
        .map(|t| (t[0], t[1]))
        .collect();
    let domain = loss.domain();
    contour(
        &format!(
            "{}: {} after {} steps, the first {drawn} drawn",
            loss.name(),
            run.status,
            run.steps
        ),
        |a, b| loss.value(&[a, b]),
        [domain[0], domain[1]],
        &path,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use descent::{Bowl, Quadratic, Status, descend};

    #[test]
    fn a_line_is_clipped_to_the_box() {
        // y = 2x through the origin, in the box [−1, 1] × [−1, 1]: from x = −½ to ½.
        let line = Line {
            label: String::new(),
            through: (0.0, 0.0),
            slope: 2.0,
            marked: None,
        };
        let [a, b] = line.clipped(&(-1.0..1.0), &(-1.0..1.0)).unwrap();
        assert_eq!((a, b), ((-0.5, -1.0), (0.5, 1.0)));
        let flat = Line { slope: 0.0, ..line };
        assert_eq!(
            flat.clipped(&(-1.0..1.0), &(-1.0..1.0)),
            Some([(-1.0, 0.0), (1.0, 0.0)])
        );
        let outside = Line {
            through: (0.0, 5.0),
            ..flat
        };
        assert_eq!(outside.clipped(&(-1.0..1.0), &(-1.0..1.0)), None);
    }

    #[test]
    fn every_secant_is_labelled_with_the_slope_of_its_two_points() {
        // sin at 0: the secant of step h has slope sin(h)/h, the tangent slope 1.
        let steps = [1.5, 0.75, 0.1];
        let svg = secants("sin", f64::sin, 0.0, 1.0, &steps, (-2.0, 2.0)).unwrap();
        for h in steps {
            let slope = h.sin() / h;
            let label = format!("h = {}: slope {}", tick_label(h), tick_label(slope));
            assert!(svg.as_str().contains(&label), "{label}");
        }
        assert!(svg.as_str().contains("tangent: slope 1"));
        // One circle per secant's two points and the tangent's one, plus none in the legend.
        assert_eq!(svg.as_str().matches("<circle").count(), 2 * steps.len() + 1);
    }

    #[test]
    fn a_curve_without_finite_values_is_an_error() {
        let result = secants("", |_| f64::NAN, 0.0, 0.0, &[1.0], (0.0, 1.0));
        assert!(matches!(result, Err(PlotError::Data(_))));
    }

    #[test]
    fn the_first_steps_of_a_diverged_run_are_drawn() {
        let run = descend(&Bowl, &[4.0, 1.5], 0.11, 10_000).unwrap();
        assert_eq!(run.status, Status::Diverged);
        let svg = first_steps_2d(&Bowl, &run, 12).unwrap();
        let title = format!(
            "bowl: diverged after {} steps, the first 12 drawn",
            run.steps
        );
        assert!(svg.as_str().contains(&title), "{title}");
        // Twelve steps and the start: 13 markers and the start's big one, no more.
        let markers = svg.as_str().matches("<circle").count();
        assert_eq!(
            markers,
            13 + 1 + 1,
            "the path, the start, the start in the legend"
        );
        let short = descend(&Bowl, &[4.0, 1.5], 0.02, 3).unwrap();
        let svg = first_steps_2d(&Bowl, &short, 12).unwrap();
        assert!(svg.as_str().contains("the first 3 drawn"));
        let one_dimensional = descend(&Quadratic, &[0.0], 0.1, 3).unwrap();
        assert!(first_steps_2d(&Quadratic, &one_dimensional, 2).is_err());
    }
}
