//! Checks for exercise 08: they call only the exercise's public items.
use crate::exercise::*;

fn close(what: &str, expected: f64, got: f64, tolerance: f64) {
    assert!(
        (expected - got).abs() <= tolerance,
        "{what}: expected {expected}, got {got}"
    );
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The layer's loss J = 1/2·Σ(σ(Θa + b) − y)², computed here independently.
fn loss(theta: &[Vec<f64>], b: &[f64], a: &[f64], y: &[f64]) -> f64 {
    theta
        .iter()
        .zip(b)
        .zip(y)
        .map(|((row, b), y)| {
            let z: f64 = row.iter().zip(a).map(|(w, a)| w * a).sum::<f64>() + b;
            (sigmoid(z) - y).powi(2) / 2.0
        })
        .sum()
}

fn activations(theta: &[Vec<f64>], b: &[f64], a: &[f64]) -> Vec<f64> {
    theta
        .iter()
        .zip(b)
        .map(|(row, b)| sigmoid(row.iter().zip(a).map(|(w, a)| w * a).sum::<f64>() + b))
        .collect()
}

#[test]
fn delta_of_the_output_and_sigmoid_prime() {
    let got = output_delta(&[0.73, 0.2], &[1.0, 0.0]);
    assert_eq!(got.len(), 2, "δ_p: expected 2 values, got {}", got.len());
    close("δ_p[0] = 0.73 − 1", -0.27, got[0], 1e-12);
    close("δ_p[1] = 0.2 − 0", 0.2, got[1], 1e-12);
    close(
        "σ'(z) for σ(z) = 0.5",
        0.25,
        sigmoid_prime_from_activation(0.5),
        1e-12,
    );
    close(
        "σ'(z) for σ(z) = 0.73",
        0.27 * 0.73,
        sigmoid_prime_from_activation(0.73),
        1e-12,
    );
}

#[test]
fn delta_z_multiplies_by_sigmoid_prime() {
    let got = delta_z(&[-0.27, 0.2, 1.5], &[0.73, 0.2, 0.9]);
    assert_eq!(got.len(), 3, "δ_z: expected 3 values, got {}", got.len());
    let expected = [-0.27 * 0.73 * 0.27, 0.2 * 0.2 * 0.8, 1.5 * 0.9 * 0.1];
    for k in 0..3 {
        close(&format!("δ_z[{k}]"), expected[k], got[k], 1e-12);
    }
    let got = output_delta(&[0.1, 0.6, 0.9], &[0.5, 0.5, -1.0]);
    let expected = [-0.4, 0.1, 1.9];
    assert_eq!(got.len(), 3, "δ_p: expected 3 values, got {}", got.len());
    for k in 0..3 {
        close(&format!("δ_p[{k}]"), expected[k], got[k], 1e-12);
    }
}

#[test]
fn delta_a_of_one_unit_is_theta_transposed_times_delta_z() {
    // One unit p = 0.5 (σ' = 0.25), δ_p = −0.5, Θ = [[2, −1]]:
    // δ_a = Θᵀ·(−0.5·0.25) = [−0.25, 0.125], one value per unit of a.
    let got = delta_a(&[vec![2.0, -1.0]], &[-0.5], &[0.5]);
    assert_eq!(
        got.len(),
        2,
        "δ_a: expected 2 values (one per column of Θ), got {}",
        got.len()
    );
    close("δ_a[0]", -0.25, got[0], 1e-12);
    close("δ_a[1]", 0.125, got[1], 1e-12);
}

/// δ_a and ∂J/∂Θ of the layer (Θ, b) at input a and target y against central
/// differences of the loss written here.
fn check_layer(theta: &[Vec<f64>], b: &[f64], a: &[f64], y: &[f64]) {
    let h = 1e-6;
    let p = activations(theta, b, a);
    let delta_p: Vec<f64> = p.iter().zip(y).map(|(p, y)| p - y).collect();
    let got = delta_a(theta, &delta_p, &p);
    assert_eq!(
        got.len(),
        a.len(),
        "δ_a: expected {} values (one per column of Θ), got {}",
        a.len(),
        got.len()
    );
    for j in 0..a.len() {
        let (mut plus, mut minus) = (a.to_vec(), a.to_vec());
        plus[j] += h;
        minus[j] -= h;
        let numeric = (loss(theta, b, &plus, y) - loss(theta, b, &minus, y)) / (2.0 * h);
        close(&format!("δ_a[{j}] = ∂J/∂a{j}"), numeric, got[j], 1e-8);
    }
    let got = weight_gradient(&delta_p, &p, a);
    assert_eq!(
        got.len(),
        theta.len(),
        "∂J/∂Θ: expected {} rows (like Θ), got {}",
        theta.len(),
        got.len()
    );
    for i in 0..theta.len() {
        assert_eq!(
            got[i].len(),
            a.len(),
            "∂J/∂Θ row {i}: expected {} columns, got {}",
            a.len(),
            got[i].len()
        );
        for j in 0..a.len() {
            let (mut plus, mut minus) = (theta.to_vec(), theta.to_vec());
            plus[i][j] += h;
            minus[i][j] -= h;
            let numeric = (loss(&plus, b, a, y) - loss(&minus, b, a, y)) / (2.0 * h);
            close(&format!("∂J/∂Θ[{i}][{j}]"), numeric, got[i][j], 1e-8);
        }
    }
}

#[test]
fn layer_of_two_units_reading_three() {
    let theta = vec![vec![0.1, 0.2, -0.5], vec![-0.3, 0.4, 0.7]];
    check_layer(&theta, &[0.0, 0.1], &[0.5, -1.0, 0.25], &[1.0, 0.0]);
}

#[test]
fn layer_of_three_units_reading_two() {
    let theta = vec![vec![1.2, -0.7], vec![0.4, 0.9], vec![-0.8, 0.3]];
    check_layer(&theta, &[0.3, -0.6, 0.2], &[0.8, -1.5], &[0.2, 0.9, 0.6]);
}
