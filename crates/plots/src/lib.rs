//! The lecture's plots, drawn with [`plotters`] into SVG text.
//!
//! Every function returns an [`Svg`]: show it inline in a notebook with
//! [`Svg::evcxr_display`], or write it to a file with [`Svg::save`].
//!
//! * [`loss_curve`] / [`descent_1d`]: slide *"1 dimensional Parameter Space"*,
//!   the loss `J(θ)` with the steps of gradient descent drawn on it;
//! * [`contour`] / [`descent_2d`]: slide *"Extending to 2 dimensional Parameter
//!   Space"*, contour lines of `J(θ₁, θ₂)` and the descent trajectory;
//! * [`log_log`] / [`error_vs_h`]: slide *"Ways to determine the gradient"*, the
//!   error of forward and central differences against the step `h`;
//! * [`scatter`]: slide *"Questions about last lecture"*, a 2-D scatter plot of
//!   labelled samples;
//! * [`network::diagram`]: slides *"Computational Graphs & Backpropagation with
//!   Matrixes"* and *"Backpropagation"*, the network's layers with Θ's shapes,
//!   the forward values and the δ's flowing back;
//! * [`activation::sigmoid_curves`]: slide *"Using known derivatives as
//!   shortcuts"*, σ(z) and σ'(z) with the saturated regions marked;
//! * [`training::decision_boundaries`]: slide *"Implementing a neural network
//!   with numpy"*, the decision boundary after several numbers of epochs.
//!
//! The small core ([`render`] and [`chart`]) is public so that other plots are
//! drawn the same way. No font file or font library is needed: plotters is used
//! without its font features, estimates text sizes itself and leaves drawing the
//! text to whatever shows the SVG.
//!
//! ```
//! use descent::{descend, Quadratic};
//!
//! let run = descend(&Quadratic, &[0.0], 0.1, 100)?;
//! let svg = plots::descent_1d(&Quadratic, &run)?;
//! assert!(svg.as_str().starts_with("<svg"));
//! assert!(svg.as_str().contains("quadratic"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod activation;
pub mod classifier;
mod lecture;
pub mod network;
pub mod training;

pub use lecture::{
    contour, descent_1d, descent_2d, descent_plot, error_vs_h, log_log, loss_curve, scatter,
};
pub use plotters;

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The default size of a plot in pixels (width, height).
pub const SIZE: (u32, u32) = (640, 480);

/// The whole drawing surface of a plot being rendered into SVG text.
pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// A chart with linear `f64` axes on an [`Area`].
pub type Chart<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// A rendered plot: the text of an SVG document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Svg(String);

impl Svg {
    /// The SVG text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The SVG text, owned.
    pub fn into_string(self) -> String {
        self.0
    }

    /// Shows the plot inline in an evcxr (Rust Jupyter) notebook.
    pub fn evcxr_display(&self) {
        println!(
            "EVCXR_BEGIN_CONTENT image/svg+xml\n{}\nEVCXR_END_CONTENT",
            self.0
        );
    }

    /// Writes the SVG document to `path`.
    ///
    /// # Errors
    /// [`PlotError::Io`] if the file cannot be written.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), PlotError> {
        let path = path.as_ref();
        std::fs::write(path, &self.0).map_err(|source| PlotError::Io {
            path: path.to_path_buf(),
            source,
        })
    }
}

impl fmt::Display for Svg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a plot could not be drawn or saved.
#[derive(Debug, thiserror::Error)]
pub enum PlotError {
    /// plotters failed while drawing.
    #[error("drawing failed: {0}")]
    Drawing(String),
    /// The data cannot be drawn: nothing finite, or lengths that differ.
    #[error("cannot plot: {0}")]
    Data(String),
    /// The SVG file could not be written.
    #[error("cannot write {}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for PlotError {
    fn from(error: DrawingAreaErrorKind<E>) -> Self {
        PlotError::Drawing(error.to_string())
    }
}

