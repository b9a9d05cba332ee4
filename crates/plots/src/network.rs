//! The network as the slides "Computational Graphs & Backpropagation with
//! Matrixes" and "Backpropagation" draw it: layers of units from left to
//! right, every unit of a layer joined to every unit of the next, the shape
//! of Θˡ on the edges between layers, the forward values in the units and
//! the δ's flowing back beside them.

use crate::{PlotError, Svg, render, tick_label};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const WIDTH: u32 = 760;
const HEIGHT: u32 = 460;
const RADIUS: i32 = 24;
/// Top and bottom of the band the units are drawn in.
const TOP: i32 = 110;
const BOTTOM: i32 = 350;
const FORWARD: RGBColor = RGBColor(31, 119, 180);
const BACKWARD: RGBColor = RGBColor(214, 39, 40);

/// Draws a network of `sizes` (units per layer, inputs first). `values[l]`
/// holds the forward value of each unit of layer l for one example (x, the
/// activations, p), `deltas[l]` the gradient of the loss with respect to
/// each unit's output (δ_p for the output layer, δ_a for hidden layers, δ_x
/// for the inputs); an empty
/// slice, or an empty entry for a layer, leaves them out.
///
/// ```
/// // The slides' sigmoid neuron: x = (−1, −2), p = 0.73; δ_p = 1 flows back to δ_x = (0.39, −0.59).
/// let svg = plots::network::diagram(
///     "the sigmoid neuron",
///     &[2, 1],
///     &[vec![-1.0, -2.0], vec![0.73]],
///     &[vec![0.39, -0.59], vec![1.0]],
/// )?;
/// let text = svg.as_str();
/// assert!(text.contains("Θ¹: 1×2") && text.contains("0.73") && text.contains("δ_p = 1"));
/// assert!(text.contains("δ_x = 0.39") && text.contains("δ_x = -0.59"));
/// assert_eq!(text.matches("<circle").count(), 2 * 3); // a fill and a ring per unit
/// # Ok::<(), plots::PlotError>(())
/// ```
///
/// # Errors
/// [`PlotError::Data`] for fewer than two layers, an empty layer, more than
/// 10 units in a layer, or values or deltas that don't match the sizes.
pub fn diagram(
    title: &str,
    sizes: &[usize],
    values: &[Vec<f64>],
    deltas: &[Vec<f64>],
) -> Result<Svg, PlotError> {
    check(sizes, values, "values")?;
    check(sizes, deltas, "deltas")?;
    let layout = Layout { sizes };
    render((WIDTH, HEIGHT), |area| {
        area.draw(&text(title, (WIDTH as i32 / 2, 22), 20, &BLACK))?;
        for l in 1..sizes.len() {
            draw_weights(area, &layout, l)?;
        }
        for l in 0..sizes.len() {
            draw_layer(area, &layout, l, values, deltas)?;
        }
        legend(area, !values.is_empty(), !deltas.is_empty())
    })
}

/// Where the layers of a network of `sizes` stand: one column per layer,
/// its units spread evenly over the band from [`TOP`] to [`BOTTOM`].
struct Layout<'a> {
    sizes: &'a [usize],
}

impl Layout<'_> {
    /// The x of layer l's column.
    fn column(&self, l: usize) -> i32 {
        90 + (l as i32) * (WIDTH as i32 - 180) / (self.sizes.len() as i32 - 1)
    }

    /// The y of unit i of layer l.
    fn row(&self, l: usize, i: usize) -> i32 {
        let gap = (BOTTOM - TOP) / self.sizes[l] as i32;
        TOP + gap / 2 + i as i32 * gap
    }

    /// Whether l is the output layer.
    fn is_output(&self, l: usize) -> bool {
        l == self.sizes.len() - 1
    }
}

/// The edges from layer l−1 to layer l, every unit to every unit, with the
/// shapes of Θˡ and bˡ above them.
fn draw_weights(area: &crate::Area<'_>, layout: &Layout<'_>, l: usize) -> Result<(), PlotError> {
    let (below, above) = (layout.sizes[l - 1], layout.sizes[l]);
    let (left, right) = (layout.column(l - 1), layout.column(l));
    for (i, j) in (0..above).flat_map(|i| (0..below).map(move |j| (i, j))) {
        let edge = vec![(left, layout.row(l - 1, j)), (right, layout.row(l, i))];
        area.draw(&PathElement::new(edge, BLACK.mix(0.25)))?;
    }
    let label = format!("Θ{}: {above}×{below}, b{}: {above}", sup(l), sup(l));
    area.draw(&text(&label, ((left + right) / 2, 62), 15, &BLACK))?;
    Ok(())
}

/// Layer l's caption (aˡ: m×units) and its units, each with its forward
/// value inside and its δ below when `values` and `deltas` give them.
fn draw_layer(
    area: &crate::Area<'_>,
    layout: &Layout<'_>,
    l: usize,
    values: &[Vec<f64>],
    deltas: &[Vec<f64>],
) -> Result<(), PlotError> {
    let units = layout.sizes[l];
    let name = match l {
        0 => "a⁰ = x".to_string(),
        l if layout.is_output(l) => format!("a{} = p", sup(l)),
        l => format!("a{}", sup(l)),
    };
    let caption = format!("{name}: m×{units}");
    area.draw(&text(&caption, (layout.column(l), 88), 15, &BLACK))?;
    let delta_name = match l {
        0 => "δ_x",
        l if layout.is_output(l) => "δ_p",
        _ => "δ_a",
    };
    for i in 0..units {
        let centre = (layout.column(l), layout.row(l, i));
        area.draw(&Circle::new(centre, RADIUS, WHITE.filled()))?;
        area.draw(&Circle::new(centre, RADIUS, BLACK.stroke_width(2)))?;
        if let Some(value) = values.get(l).and_then(|v| v.get(i)) {
            area.draw(&text(&tick_label(*value), centre, 14, &FORWARD))?;
        }
        if let Some(delta) = deltas.get(l).and_then(|d| d.get(i)) {
            let label = format!("{delta_name} = {}", tick_label(*delta));
            area.draw(&text(
                &label,
                (centre.0, centre.1 + RADIUS + 10),
                13,
                &BACKWARD,
            ))?;
        }
    }
    Ok(())
}

