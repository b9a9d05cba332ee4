//! The plots of slide "Implementing a neural network with numpy": a trained
//! classifier's decision boundary over the data, and the loss per epoch.
//!
//! The functions know nothing of networks: the boundary is drawn from a
//! `classify` function that gets a batch of points and returns their classes.

use crate::lecture::thin_out;
use crate::{Area, PlotError, SIZE, Svg, chart, labelled_ranges, padded_range, render};
use plotters::prelude::*;
use std::ops::Range;

/// Cells per axis of the grid the decision regions are sampled on.
const GRID: usize = 120;

/// The decision regions of `classify` (pale colours) under the labelled
/// data points (one colour per class), over the range of the points.
///
/// `classify` gets every grid point at once and returns one class per point.
///
/// # Errors
/// [`PlotError::Data`] if the lengths differ or no point is finite.
///
/// ```
/// // The XOR points and a classifier that says "class 1 when the signs differ".
/// let points = [(-1.0, -1.0), (-1.0, 1.0), (1.0, -1.0), (1.0, 1.0)];
/// let classify = |grid: &[(f64, f64)]| grid.iter().map(|&(a, b)| usize::from(a * b < 0.0)).collect();
/// let svg = plots::classifier::decision_boundary("XOR", &points, &[0, 1, 1, 0], classify)?;
/// assert_eq!(svg.as_str().matches("<circle").count(), 4 + 2); // points + legend markers
/// assert!(svg.as_str().contains("class 1"));
/// # Ok::<(), plots::PlotError>(())
/// ```
pub fn decision_boundary(
    title: &str,
    points: &[(f64, f64)],
    labels: &[usize],
    classify: impl FnOnce(&[(f64, f64)]) -> Vec<usize>,
) -> Result<Svg, PlotError> {
    Regions::new(points, labels, classify)?.plot(title)
}

/// The loss of every epoch, epochs counted from 1.
///
/// # Errors
/// [`PlotError::Data`] if no loss is finite.
///
/// ```
/// let svg = plots::classifier::loss_history("training", &[0.13, 0.09, 0.05, 0.04])?;
/// assert!(svg.as_str().contains("epoch"));
/// # Ok::<(), plots::PlotError>(())
/// ```
pub fn loss_history(title: &str, losses: &[f64]) -> Result<Svg, PlotError> {
    render(SIZE, |area| draw_losses(area, title, losses))
}

/// Several loss histories in one plot, one colour per labelled run: a
/// learning-rate sweep, or one example per step against the full batch.
///
/// # Errors
/// [`PlotError::Data`] if no loss is finite.
///
/// ```
/// let runs = [("α = 0.1", vec![0.12, 0.119, 0.118]), ("α = 5", vec![0.12, 0.1, 0.08])];
/// let svg = plots::classifier::loss_histories("learning rates", &runs)?;
/// assert!(svg.as_str().contains("α = 0.1") && svg.as_str().contains("α = 5"));
/// # Ok::<(), plots::PlotError>(())
/// ```
pub fn loss_histories<S: AsRef<str>>(
    title: &str,
    runs: &[(S, Vec<f64>)],
) -> Result<Svg, PlotError> {
    let runs: Vec<(&str, &[f64])> = runs
        .iter()
        .map(|(label, losses)| (label.as_ref(), losses.as_slice()))
        .collect();
    draw_histories(title, &runs)
}

/// The drawing of [`loss_histories`], compiled once in this crate for any
/// type of label.
fn draw_histories(title: &str, runs: &[(&str, &[f64])]) -> Result<Svg, PlotError> {
    let curves: Vec<Vec<(f64, f64)>> = runs.iter().map(|(_, losses)| curve(losses)).collect();
    let epochs = padded_range(curves.iter().flatten().map(|p| p.0))?;
    let y = padded_range(curves.iter().flatten().map(|p| p.1).chain([0.0]))?;
    render(SIZE, |area| {
        let mut chart = chart(area, title, epochs, y, "epoch", "J")?;
        for (k, ((label, _), curve)) in runs.iter().zip(curves).enumerate() {
            let color = class_color(k);
            chart
                .draw_series(LineSeries::new(curve, color.stroke_width(2)))?
                .label(*label)
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 20, y)], color.stroke_width(2))
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .draw()?;
        Ok(())
    })
}

/// [`decision_boundary`] and [`loss_history`] side by side in one picture.
///
/// # Errors
/// As the two plots.
///
/// ```
/// let points = [(0.0, 0.0), (1.0, 1.0)];
/// let classify = |grid: &[(f64, f64)]| grid.iter().map(|&(a, _)| usize::from(a > 0.5)).collect();
/// let svg = plots::classifier::training_summary("blobs", &points, &[0, 1], classify, &[0.2, 0.1])?;
/// assert!(svg.as_str().contains("decision regions") && svg.as_str().contains("loss per epoch"));
/// # Ok::<(), plots::PlotError>(())
/// ```
pub fn training_summary(
    title: &str,
    points: &[(f64, f64)],
    labels: &[usize],
    classify: impl FnOnce(&[(f64, f64)]) -> Vec<usize>,
    losses: &[f64],
) -> Result<Svg, PlotError> {
    Regions::new(points, labels, classify)?.plot_with_losses(title, losses)
}

/// The x and y ranges of a plot and the centres of its grid cells.
type Grid = (Range<f64>, Range<f64>, Vec<(f64, f64)>);

