//! The plots of the lecture's first part: loss curves, contours, error versus h, scatter.

use crate::{PlotError, SIZE, Svg, chart, labelled_ranges, padded_range, render};
use descent::{Descent, Loss};
use finite_diff::Estimate;
use plotters::prelude::*;
use std::ops::Range;

/// How many points a curve is sampled at.
const SAMPLES: usize = 400;
/// How many points of a trajectory are drawn at most (evenly thinned out beyond).
const MAX_PATH_POINTS: usize = 1000;
/// How many steps get a marker.
const MARKED_STEPS: usize = 60;
/// Grid cells per axis for contour lines.
const GRID: usize = 60;
/// How many contour lines.
const LEVELS: usize = 14;

/// The loss curve `J(θ)` over `domain`, widened to hold every step, with the
/// descent steps `θ₀, θ₁, …` drawn on it as points joined by a line.
///
/// # Errors
/// [`PlotError::Data`] if nothing finite is left to draw.
///
/// ```
/// // Steps of α = 0.1 on J(θ) = (θ − 4)² from θ = 0.
/// let steps = [0.0, 0.8, 1.44, 1.952];
/// let svg = plots::loss_curve("J(θ) = (θ − 4)²", |t| (t - 4.0).powi(2), (0.0, 8.0), &steps)?;
/// assert!(svg.as_str().contains("descent steps"));
/// # Ok::<(), plots::PlotError>(())
/// ```
pub fn loss_curve(
    title: &str,
    f: impl Fn(f64) -> f64,
    domain: (f64, f64),
    steps: &[f64],
) -> Result<Svg, PlotError> {
    // Only this sampling depends on `f`'s type; the drawing below is compiled
    // once, in this crate, rather than into every notebook cell with a plot.
    let x = padded_range(
        [domain.0, domain.1]
            .into_iter()
            .chain(steps.iter().copied()),
    )?;
    let curve: Vec<(f64, f64)> = (0..=SAMPLES)
        .map(|i| x.start + (x.end - x.start) * i as f64 / SAMPLES as f64)
        .map(|t| (t, f(t)))
        .filter(|(_, y)| y.is_finite())
        .collect();
    let path: Vec<(f64, f64)> = thin_out(steps)
        .into_iter()
        .map(|t| (t, f(t)))
        .filter(|(t, y)| t.is_finite() && y.is_finite())
        .collect();
    draw_loss_curve(title, x, curve, &path)
}

/// The drawing of [`loss_curve`]: the sampled curve and the steps on it.
fn draw_loss_curve(
    title: &str,
    x: Range<f64>,
    curve: Vec<(f64, f64)>,
    path: &[(f64, f64)],
) -> Result<Svg, PlotError> {
    let y = padded_range(curve.iter().chain(path).map(|p| p.1))?;
    render(SIZE, |area| {
        let mut chart = chart(area, title, x, y, "θ", "J(θ)")?;
        chart
            .draw_series(LineSeries::new(curve, BLUE.stroke_width(2)))?
            .label("J(θ)")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], BLUE));
        draw_path(&mut chart, path)?;
        legend(&mut chart, SeriesLabelPosition::UpperMiddle)
    })
}