/// Renders a plot of `size` pixels into SVG text: `draw` gets the white drawing
/// area and paints on it.
///
/// # Errors
/// Whatever `draw` returns, or [`PlotError::Drawing`].
///
/// ```
/// use plots::plotters::prelude::*;
///
/// let svg = plots::render((100, 100), |area| {
///     area.draw(&Circle::new((50, 50), 20, RED.filled()))?;
///     Ok(())
/// })?;
/// assert!(svg.as_str().contains("<circle"));
/// # Ok::<(), plots::PlotError>(())
/// ```
pub fn render(
    size: (u32, u32),
    draw: impl FnOnce(&Area<'_>) -> Result<(), PlotError>,
) -> Result<Svg, PlotError> {
    let mut text = String::new();
    {
        let area = SVGBackend::with_string(&mut text, size).into_drawing_area();
        area.fill(&WHITE)?;
        draw(&area)?;
        area.present()?;
    }
    Ok(Svg(text))
}

/// A chart with a title, linear axes over `x` and `y`, a light mesh and axis
/// descriptions: the frame every plot of this crate is drawn in.
///
/// # Errors
/// [`PlotError::Drawing`] if plotters fails.
///
/// ```
/// use plots::plotters::prelude::*;
///
/// // The slide's first plot: J(θ) = (θ − 4)² for θ in [0, 8].
/// let svg = plots::render(plots::SIZE, |area| {
///     let mut chart = plots::chart(area, "J(θ) = (θ − 4)²", 0.0..8.0, 0.0..16.0, "θ", "J(θ)")?;
///     chart.draw_series(LineSeries::new((0..=50).map(|i| {
///         let t = 8.0 * i as f64 / 50.0;
///         (t, (t - 4.0) * (t - 4.0))
///     }), &BLUE))?;
///     Ok(())
/// })?;
/// assert!(svg.as_str().contains("<polyline"));
/// # Ok::<(), plots::PlotError>(())
/// ```
pub fn chart<'a, 'b>(
    area: &'a Area<'b>,
    title: &str,
    x: Range<f64>,
    y: Range<f64>,
    x_desc: &str,
    y_desc: &str,
) -> Result<Chart<'a, 'b>, PlotError> {
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(x.clone(), y.clone())?;
    chart
        .configure_mesh()
        .light_line_style(WHITE.mix(0.0))
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_label_formatter(&|v| tick_label(zero_if_rounding(*v, &x)))
        .y_label_formatter(&|v| tick_label(zero_if_rounding(*v, &y)))
        .draw()?;
    Ok(chart)
}

/// The tick `value` of an axis spanning `range`, with 0 for a value that is
/// only rounding away from it (the tick steps from −1.1 by 0.1 land on
/// −1.1e-16, not on 0).
///
/// ```
/// assert_eq!(plots::zero_if_rounding(-1.1e-16, &(-1.1..1.1)), 0.0);
/// assert_eq!(plots::zero_if_rounding(1e-3, &(0.0..0.01)), 1e-3);
/// ```
pub fn zero_if_rounding(value: f64, range: &Range<f64>) -> f64 {
    if value.abs() < 1e-9 * (range.end - range.start).abs() {
        0.0
    } else {
        value
    }
}

/// A short axis label: plain for everyday numbers, scientific for very large
/// or very small ones.
///
/// ```
/// assert_eq!(plots::tick_label(2.0), "2");
/// assert_eq!(plots::tick_label(-0.25), "-0.25");
/// assert_eq!(plots::tick_label(1.5e12), "1.5e12");
/// assert_eq!(plots::tick_label(0.0), "0");
/// ```
pub fn tick_label(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude != 0.0 && !(1e-3..1e5).contains(&magnitude) {
        compgraph::scientific(value, 1)
    } else {
        compgraph::decimals(value, 4)
    }
}

/// The smallest range holding every finite value, widened by 5 % on both sides
/// (and to a unit width if all values are equal).
///
/// # Errors
/// [`PlotError::Data`] if no value is finite.
///
/// ```
/// let range = plots::padded_range([0.0, 10.0, f64::NAN])?;
/// assert_eq!(range, -0.5..10.5);
/// # Ok::<(), plots::PlotError>(())
/// ```
pub fn padded_range(values: impl IntoIterator<Item = f64>) -> Result<Range<f64>, PlotError> {
    let (low, high) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if low > high {
        return Err(PlotError::Data("no finite values".into()));
    }
    let pad = if high > low { 0.05 * (high - low) } else { 0.5 };
    Ok(low - pad..high + pad)
}

/// The padded x and y ranges of labelled points, after checking that there
/// is one label per point.
pub(crate) fn labelled_ranges(
    points: &[(f64, f64)],
    labels: &[usize],
) -> Result<(Range<f64>, Range<f64>), PlotError> {
    if points.len() != labels.len() {
        return Err(PlotError::Data(format!(
            "{} points but {} labels",
            points.len(),
            labels.len()
        )));
    }
    let x = padded_range(points.iter().map(|p| p.0))?;
    let y = padded_range(points.iter().map(|p| p.1))?;
    Ok((x, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_is_saved_to_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plot.svg");
        let svg = render((50, 50), |_| Ok(())).unwrap();
        svg.save(&path).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), svg.as_str());
        let missing = dir.path().join("no/such/dir/plot.svg");
        let error = svg.save(&missing).unwrap_err().to_string();
        assert!(error.starts_with("cannot write"), "{error}");
    }

    #[test]
    fn padded_range_rejects_no_finite_values() {
        assert!(padded_range([f64::NAN, f64::INFINITY]).is_err());
        assert_eq!(padded_range([3.0]).unwrap(), 2.5..3.5);
    }

    #[test]
    fn text_is_drawn_without_any_font() {
        let svg = render(SIZE, |area| {
            chart(area, "a title", 0.0..1.0, 0.0..1.0, "x axis", "y axis")?;
            Ok(())
        })
        .unwrap();
        for text in ["a title", "x axis", "y axis"] {
            assert!(svg.as_str().contains(text), "{text} missing");
        }
    }

    #[test]
    fn a_tick_at_zero_reads_0_on_an_axis_crossing_it() {
        let svg = render(SIZE, |area| {
            chart(area, "t", -1.1..1.1, -1.1..1.1, "x", "y")?;
            Ok(())
        })
        .unwrap();
        let labels: Vec<&str> = svg
            .as_str()
            .split("</text>")
            .filter_map(|t| t.rsplit('>').next().map(str::trim))
            .collect();
        assert!(labels.contains(&"0"), "no tick labelled 0: {labels:?}");
        assert!(!labels.iter().any(|l| l.contains("e-")), "{labels:?}");
    }
}
