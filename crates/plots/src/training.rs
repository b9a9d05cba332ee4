//! How a classifier's decision boundary moves while it trains (slide
//! "Implementing a neural network with numpy"): the same network's regions
//! after several numbers of epochs, one panel each, side by side.

use crate::classifier::Regions;
use crate::{PlotError, SIZE, Svg, render};

/// Panels per row.
const COLUMNS: usize = 2;

/// One decision-region panel per stage of training, in a grid of two panels
/// per row, each titled with its entry of `stages` (for instance "after
/// 100 epochs"). `classify(k, grid)` gives the classes of the grid points at
/// stage `k`, counting from 0; the data points are drawn on every panel.
///
/// # Errors
/// [`PlotError::Data`] for no stage, lengths that differ or no finite point.
///
/// ```
/// // A boundary x₁ = threshold that moves from 1 to 0.
/// let points = [(0.0, 0.0), (0.2, 1.0), (0.8, 0.0), (1.0, 1.0)];
/// let thresholds = [1.0, 0.5];
/// let svg = plots::training::decision_boundaries("moving", &points, &[0, 0, 1, 1],
///     &["before", "after"], |stage, grid| {
///         grid.iter().map(|&(x, _)| usize::from(x > thresholds[stage])).collect()
///     })?;
/// assert!(svg.as_str().contains("before") && svg.as_str().contains("after"));
/// # Ok::<(), plots::PlotError>(())
/// ```
pub fn decision_boundaries(
    title: &str,
    points: &[(f64, f64)],
    labels: &[usize],
    stages: &[&str],
    mut classify: impl FnMut(usize, &[(f64, f64)]) -> Vec<usize>,
) -> Result<Svg, PlotError> {
    if stages.is_empty() {
        return Err(PlotError::Data("no stage of training to draw".into()));
    }
    let panels = stages
        .iter()
        .enumerate()
        .map(|(k, _)| Regions::new(points, labels, |grid| classify(k, grid)))
        .collect::<Result<Vec<_>, _>>()?;
    draw_panels(title, stages, &panels)
}

/// The drawing of [`decision_boundaries`], compiled once in this crate.
fn draw_panels(title: &str, stages: &[&str], panels: &[Regions<'_>]) -> Result<Svg, PlotError> {
    let columns = COLUMNS.min(panels.len());
    let rows = panels.len().div_ceil(columns);
    let heading = 40;
    let size = (columns as u32 * SIZE.0, rows as u32 * SIZE.1 + heading);
    render(size, |area| {
        let (top, body) = area.split_vertically(heading);
        top.titled(title, ("sans-serif", 24))?;
        let cells = body.split_evenly((rows, columns));
        for ((panel, stage), cell) in panels.iter().zip(stages).zip(&cells) {
            panel.draw(cell, stage)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const POINTS: [(f64, f64); 4] = [(0.0, 0.0), (0.2, 1.0), (0.8, 0.0), (1.0, 1.0)];
    const LABELS: [usize; 4] = [0, 0, 1, 1];

    /// Class 1 right of `threshold`.
    fn right_of(threshold: f64, grid: &[(f64, f64)]) -> Vec<usize> {
        grid.iter()
            .map(|&(x, _)| usize::from(x > threshold))
            .collect()
    }

    #[test]
    fn every_stage_gets_a_titled_panel_with_the_data() {
        let stages = [
            "after 0 epochs",
            "after 100 epochs",
            "after 500 epochs",
            "after 1500 epochs",
        ];
        let thresholds = [2.0, 0.9, 0.6, 0.5];
        let svg = decision_boundaries("four", &POINTS, &LABELS, &stages, |k, grid| {
            right_of(thresholds[k], grid)
        })
        .unwrap();
        for stage in stages {
            assert_eq!(svg.as_str().matches(stage).count(), 1, "{stage}");
        }
        // The four points and two legend markers on each of the four panels.
        assert_eq!(svg.as_str().matches("<circle").count(), 4 * (4 + 2));
        assert!(
            svg.as_str()
                .starts_with("<svg width=\"1280\" height=\"1000\"")
        );
    }

    #[test]
    fn a_stage_that_sees_one_class_draws_one_colour_of_regions() {
        let regions = |threshold: f64| {
            let svg = decision_boundaries("one", &POINTS, &LABELS, &["only"], |_, grid| {
                right_of(threshold, grid)
            })
            .unwrap();
            svg.as_str().matches("opacity=\"0.25\"").count()
        };
        // A boundary outside the plot: one run of one class per grid row;
        // inside it, two runs per row.
        assert_eq!(2 * regions(5.0), regions(0.5));
    }

    #[test]
    fn bad_input_is_refused() {
        let none: [&str; 0] = [];
        assert!(
            decision_boundaries("none", &POINTS, &LABELS, &none, |_, g| right_of(0.5, g)).is_err()
        );
        let short = decision_boundaries("short", &POINTS, &LABELS, &["a"], |_, _| vec![0]);
        assert!(
            short
                .unwrap_err()
                .to_string()
                .contains("classify returned 1 classes")
        );
        assert!(
            decision_boundaries("labels", &POINTS, &[0], &["a"], |_, g| right_of(0.5, g)).is_err()
        );
    }
}