/// Contour lines of `J(θ₁, θ₂)` over `domain` (widened to hold the path) and
/// the descent path drawn on top.
///
/// # Errors
/// [`PlotError::Data`] if nothing finite is left to draw.
///
/// ```
/// // The elongated bowl J = θ₁² + 10·θ₂² and two steps of α = 0.09 from (4, 1.5).
/// let path = [(4.0, 1.5), (3.28, -1.2), (2.6896, 0.96)];
/// let svg = plots::contour("bowl", |a, b| a * a + 10.0 * b * b, [(-5.0, 5.0), (-2.0, 2.0)], &path)?;
/// assert!(svg.as_str().matches("<polyline").count() > 100); // the contour segments
/// # Ok::<(), plots::PlotError>(())
/// ```
pub fn contour(
    title: &str,
    f: impl Fn(f64, f64) -> f64,
    domain: [(f64, f64); 2],
    path: &[(f64, f64)],
) -> Result<Svg, PlotError> {
    let path: Vec<(f64, f64)> = path
        .iter()
        .copied()
        .filter(|(a, b)| a.is_finite() && b.is_finite())
        .collect();
    let path = thin_out(&path);
    let x = padded_range(
        [domain[0].0, domain[0].1]
            .into_iter()
            .chain(path.iter().map(|p| p.0)),
    )?;
    let y = padded_range(
        [domain[1].0, domain[1].1]
            .into_iter()
            .chain(path.iter().map(|p| p.1)),
    )?;
    let grid = Grid::sample(&f, x, y);
    let levels = quantile_levels(grid.values.iter().flatten().copied());
    if levels.is_empty() {
        return Err(PlotError::Data("the loss has no finite values here".into()));
    }
    render(SIZE, |area| {
        let mut chart = chart(area, title, grid.x.clone(), grid.y.clone(), "θ₁", "θ₂")?;
        for (k, &level) in levels.iter().enumerate() {
            let color = level_color(k, levels.len());
            let series = chart.draw_series(
                grid.contour_line(level)
                    .into_iter()
                    .map(|s| PathElement::new(s.to_vec(), color.stroke_width(1))),
            )?;
            if k == 0 {
                series
                    .label("contour lines of J")
                    .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], color));
            }
        }
        draw_path(&mut chart, &path)?;
        legend(&mut chart, SeriesLabelPosition::UpperRight)
    })
}

/// `J(θ₁, θ₂)` sampled on the corners of [`GRID`] × [`GRID`] cells over `x`
/// and `y`.
struct Grid {
    x: Range<f64>,
    y: Range<f64>,
    /// `values[i][j]` = J at the i-th x and the j-th y.
    values: Vec<Vec<f64>>,
}

impl Grid {
    /// Samples `f` over `x` and `y`.
    fn sample(f: impl Fn(f64, f64) -> f64, x: Range<f64>, y: Range<f64>) -> Self {
        let values = (0..=GRID)
            .map(|i| (0..=GRID).map(|j| f(at(&x, i), at(&y, j))).collect())
            .collect();
        Grid { x, y, values }
    }

    /// The segments of the contour line J = `level`, cell by cell.
    fn contour_line(&self, level: f64) -> Vec<[(f64, f64); 2]> {
        let (x, y, values) = (&self.x, &self.y, &self.values);
        let mut segments = Vec::new();
        for i in 0..GRID {
            for j in 0..GRID {
                let corners = [
                    (at(x, i), at(y, j), values[i][j]),
                    (at(x, i + 1), at(y, j), values[i + 1][j]),
                    (at(x, i + 1), at(y, j + 1), values[i + 1][j + 1]),
                    (at(x, i), at(y, j + 1), values[i][j + 1]),
                ];
                segments.extend(iso_segments(corners, level));
            }
        }
        segments
    }
}

/// The i-th of the [`GRID`] + 1 evenly spaced points of `range`.
fn at(range: &Range<f64>, i: usize) -> f64 {
    range.start + (range.end - range.start) * i as f64 / GRID as f64
}

/// A log-log plot of one or more named series of `(x, y)` points; points
/// that are not positive and finite (a zero error, say) are left out.
///
/// # Errors
/// [`PlotError::Data`] if no point is left.
///
/// ```
/// let series = [("h²", (1..=6).map(|k| { let h = 10f64.powi(-k); (h, h * h) }).collect())];
/// let svg = plots::log_log("truncation error", "h", "error", &series)?;
/// assert!(svg.as_str().contains("h²"));
/// # Ok::<(), plots::PlotError>(())
/// ```
pub fn log_log(
    title: &str,
    x_desc: &str,
    y_desc: &str,
    series: &[(&str, Vec<(f64, f64)>)],
) -> Result<Svg, PlotError> {
    let usable = |v: f64| v.is_finite() && v > 0.0;
    let series: Vec<(&str, Vec<(f64, f64)>)> = series
        .iter()
        .map(|(name, points)| {
            let kept = points
                .iter()
                .copied()
                .filter(|&(x, y)| usable(x) && usable(y));
            (*name, kept.collect())
        })
        .collect();
    let all = || series.iter().flat_map(|(_, points)| points.iter());
    let x = padded_range(all().map(|p| p.0.log10()))?;
    let y = padded_range(all().map(|p| p.1.log10()))?;
    let (x, y) = (
        10f64.powf(x.start)..10f64.powf(x.end),
        10f64.powf(y.start)..10f64.powf(y.end),
    );
    render(SIZE, |area| {
        let mut chart = ChartBuilder::on(area)
            .caption(title, ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(70)
            .build_cartesian_2d(x.log_scale(), y.log_scale())?;
        chart
            .configure_mesh()
            .x_desc(x_desc)
            .y_desc(y_desc)
            .x_label_formatter(&|v| format!("{v:.0e}"))
            .y_label_formatter(&|v| format!("{v:.0e}"))
            .draw()?;
        for (i, (name, points)) in series.iter().enumerate() {
            let color = Palette99::pick(i).to_rgba();
            chart
                .draw_series(LineSeries::new(points.clone(), color.stroke_width(2)))?
                .label(*name)
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], color));
            chart.draw_series(points.iter().map(|&p| Circle::new(p, 3, color.filled())))?;
        }
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .draw()?;
        Ok(())
    })
}

