//! Checks for exercise 11: they call only the exercise's public items.
use crate::exercise::*;
use ndarray::{Array1, Array2, array};

fn close(what: &str, expected: f64, got: f64, tolerance: f64) {
    assert!(
        (expected - got).abs() <= tolerance,
        "{what}: expected {expected}, got {got}"
    );
}

fn logistic(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// P = σ(A·Θᵀ + b) with loops, one row per example.
fn outputs(theta: &Array2<f64>, b: &Array1<f64>, a: &Array2<f64>) -> Array2<f64> {
    Array2::from_shape_fn((a.nrows(), theta.nrows()), |(n, i)| {
        logistic(
            (0..a.ncols())
                .map(|j| theta[[i, j]] * a[[n, j]])
                .sum::<f64>()
                + b[i],
        )
    })
}

/// J = 1/(2m)·Σ(P − Y)².
fn loss(theta: &Array2<f64>, b: &Array1<f64>, a: &Array2<f64>, y: &Array2<f64>) -> f64 {
    let p = outputs(theta, b, a);
    let m = a.nrows() as f64;
    p.iter()
        .zip(y.iter())
        .map(|(p, y)| (p - y).powi(2))
        .sum::<f64>()
        / (2.0 * m)
}

/// Every gradient of the layer (Θ, b) at the batch (A, Y) against central
/// differences of the loss.
fn check_layer(theta: Array2<f64>, b: Array1<f64>, a: Array2<f64>, y: Array2<f64>) {
    let h = 1e-6;
    let p = outputs(&theta, &b, &a);
    let dz = delta_z(&output_delta(&p, &y), &p);
    assert_eq!(
        dz.dim(),
        p.dim(),
        "δ_z: expected the shape of P {:?}, got {:?}",
        p.dim(),
        dz.dim()
    );
    let numeric = |change: &dyn Fn(&mut Array2<f64>, &mut Array1<f64>, &mut Array2<f64>, f64)| {
        let (mut t1, mut b1, mut a1) = (theta.clone(), b.clone(), a.clone());
        let (mut t2, mut b2, mut a2) = (theta.clone(), b.clone(), a.clone());
        change(&mut t1, &mut b1, &mut a1, h);
        change(&mut t2, &mut b2, &mut a2, -h);
        (loss(&t1, &b1, &a1, &y) - loss(&t2, &b2, &a2, &y)) / (2.0 * h)
    };
    let grad = weight_gradient(&dz, &a);
    assert_eq!(
        grad.dim(),
        theta.dim(),
        "∂J/∂Θ: expected the shape of Θ {:?}, got {:?}",
        theta.dim(),
        grad.dim()
    );
    for ((i, j), g) in grad.indexed_iter() {
        let n = numeric(&|t, _, _, d| t[[i, j]] += d);
        close(&format!("∂J/∂Θ[{i}][{j}]"), n, *g, 1e-8);
    }
    let grad = bias_gradient(&dz);
    assert_eq!(
        grad.len(),
        b.len(),
        "∂J/∂b: expected {} values, got {}",
        b.len(),
        grad.len()
    );
    for (i, g) in grad.iter().enumerate() {
        let n = numeric(&|_, bb, _, d| bb[i] += d);
        close(&format!("∂J/∂b[{i}]"), n, *g, 1e-8);
    }
    // δ of the input, times m: J averages over the batch, δ does not.
    let m = a.nrows() as f64;
    let back = delta_a(&dz, &theta);
    assert_eq!(
        back.dim(),
        a.dim(),
        "δ of the input: expected the shape of A {:?}, got {:?}",
        a.dim(),
        back.dim()
    );
    for ((n, j), g) in back.indexed_iter() {
        let num = numeric(&|_, _, aa, d| aa[[n, j]] += d) * m;
        close(&format!("δ_a[example {n}][{j}]"), num, *g, 1e-8);
    }
}

#[test]
fn output_delta_and_delta_z_by_hand() {
    let got = output_delta(
        &array![[0.73, 0.2], [0.5, 0.9]],
        &array![[1.0, 0.0], [0.0, 1.0]],
    );
    let expected = array![[-0.27, 0.2], [0.5, -0.1]];
    for ((i, j), e) in expected.indexed_iter() {
        close(&format!("δ_P[{i}][{j}]"), *e, got[[i, j]], 1e-12);
    }
    // δ_z = δ ∘ P ∘ (1 − P)
    let got = delta_z(&array![[-0.27, 2.0, 1.0]], &array![[0.73, 0.5, 0.1]]);
    let expected = [-0.27 * 0.73 * 0.27, 2.0 * 0.25, 0.1 * 0.9];
    for (j, e) in expected.iter().enumerate() {
        close(&format!("δ_z[0][{j}]"), *e, got[[0, j]], 1e-12);
    }
}

#[test]
fn weight_gradient_is_delta_transposed_times_a_over_m() {
    // δ_z = [[1], [3]] (2 examples, 1 unit), A = [[1, 2], [3, 4]]:
    // δ_zᵀA = [1·1 + 3·3, 1·2 + 3·4] = [10, 14], over m = 2: [5, 7].
    let got = weight_gradient(&array![[1.0], [3.0]], &array![[1.0, 2.0], [3.0, 4.0]]);
    assert_eq!(
        got.dim(),
        (1, 2),
        "expected shape (1, 2), got {:?}",
        got.dim()
    );
    close("∂J/∂Θ[0][0]", 5.0, got[[0, 0]], 1e-12);
    close("∂J/∂Θ[0][1]", 7.0, got[[0, 1]], 1e-12);
    let got = bias_gradient(&array![[1.0, -2.0], [3.0, 0.5], [-1.0, 0.0]]);
    close("∂J/∂b[0]", 1.0, got[0], 1e-12);
    close("∂J/∂b[1]", -0.5, got[1], 1e-12);
    // δ_z·Θ: one row per example, one column per input.
    let got = delta_a(
        &array![[1.0, 2.0]],
        &array![[1.0, 0.0, -1.0], [0.5, 2.0, 3.0]],
    );
    assert_eq!(
        got.dim(),
        (1, 3),
        "expected shape (1, 3), got {:?}",
        got.dim()
    );
    for (j, e) in [2.0, 4.0, 5.0].iter().enumerate() {
        close(&format!("δ_a[0][{j}]"), *e, got[[0, j]], 1e-12);
    }
}

#[test]
fn a_layer_of_two_units_on_a_batch_of_three() {
    check_layer(
        array![[0.1, 0.2, -0.5], [-0.3, 0.4, 0.7]],
        array![0.0, 0.1],
        array![[0.5, -1.0, 0.25], [1.5, 0.2, -0.8], [-0.6, 0.9, 1.1]],
        array![[1.0, 0.0], [0.0, 1.0], [0.3, 0.6]],
    );
}

#[test]
fn a_layer_of_three_units_on_a_batch_of_two_and_of_one() {
    let theta = array![[1.2, -0.7], [0.4, 0.9], [-0.8, 0.3]];
    let b = array![0.3, -0.6, 0.2];
    check_layer(
        theta.clone(),
        b.clone(),
        array![[0.8, -1.5], [-0.2, 0.4]],
        array![[0.2, 0.9, 0.6], [0.7, 0.1, 0.4]],
    );
    check_layer(theta, b, array![[1.1, 0.6]], array![[0.0, 1.0, 0.5]]);
}