/// The ranges of the labelled points and the centres of the GRID × GRID
/// cells over them, row by row.
fn grid(points: &[(f64, f64)], labels: &[usize]) -> Result<Grid, PlotError> {
    let (x, y) = labelled_ranges(points, labels)?;
    let centres = (0..GRID)
        .flat_map(|row| (0..GRID).map(move |column| (row, column)))
        .map(|(row, column)| (cell_centre(&x, column), cell_centre(&y, row)))
        .collect();
    Ok((x, y, centres))
}

/// The data and the classes of a grid over it, ready to draw.
pub(crate) struct Regions<'p> {
    points: &'p [(f64, f64)],
    labels: &'p [usize],
    x: Range<f64>,
    y: Range<f64>,
    /// The class of every grid cell, row by row (GRID × GRID).
    cells: Vec<usize>,
}

impl<'p> Regions<'p> {
    /// Samples `classify` on a grid over the points. Only this depends on
    /// `classify`'s type; drawing is compiled once, in this crate.
    pub(crate) fn new(
        points: &'p [(f64, f64)],
        labels: &'p [usize],
        classify: impl FnOnce(&[(f64, f64)]) -> Vec<usize>,
    ) -> Result<Self, PlotError> {
        let (x, y, centres) = grid(points, labels)?;
        let cells = classify(&centres);
        if cells.len() != centres.len() {
            return Err(PlotError::Data(format!(
                "classify returned {} classes for {} points",
                cells.len(),
                centres.len()
            )));
        }
        Ok(Regions {
            points,
            labels,
            x,
            y,
            cells,
        })
    }

    /// The regions as a picture of their own.
    fn plot(&self, title: &str) -> Result<Svg, PlotError> {
        render(SIZE, |area| self.draw(area, title))
    }

    /// The regions beside the loss per epoch.
    fn plot_with_losses(&self, title: &str, losses: &[f64]) -> Result<Svg, PlotError> {
        render((2 * SIZE.0, SIZE.1), |area| {
            let (left, right) = area.split_horizontally(SIZE.0);
            self.draw(&left, &format!("{title}: decision regions"))?;
            draw_losses(&right, &format!("{title}: loss per epoch"), losses)
        })
    }

    /// The regions, the data and a legend, in a chart titled `title` on `area`.
    pub(crate) fn draw(&self, area: &Area<'_>, title: &str) -> Result<(), PlotError> {
        let mut chart = chart(area, title, self.x.clone(), self.y.clone(), "x₁", "x₂")?;
        // Each row of cells as runs of one class: a few rectangles per row.
        let (dx, dy) = (cell_size(&self.x), cell_size(&self.y));
        let mut runs = Vec::new();
        for (row, classes) in self.cells.chunks(GRID).enumerate() {
            let mut start = 0;
            for column in 1..=GRID {
                if column == GRID || classes[column] != classes[start] {
                    let corner = |c: usize, r: usize| {
                        (self.x.start + c as f64 * dx, self.y.start + r as f64 * dy)
                    };
                    let color = class_color(classes[start]).mix(0.25);
                    runs.push(Rectangle::new(
                        [corner(start, row), corner(column, row + 1)],
                        color.filled(),
                    ));
                    start = column;
                }
            }
        }
        chart.draw_series(runs)?;
        let mut classes = self.labels.to_vec();
        classes.sort_unstable();
        classes.dedup();
        for class in classes {
            let color = class_color(class);
            let members = self
                .points
                .iter()
                .zip(self.labels)
                .filter(|&(_, &label)| label == class)
                .map(|(&p, _)| Circle::new(p, 3, color.filled()));
            chart
                .draw_series(members)?
                .label(format!("class {class}"))
                .legend(move |(x, y)| Circle::new((x + 10, y), 4, color.filled()));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerLeft)
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .draw()?;
        Ok(())
    }
}

/// The finite losses as (epoch, loss) points, epochs counted from 1; a long
/// run thinned out evenly to at most about a thousand points (the first and
/// the last kept), which a line of this width cannot tell apart.
fn curve(losses: &[f64]) -> Vec<(f64, f64)> {
    let points: Vec<(f64, f64)> = losses
        .iter()
        .enumerate()
        .map(|(i, &loss)| ((i + 1) as f64, loss))
        .filter(|(_, loss)| loss.is_finite())
        .collect();
    thin_out(&points)
}

fn draw_losses(area: &Area<'_>, title: &str, losses: &[f64]) -> Result<(), PlotError> {
    let curve = curve(losses);
    let epochs = padded_range(curve.iter().map(|p| p.0))?;
    let y = padded_range(curve.iter().map(|p| p.1).chain([0.0]))?;
    let mut chart = chart(area, title, epochs, y, "epoch", "J")?;
    chart.draw_series(LineSeries::new(curve, BLUE.stroke_width(2)))?;
    Ok(())
}

fn cell_size(range: &Range<f64>) -> f64 {
    (range.end - range.start) / GRID as f64
}

fn cell_centre(range: &Range<f64>, index: usize) -> f64 {
    range.start + (index as f64 + 0.5) * cell_size(range)
}

fn class_color(class: usize) -> RGBAColor {
    Palette99::pick(class).to_rgba()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_run_is_thinned_out_to_its_shape() {
        let losses: Vec<f64> = (0..10_000).map(|i| 1.0 / (1.0 + i as f64)).collect();
        let points = curve(&losses);
        assert!(points.len() <= 1001, "{}", points.len());
        assert_eq!(points[0], (1.0, 1.0));
        assert_eq!(*points.last().unwrap(), (10_000.0, 1e-4));
        assert_eq!(curve(&[0.3, f64::NAN, 0.1]), vec![(1.0, 0.3), (3.0, 0.1)]);
    }
}