/// A 2-D scatter plot of `points`, coloured by their class `labels`.
///
/// # Errors
/// [`PlotError::Data`] if the lengths differ or no point is finite.
///
/// ```
/// let points = [(0.0, 0.0), (1.0, 1.0), (0.0, 1.0), (1.0, 0.0)];
/// let svg = plots::scatter("XOR", &points, &[0, 0, 1, 1])?;
/// assert_eq!(svg.as_str().matches("<circle").count(), 4 + 2); // points + legend markers
/// # Ok::<(), plots::PlotError>(())
/// ```
pub fn scatter(title: &str, points: &[(f64, f64)], labels: &[usize]) -> Result<Svg, PlotError> {
    let (x, y) = labelled_ranges(points, labels)?;
    let mut classes: Vec<usize> = labels.to_vec();
    classes.sort_unstable();
    classes.dedup();
    render(SIZE, |area| {
        let mut chart = chart(area, title, x, y, "x₁", "x₂")?;
        for class in classes {
            let color = Palette99::pick(class).to_rgba();
            let members = points
                .iter()
                .zip(labels)
                .filter(|&(_, &label)| label == class)
                .map(|(&p, _)| Circle::new(p, 4, color.filled()));
            chart
                .draw_series(members)?
                .label(format!("class {class}"))
                .legend(move |(x, y)| Circle::new((x + 10, y), 4, color.filled()));
        }
        legend(&mut chart, SeriesLabelPosition::UpperRight)
    })
}

/// [`loss_curve`] of a one-dimensional loss with a descent run on it.
///
/// # Errors
/// [`PlotError::Data`] if the loss is not one-dimensional or nothing is finite.
///
/// ```
/// use descent::{descend, Quartic};
///
/// let run = descend(&Quartic, &[3.0], 0.001, 10_000)?;
/// let svg = plots::descent_1d(&Quartic, &run)?;
/// assert!(svg.as_str().contains("quartic"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn descent_1d(loss: &dyn Loss, run: &Descent) -> Result<Svg, PlotError> {
    expect_dimension(loss, 1)?;
    let steps: Vec<f64> = run.trajectory.iter().map(|t| t[0]).collect();
    loss_curve(
        &run_title(loss, run),
        |t| loss.value(&[t]),
        loss.domain()[0],
        &steps,
    )
}

/// [`contour`] of a two-dimensional loss with a descent run on it.
///
/// # Errors
/// [`PlotError::Data`] if the loss is not two-dimensional or nothing is finite.
///
/// ```
/// use descent::{descend, Bowl};
///
/// let run = descend(&Bowl, &[4.0, 1.5], 0.09, 1000)?; // zig-zags across the valley
/// let svg = plots::descent_2d(&Bowl, &run)?;
/// assert!(svg.as_str().contains("bowl"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn descent_2d(loss: &dyn Loss, run: &Descent) -> Result<Svg, PlotError> {
    expect_dimension(loss, 2)?;
    let domain = loss.domain();
    let path: Vec<(f64, f64)> = run.trajectory.iter().map(|t| (t[0], t[1])).collect();
    contour(
        &run_title(loss, run),
        |a, b| loss.value(&[a, b]),
        [domain[0], domain[1]],
        &path,
    )
}

/// [`descent_1d`] or [`descent_2d`], whichever fits the loss.
///
/// # Errors
/// [`PlotError::Data`] for losses of more than two parameters.
///
/// ```
/// use descent::{descend, Twin};
///
/// let run = descend(&Twin, &[0.5, 1.0], 0.05, 1000)?;
/// assert!(plots::descent_plot(&Twin, &run)?.as_str().contains("twin"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn descent_plot(loss: &dyn Loss, run: &Descent) -> Result<Svg, PlotError> {
    match loss.dimension() {
        1 => descent_1d(loss, run),
        _ => descent_2d(loss, run),
    }
}

