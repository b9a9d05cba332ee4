//! Checks for exercise 10: they call only the exercise's public items.
use crate::exercise::*;
use ndarray::{Array1, Array2, array};

fn close(what: &str, expected: f64, got: f64) {
    assert!(
        (expected - got).abs() <= 1e-12,
        "{what}: expected {expected}, got {got}"
    );
}

fn logistic(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// One example at a time, as loops: a_i = σ(Σ_j Θ_ij·x_j + b_i).
fn one_example(layer: &Layer, x: &[f64]) -> Vec<f64> {
    (0..layer.weights.nrows())
        .map(|i| {
            let z: f64 = (0..x.len()).map(|j| layer.weights[[i, j]] * x[j]).sum();
            logistic(z + layer.bias[i])
        })
        .collect()
}

fn layer(weights: Array2<f64>, bias: Array1<f64>) -> Layer {
    Layer { weights, bias }
}

/// Compares row i of `got` with the loops' output for row i of `x`.
fn check_rows(what: &str, layers: &[Layer], x: &Array2<f64>, got: &Array2<f64>) {
    let units = layers[layers.len() - 1].weights.nrows();
    assert_eq!(
        got.dim(),
        (x.nrows(), units),
        "{what}: expected shape ({}, {units}) (one row per example), got {:?}",
        x.nrows(),
        got.dim()
    );
    for (i, row) in x.rows().into_iter().enumerate() {
        let mut a = row.to_vec();
        for layer in layers {
            a = one_example(layer, &a);
        }
        for k in 0..units {
            close(&format!("{what}: example {i}, unit {k}"), a[k], got[[i, k]]);
        }
    }
}

fn three_layers() -> Vec<Layer> {
    vec![
        layer(
            array![[0.9, -0.4], [0.3, 0.8], [-1.1, 0.6]],
            array![0.2, -0.1, 0.3],
        ),
        layer(
            array![[0.7, -0.5, 0.4], [-0.6, 0.2, 0.9]],
            array![-0.3, 0.4],
        ),
        layer(
            array![[1.2, -0.8], [-0.4, 1.0], [0.5, 0.5]],
            array![0.1, -0.5, 0.0],
        ),
    ]
}

#[test]
fn sigmoid_of_every_element() {
    let got = sigmoid(&array![[0.0, 1.0], [-2.0, 3.5], [0.25, -0.75]]);
    assert_eq!(
        got.dim(),
        (3, 2),
        "expected shape (3, 2), got {:?}",
        got.dim()
    );
    for (z, g) in [0.0, 1.0, -2.0, 3.5, 0.25, -0.75].iter().zip(got.iter()) {
        close(&format!("σ({z})"), logistic(*z), *g);
    }
}

#[test]
fn one_layer_uses_the_transpose_and_adds_the_bias_to_every_row() {
    // 2 units reading 3 inputs, a batch of 4 examples: X·Θᵀ is (4, 2).
    let l = layer(
        array![[0.5, -1.0, 0.25], [2.0, 0.3, -0.7]],
        array![0.1, -0.4],
    );
    let x = array![
        [1.0, 2.0, 3.0],
        [0.0, -1.0, 0.5],
        [-2.0, 0.5, 1.5],
        [0.3, 0.3, -0.3]
    ];
    check_rows(
        "layer_forward",
        std::slice::from_ref(&l),
        &x,
        &layer_forward(&l, &x),
    );
    // A batch of one example.
    let one = array![[0.7, -0.2, 1.1]];
    check_rows(
        "layer_forward of one example",
        std::slice::from_ref(&l),
        &one,
        &layer_forward(&l, &one),
    );
}

#[test]
fn forward_keeps_every_layers_activations() {
    let layers = three_layers();
    let x = array![[0.5, -1.0], [2.0, 0.3], [-0.4, 0.9]];
    let got = forward(&layers, &x);
    assert_eq!(
        got.len(),
        4,
        "3 layers: expected 4 matrices (the input first), got {}",
        got.len()
    );
    assert_eq!(got[0], x, "expected the input first, got {:?}", got[0]);
    for depth in 1..=3 {
        check_rows(&format!("layer {depth}"), &layers[..depth], &x, &got[depth]);
    }
}

#[test]
fn forward_on_one_layer_with_one_output() {
    let layers = vec![layer(array![[2.0, -3.0]], array![-3.0])];
    // The slide's neuron: σ(2·(−1) − 3·(−2) − 3) = σ(1) ≈ 0.73.
    let x = array![[-1.0, -2.0], [0.0, 0.0]];
    let got = forward(&layers, &x);
    assert_eq!(
        got.len(),
        2,
        "1 layer: expected 2 matrices, got {}",
        got.len()
    );
    check_rows("1 layer", &layers, &x, &got[1]);
    close(
        "the slide's neuron",
        0.73,
        (got[1][[0, 0]] * 100.0).round() / 100.0,
    );
}
