//! Checks for exercise 14: they call only the exercise's public items. The
//! mistakes are put into the gradient from `backward` by hand, so the check
//! must find each one where it was put, with the relative error it makes.
use crate::exercise::*;
use ndarray::{Array1, Array2};

/// A 2-3-2 network with fixed, irregular weights, and a batch of 4 examples.
fn network() -> (Vec<Layer>, Array2<f64>, Array2<f64>) {
    let layer = |units: usize, inputs: usize, seed: f64| Layer {
        weights: Array2::from_shape_fn((units, inputs), |(i, j)| {
            (seed + 1.7 * i as f64 + 0.9 * j as f64).sin()
        }),
        bias: Array1::from_shape_fn(units, |i| 0.5 * (seed + i as f64).cos()),
    };
    let layers = vec![layer(3, 2, 0.3), layer(2, 3, 1.1)];
    let x = Array2::from_shape_fn((4, 2), |(n, j)| (0.7 * n as f64 - 1.3 * j as f64).cos());
    let y = Array2::from_shape_fn((4, 2), |(n, k)| ((n + k) % 2) as f64);
    (layers, x, y)
}

fn check_with(change: impl Fn(&mut Vec<Layer>)) -> (Check, Vec<Layer>, Vec<Layer>) {
    let (layers, x, y) = network();
    let mut analytic = backward(&layers, &x, &y);
    change(&mut analytic);
    let mut probed = layers.clone();
    let check = check_backprop(&mut probed, &x, &y, &analytic);
    (check, layers, probed)
}

fn close(what: &str, expected: f64, got: f64, tolerance: f64) {
    assert!(
        (expected - got).abs() <= tolerance,
        "{what}: expected {expected}, got {got}"
    );
}

#[test]
fn a_correct_backprop_is_good() {
    let (check, _, _) = check_with(|_| {});
    assert!(
        check.max_relative_error <= 1e-7,
        "the correct gradient: expected a largest relative error ≤ 1e-7, got {:e} at {:?}",
        check.max_relative_error,
        check.worst
    );
    assert_eq!(
        check.verdict,
        Verdict::Good,
        "the correct gradient's verdict: expected {:?}, got {:?}",
        Verdict::Good,
        check.verdict
    );
}

#[test]
fn the_network_is_left_as_it_was() {
    let (_, before, after) = check_with(|_| {});
    for (l, (b, a)) in before.iter().zip(&after).enumerate() {
        let moved = b
            .weights
            .iter()
            .zip(&a.weights)
            .chain(b.bias.iter().zip(&a.bias))
            .any(|(b, a)| (b - a).abs() > 1e-12);
        assert!(
            !moved,
            "expected layer {l} unchanged after the check, got {a:?} instead of {b:?}"
        );
    }
}

#[test]
fn a_wrong_weight_is_found_in_every_layer() {
    for (layer, row, column) in [(0, 2, 1), (1, 0, 2), (0, 0, 0)] {
        let (check, _, _) = check_with(|g| g[layer].weights[[row, column]] *= 2.0);
        let expected = Parameter::Weight { layer, row, column };
        assert_eq!(
            check.worst, expected,
            "{expected:?}: its gradient doubled: the worst parameter: expected {:?}, got {:?}",
            expected, check.worst
        );
        // |2a − a| / max(|2a|, |a|) = 1/2
        close(
            &format!("{expected:?}: its gradient doubled: the error"),
            0.5,
            check.max_relative_error,
            1e-6,
        );
        assert_eq!(
            check.verdict,
            Verdict::Wrong,
            "{expected:?}: its gradient doubled: the verdict: expected {:?}, got {:?}",
            Verdict::Wrong,
            check.verdict
        );
    }
}

#[test]
fn a_wrong_bias_is_found_in_every_layer() {
    for (layer, unit) in [(0, 1), (1, 1)] {
        let (check, _, _) = check_with(|g| g[layer].bias[unit] = 0.0);
        let expected = Parameter::Bias { layer, unit };
        assert_eq!(
            check.worst, expected,
            "{expected:?}: its gradient set to 0: the worst parameter: expected {:?}, got {:?}",
            expected, check.worst
        );
        // |0 − n| / max(0, |n|) = 1
        close(
            &format!("{expected:?}: its gradient set to 0: the error"),
            1.0,
            check.max_relative_error,
            1e-9,
        );
    }
}