/// The log-log plot of the absolute error of forward and central differences
/// against `h`: truncation error falls with `h` until round-off error takes over.
///
/// # Errors
/// [`PlotError::Data`] if every error is zero.
///
/// ```
/// use finite_diff::{compare_differences, decade_steps};
///
/// let table = compare_differences(f64::exp, 1.0, 1f64.exp(), &decade_steps());
/// let svg = plots::error_vs_h("f(x) = eˣ at x = 1", &table)?;
/// assert!(svg.as_str().contains("central difference"));
/// # Ok::<(), plots::PlotError>(())
/// ```
pub fn error_vs_h(title: &str, table: &[Estimate]) -> Result<Svg, PlotError> {
    let forward = table.iter().map(|e| (e.h, e.forward_error)).collect();
    let central = table.iter().map(|e| (e.h, e.central_error)).collect();
    log_log(
        title,
        "step h",
        "absolute error",
        &[
            ("forward difference", forward),
            ("central difference", central),
        ],
    )
}

fn expect_dimension(loss: &dyn Loss, dimension: usize) -> Result<(), PlotError> {
    if loss.dimension() == dimension {
        Ok(())
    } else {
        Err(PlotError::Data(format!(
            "{} has {} parameters, this plot needs {dimension}",
            loss.name(),
            loss.dimension()
        )))
    }
}

fn run_title(loss: &dyn Loss, run: &Descent) -> String {
    format!("{}: {} after {} steps", loss.name(), run.status, run.steps)
}

/// At most [`MAX_PATH_POINTS`] evenly spread points, always keeping the last.
pub(crate) fn thin_out<T: Copy>(points: &[T]) -> Vec<T> {
    let stride = points.len().div_ceil(MAX_PATH_POINTS).max(1);
    let mut kept: Vec<T> = points.iter().copied().step_by(stride).collect();
    if let Some(&last) = points.last() {
        if (points.len() - 1) % stride != 0 {
            kept.push(last);
        }
    }
    kept
}

/// The descent path: a red line, markers on the first steps, the start in black.
fn draw_path(chart: &mut crate::Chart<'_, '_>, path: &[(f64, f64)]) -> Result<(), PlotError> {
    chart
        .draw_series(LineSeries::new(path.iter().copied(), RED.stroke_width(1)))?
        .label("descent steps")
        .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], RED));
    chart.draw_series(
        path.iter()
            .take(MARKED_STEPS)
            .map(|&p| Circle::new(p, 3, RED.filled())),
    )?;
    if let Some(&start) = path.first() {
        chart
            .draw_series([Circle::new(start, 5, BLACK.filled())])?
            .label("start")
            .legend(|(x, y)| Circle::new((x + 10, y), 4, BLACK.filled()));
    }
    Ok(())
}

pub(crate) fn legend<'a, 'b: 'a>(
    chart: &mut crate::Chart<'a, 'b>,
    position: SeriesLabelPosition,
) -> Result<(), PlotError> {
    chart
        .configure_series_labels()
        .position(position)
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .draw()?;
    Ok(())
}

/// Contour levels at evenly spaced quantiles of the finite values.
fn quantile_levels(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut values: Vec<f64> = values.filter(|v| v.is_finite()).collect();
    if values.is_empty() {
        return Vec::new();
    }
    values.sort_by(f64::total_cmp);
    let mut levels: Vec<f64> = (1..=LEVELS)
        .map(|k| values[k * (values.len() - 1) / (LEVELS + 1)])
        .collect();
    levels.dedup();
    levels
}

/// From blue (low) to red (high).
fn level_color(k: usize, count: usize) -> RGBColor {
    let s = k as f64 / count.saturating_sub(1).max(1) as f64;
    RGBColor((40.0 + 200.0 * s) as u8, 90, (230.0 - 190.0 * s) as u8)
}