/// The arrows under the network: the forward pass to the right, the δ's to
/// the left.
fn legend(area: &crate::Area<'_>, forward: bool, backward: bool) -> Result<(), PlotError> {
    let (left, right) = (90, WIDTH as i32 - 90);
    if forward {
        arrow(area, (left, 392), (right, 392), FORWARD)?;
        let label = "forward: zˡ = aˡ⁻¹ (Θˡ)ᵀ + bˡ, aˡ = σ(zˡ)";
        area.draw(&text(label, ((left + right) / 2, 380), 14, &FORWARD))?;
    }
    if backward {
        arrow(area, (right, 432), (left, 432), BACKWARD)?;
        let label = "backward: δ_p = p − y, δ_z = δ_a ∘ σ'(z), δ_a = (Θˡ)ᵀ δ_z";
        area.draw(&text(label, ((left + right) / 2, 420), 14, &BACKWARD))?;
    }
    Ok(())
}

/// A line from `from` to `to` with a head at `to`.
fn arrow(
    area: &crate::Area<'_>,
    from: (i32, i32),
    to: (i32, i32),
    color: RGBColor,
) -> Result<(), PlotError> {
    let style = color.stroke_width(2);
    area.draw(&PathElement::new(vec![from, to], style))?;
    let back = if to.0 > from.0 { -10 } else { 10 };
    let head = vec![(to.0 + back, to.1 - 6), to, (to.0 + back, to.1 + 6)];
    area.draw(&PathElement::new(head, style))?;
    Ok(())
}

/// Text centred on `at`.
fn text<'a>(
    content: &'a str,
    at: (i32, i32),
    size: u32,
    color: &'a RGBColor,
) -> Text<'a, (i32, i32), &'a str> {
    let style = ("sans-serif", size)
        .into_font()
        .color(color)
        .pos(Pos::new(HPos::Center, VPos::Center));
    Text::new(content, at, style)
}

/// `n` as superscript digits: 12 → ¹².
fn sup(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .map(|d| DIGITS[d.to_digit(10).expect("a decimal digit") as usize])
        .collect()
}

/// Checks that `per_layer` is empty or has one entry per layer, each empty
/// or one number per unit, and that the sizes can be drawn.
fn check(sizes: &[usize], per_layer: &[Vec<f64>], what: &str) -> Result<(), PlotError> {
    if sizes.len() < 2 || sizes.iter().any(|&units| units == 0 || units > 10) {
        return Err(PlotError::Data(format!(
            "a network diagram needs at least 2 layers of 1 to 10 units, got {sizes:?}"
        )));
    }
    let fits = per_layer.is_empty()
        || (per_layer.len() == sizes.len()
            && per_layer
                .iter()
                .zip(sizes)
                .all(|(v, &units)| v.is_empty() || v.len() == units));
    if fits {
        Ok(())
    } else {
        Err(PlotError::Data(format!(
            "{what} must have one entry per layer and one number per unit of sizes {sizes:?}"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unit_edge_and_shape_is_drawn() {
        let svg = diagram("2-4-1", &[2, 4, 1], &[], &[]).unwrap();
        let text = svg.as_str();
        assert_eq!(
            text.matches("<circle").count(),
            2 * 7,
            "a fill and a ring per unit"
        );
        // 2·4 + 4·1 edges.
        assert_eq!(text.matches("<polyline").count(), 12);
        for label in [
            "Θ¹: 4×2, b¹: 4",
            "Θ²: 1×4, b²: 1",
            "a⁰ = x: m×2",
            "a² = p: m×1",
        ] {
            assert!(text.contains(label), "{label} missing");
        }
        assert!(!text.contains("forward:") && !text.contains("δ_"));
    }

    #[test]
    fn values_and_deltas_are_written_beside_the_units() {
        let values = [vec![0.05, 0.1], vec![0.5933, 0.5969], vec![0.7514]];
        let deltas = [vec![0.0058, 0.0072], vec![0.0539, 0.0607], vec![0.7414]];
        let text = diagram("tiny", &[2, 2, 1], &values, &deltas)
            .unwrap()
            .into_string();
        for label in [
            "0.5933",
            "0.7514",
            "δ_x = 0.0058",
            "δ_a = 0.0539",
            "δ_p = 0.7414",
            "forward:",
            "backward:",
        ] {
            assert!(text.contains(label), "{label} missing");
        }
    }

    #[test]
    fn shapes_that_do_not_fit_are_errors() {
        assert!(diagram("", &[2], &[], &[]).is_err());
        assert!(diagram("", &[2, 11], &[], &[]).is_err());
        assert!(diagram("", &[2, 1], &[vec![1.0]], &[]).is_err());
        let error = diagram("", &[2, 1], &[], &[vec![1.0, 2.0], vec![1.0, 2.0]]).unwrap_err();
        assert!(error.to_string().contains("deltas"), "{error}");
    }
}
