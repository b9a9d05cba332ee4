//! Checks for exercise 09: they call only the exercise's public items.
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

/// J = 1/(2m)·Σ(p − y)² with a forward pass written here independently.
fn loss(layers: &[Layer], inputs: &[Vec<f64>], targets: &[Vec<f64>]) -> f64 {
    let m = inputs.len() as f64;
    let mut total = 0.0;
    for (x, y) in inputs.iter().zip(targets) {
        let mut a = x.clone();
        for layer in layers {
            a = layer
                .weights
                .iter()
                .zip(&layer.bias)
                .map(|(row, b)| sigmoid(row.iter().zip(&a).map(|(w, a)| w * a).sum::<f64>() + b))
                .collect();
        }
        total += a.iter().zip(y).map(|(p, y)| (p - y).powi(2)).sum::<f64>();
    }
    total / (2.0 * m)
}

fn network() -> Vec<Layer> {
    vec![
        Layer {
            weights: vec![vec![0.5, -0.4], vec![0.3, 0.8], vec![-0.6, 0.1]],
            bias: vec![0.0, 0.0, 0.0],
        },
        Layer {
            weights: vec![vec![0.7, -0.2, 0.4]],
            bias: vec![0.0],
        },
    ]
}

fn xor() -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let inputs = vec![
        vec![0.0, 0.0],
        vec![0.0, 1.0],
        vec![1.0, 0.0],
        vec![1.0, 1.0],
    ];
    let targets = vec![vec![0.0], vec![1.0], vec![1.0], vec![0.0]];
    (inputs, targets)
}

#[test]
fn predict_runs_the_forward_pass() {
    let zero = vec![Layer {
        weights: vec![vec![0.0, 0.0]],
        bias: vec![0.0],
    }];
    let got = predict(&zero, &[3.0, -2.0]);
    assert_eq!(got.len(), 1, "expected 1 output, got {}", got.len());
    close("σ(0)", 0.5, got[0], 1e-12);
    let one = vec![Layer {
        weights: vec![vec![2.0, -3.0]],
        bias: vec![-3.0],
    }];
    close(
        "σ(2·(−1) − 3·(−2) − 3) = σ(1)",
        sigmoid(1.0),
        predict(&one, &[-1.0, -2.0])[0],
        1e-12,
    );
}

#[test]
fn train_step_returns_the_loss_before_the_step() {
    let (inputs, targets) = xor();
    let mut layers = network();
    let expected = loss(&layers, &inputs, &targets);
    let got = train_step(&mut layers, &inputs, &targets, 0.5);
    close("loss returned by train_step", expected, got, 1e-12);
}

#[test]
fn train_step_moves_every_parameter_by_alpha_times_the_gradient() {
    let (inputs, targets) = xor();
    let before = network();
    let learning_rate = 0.5;
    let mut after = before.clone();
    train_step(&mut after, &inputs, &targets, learning_rate);
    let h = 1e-6;
    for l in 0..before.len() {
        for i in 0..before[l].weights.len() {
            for j in 0..before[l].weights[i].len() {
                let (mut plus, mut minus) = (before.clone(), before.clone());
                plus[l].weights[i][j] += h;
                minus[l].weights[i][j] -= h;
                let grad =
                    (loss(&plus, &inputs, &targets) - loss(&minus, &inputs, &targets)) / (2.0 * h);
                let expected = before[l].weights[i][j] - learning_rate * grad;
                close(
                    &format!("layer {} Θ[{i}][{j}] after the step", l + 1),
                    expected,
                    after[l].weights[i][j],
                    1e-8,
                );
            }
            let (mut plus, mut minus) = (before.clone(), before.clone());
            plus[l].bias[i] += h;
            minus[l].bias[i] -= h;
            let grad =
                (loss(&plus, &inputs, &targets) - loss(&minus, &inputs, &targets)) / (2.0 * h);
            let expected = before[l].bias[i] - learning_rate * grad;
            close(
                &format!("layer {} b[{i}] after the step", l + 1),
                expected,
                after[l].bias[i],
                1e-8,
            );
        }
    }
}

#[test]
fn repeated_steps_lower_the_loss() {
    let inputs = vec![vec![0.0, 0.0], vec![1.0, 1.0]];
    let targets = vec![vec![0.1], vec![0.9]];
    let mut layers = network();
    let first = loss(&layers, &inputs, &targets);
    for _ in 0..200 {
        train_step(&mut layers, &inputs, &targets, 2.0);
    }
    let last = loss(&layers, &inputs, &targets);
    assert!(
        last < first / 10.0,
        "after 200 steps with α = 2: expected the loss below {:.5} (a tenth of {first:.5}), got {last:.5}",
        first / 10.0
    );
}