/// Marching squares on one grid cell: the pieces of the line `f = level` inside
/// the cell whose corners (in order around the cell) are `(x, y, f(x, y))`.
fn iso_segments(corners: [(f64, f64, f64); 4], level: f64) -> Vec<[(f64, f64); 2]> {
    let mut crossings = Vec::with_capacity(4);
    for k in 0..4 {
        let (xa, ya, va) = corners[k];
        let (xb, yb, vb) = corners[(k + 1) % 4];
        if (va >= level) != (vb >= level) && va.is_finite() && vb.is_finite() {
            let s = (level - va) / (vb - va);
            crossings.push((xa + s * (xb - xa), ya + s * (yb - ya)));
        }
    }
    match crossings[..] {
        [a, b] => vec![[a, b]],
        [a, b, c, d] => vec![[a, b], [c, d]],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use descent::{Bowl, Linear, Quadratic, descend};

    #[test]
    fn iso_segments_cut_the_cell_where_the_level_is_reached() {
        // f = x on the unit square: the line f = 0.25 is the vertical x = 0.25.
        let cell = [
            (0.0, 0.0, 0.0),
            (1.0, 0.0, 1.0),
            (1.0, 1.0, 1.0),
            (0.0, 1.0, 0.0),
        ];
        let segments = iso_segments(cell, 0.25);
        assert_eq!(segments.len(), 1);
        for (x, _) in segments[0] {
            assert!((x - 0.25).abs() < 1e-12);
        }
        assert!(iso_segments(cell, 2.0).is_empty());
    }

    #[test]
    fn contour_of_a_circle_lies_on_the_circle() {
        let corners = |i: f64, j: f64| {
            let f = |x: f64, y: f64| x * x + y * y;
            [
                (i, j, f(i, j)),
                (i + 0.1, j, f(i + 0.1, j)),
                (i + 0.1, j + 0.1, f(i + 0.1, j + 0.1)),
                (i, j + 0.1, f(i, j + 0.1)),
            ]
        };
        let mut count = 0;
        for i in -12..12 {
            for j in -12..12 {
                for [a, b] in iso_segments(corners(i as f64 / 10.0, j as f64 / 10.0), 1.0) {
                    for (x, y) in [a, b] {
                        count += 1;
                        assert!(((x * x + y * y).sqrt() - 1.0).abs() < 0.01);
                    }
                }
            }
        }
        assert!(count > 50);
    }

    #[test]
    fn thin_out_keeps_first_and_last() {
        let points: Vec<usize> = (0..=2500).collect();
        let kept = thin_out(&points);
        assert!(kept.len() <= MAX_PATH_POINTS + 1);
        assert_eq!(kept[0], 0);
        assert_eq!(*kept.last().unwrap(), 2500);
        assert_eq!(thin_out(&[1, 2, 3]), vec![1, 2, 3]);
    }

    #[test]
    fn wrong_dimension_is_an_error() {
        let run = descend(&Bowl, &[1.0, 1.0], 0.01, 5).unwrap();
        assert!(matches!(descent_1d(&Bowl, &run), Err(PlotError::Data(_))));
        let run = descend(&Quadratic, &[1.0], 0.01, 5).unwrap();
        assert!(matches!(
            descent_2d(&Quadratic, &run),
            Err(PlotError::Data(_))
        ));
        assert!(matches!(
            scatter("", &[(0.0, 0.0)], &[]),
            Err(PlotError::Data(_))
        ));
    }

    #[test]
    fn diverged_and_endless_runs_still_plot() {
        let run = descend(&Quadratic, &[0.0], 1.5, 1000).unwrap();
        assert!(descent_1d(&Quadratic, &run).is_ok());
        let run = descend(&Linear, &[0.0], 0.1, 100_000).unwrap();
        let svg = descent_1d(&Linear, &run).unwrap();
        assert!(svg.as_str().len() < 400_000, "{} bytes", svg.as_str().len());
        let run = descend(&Bowl, &[4.0, 1.5], 0.2, 1000).unwrap();
        assert!(descent_2d(&Bowl, &run).is_ok());
    }

    #[test]
    fn error_plot_leaves_out_zero_errors() {
        // For a parabola the central difference can be exact: error 0 cannot go on a log axis.
        let table = finite_diff::compare_differences(|x| x * x, 0.0, 0.0, &[0.1, 0.01]);
        assert!(table.iter().all(|e| e.central_error == 0.0));
        let svg = error_vs_h("x²", &table).unwrap();
        assert!(svg.as_str().contains("forward difference"));
    }
}
