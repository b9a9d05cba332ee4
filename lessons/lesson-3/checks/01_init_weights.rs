//! Checks for exercise 01: they call only the exercise's public items.
use crate::exercise::*;

fn close(what: &str, expected: f64, got: f64) {
    assert!(
        (expected - got).abs() <= 1e-12,
        "{what}: expected {expected}, got {got}"
    );
}

/// A fixed sequence of "random" numbers, so the expected weights are known.
fn sequence(values: &[f64]) -> impl FnMut() -> f64 + '_ {
    let mut next = 0;
    move || {
        let u = values[next % values.len()];
        next += 1;
        u
    }
}

#[test]
fn scale_uniform_maps_the_ends_and_the_middle() {
    close("scale_uniform(0.0, 0.5)", -0.5, scale_uniform(0.0, 0.5));
    close("scale_uniform(0.5, 0.5)", 0.0, scale_uniform(0.5, 0.5));
    close("scale_uniform(0.75, 0.5)", 0.25, scale_uniform(0.75, 0.5));
    close(
        "scale_uniform(0.25, 0.12)",
        -0.06,
        scale_uniform(0.25, 0.12),
    );
}

#[test]
fn weights_have_one_row_per_unit_and_biases_are_zero() {
    let layer = init_layer(3, 2, 0.1, &mut sequence(&[0.3, 0.9]));
    assert_eq!(
        layer.weights.len(),
        3,
        "expected 3 rows (one per unit), got {}",
        layer.weights.len()
    );
    for (i, row) in layer.weights.iter().enumerate() {
        assert_eq!(
            row.len(),
            2,
            "row {i}: expected 2 weights (one per input), got {}",
            row.len()
        );
    }
    assert_eq!(
        layer.bias,
        vec![0.0; 3],
        "biases: expected [0.0, 0.0, 0.0], got {:?}",
        layer.bias
    );
}

#[test]
fn weights_are_drawn_row_by_row() {
    let layer = init_layer(2, 2, 1.0, &mut sequence(&[0.0, 0.25, 0.5, 0.75]));
    let expected = [[-1.0, -0.5], [0.0, 0.5]];
    for i in 0..2 {
        for j in 0..2 {
            close(
                &format!("weights[{i}][{j}]"),
                expected[i][j],
                layer.weights[i][j],
            );
        }
    }
}

#[test]
fn weights_of_a_wide_layer_are_drawn_row_by_row() {
    // 2 units reading 3 inputs, ε = 0.5: unit 0 takes the first three numbers.
    let layer = init_layer(2, 3, 0.5, &mut sequence(&[0.1, 0.2, 0.3, 0.6, 0.8, 0.9]));
    let expected = [[-0.4, -0.3, -0.2], [0.1, 0.3, 0.4]];
    assert_eq!(
        layer.weights.len(),
        2,
        "expected 2 rows, got {}",
        layer.weights.len()
    );
    for i in 0..2 {
        assert_eq!(
            layer.weights[i].len(),
            3,
            "row {i}: expected 3 weights, got {}",
            layer.weights[i].len()
        );
        for j in 0..3 {
            close(
                &format!("weights[{i}][{j}]"),
                expected[i][j],
                layer.weights[i][j],
            );
        }
    }
    assert_eq!(
        layer.bias,
        vec![0.0; 2],
        "biases: expected [0.0, 0.0], got {:?}",
        layer.bias
    );
}

#[test]
fn weights_stay_in_the_range() {
    // A small linear congruential generator: uniform numbers in [0, 1).
    let mut state: u64 = 42;
    let mut lcg = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let epsilon = 0.12;
    let layer = init_layer(20, 30, epsilon, &mut lcg);
    let all: Vec<f64> = layer.weights.iter().flatten().copied().collect();
    assert_eq!(all.len(), 600, "expected 600 weights, got {}", all.len());
    for w in &all {
        assert!(
            -epsilon <= *w && *w < epsilon,
            "expected every weight in [-0.12, 0.12), got {w}"
        );
    }
    let negative = all.iter().filter(|w| **w < 0.0).count();
    assert!(
        (200..400).contains(&negative),
        "expected about half the weights negative, got {negative} of 600"
    );
}