#[test]
fn a_sign_error_has_relative_error_two() {
    let (check, _, _) = check_with(|g| g[1].weights[[1, 1]] *= -1.0);
    // |−a − a| / max(|a|, |a|) = 2
    close(
        "∂J/∂Θ[1][1][1] negated: the error",
        2.0,
        check.max_relative_error,
        1e-6,
    );
    assert_eq!(
        check.worst,
        Parameter::Weight {
            layer: 1,
            row: 1,
            column: 1
        },
        "negated: the worst parameter: expected {:?}, got {:?}",
        Parameter::Weight {
            layer: 1,
            row: 1,
            column: 1
        },
        check.worst
    );
}

#[test]
fn a_small_error_is_measured_precisely() {
    // One gradient off by a relative 1e-5: the numeric gradient must be far
    // more precise than that for the error to come out as 1e-5 (within 1 %).
    let (check, _, _) = check_with(|g| g[0].bias[2] *= 1.0 + 1e-5);
    let expected = 1e-5 / (1.0 + 1e-5);
    close(
        "∂J/∂b[0][2] off by 1e-5: the error",
        expected,
        check.max_relative_error,
        expected / 100.0,
    );
    assert_eq!(
        check.worst,
        Parameter::Bias { layer: 0, unit: 2 },
        "off by 1e-5: the worst parameter: expected {:?}, got {:?}",
        Parameter::Bias { layer: 0, unit: 2 },
        check.worst
    );
    assert_eq!(
        check.verdict,
        Verdict::OkForKinks,
        "an error of 1e-5: the verdict: expected {:?}, got {:?}",
        Verdict::OkForKinks,
        check.verdict
    );
}

#[test]
fn the_error_is_relative_not_absolute() {
    // A nearly saturated network: every gradient is below 1e-3, so doubling
    // one is a small absolute error (not "wrong" on notebook 04's scale) but
    // a relative error of 1/2.
    let (mut layers, x, y) = network();
    for layer in &mut layers {
        layer.weights.mapv_inplace(|w| 12.0 * w);
        layer.bias.fill(8.0);
    }
    let mut analytic = backward(&layers, &x, &y);
    let largest = analytic
        .iter()
        .flat_map(|g| g.weights.iter().chain(&g.bias))
        .fold(0.0_f64, |m, g| m.max(g.abs()));
    assert!(
        largest < 1e-3,
        "the saturated network's gradients are small ({largest:e})"
    );
    analytic[0].weights[[1, 0]] *= 2.0;
    let check = check_backprop(&mut layers, &x, &y, &analytic);
    // (Some gradients here are so tiny that rounding makes their own relative
    // errors large too, so the worst one need not be the doubled one.)
    assert!(
        check.max_relative_error >= 0.5 - 1e-6,
        "a doubled small gradient: expected a largest relative error of at least 0.5, got {:e}",
        check.max_relative_error
    );
    assert_eq!(
        check.verdict,
        Verdict::Wrong,
        "a doubled small gradient: the verdict: expected {:?}, got {:?}",
        Verdict::Wrong,
        check.verdict
    );
}

#[test]
fn the_verdict_bands() {
    for (error, expected) in [
        (0.0, Verdict::Good),
        (1e-7, Verdict::Good),
        (1.1e-7, Verdict::OkForKinks),
        (1e-4, Verdict::OkForKinks),
        (1.1e-4, Verdict::Uncomfortable),
        (1e-2, Verdict::Uncomfortable),
        (1.1e-2, Verdict::Wrong),
        (2.0, Verdict::Wrong),
        (f64::NAN, Verdict::Wrong),
    ] {
        let got = verdict(error);
        assert_eq!(
            got, expected,
            "verdict({error:e}): expected {expected:?}, got {got:?}"
        );
    }
}
