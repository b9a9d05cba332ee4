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
fn predict_on_several_depths_and_outputs() {
    let layers = three_layers()[..2].to_vec();
    let input = [0.5, -1.0];
    let hidden: Vec<f64> = layers[0]
        .weights
        .iter()
        .zip(&layers[0].bias)
        .map(|(row, b)| sigmoid(row[0] * input[0] + row[1] * input[1] + b))
        .collect();
    let output: Vec<f64> = layers[1]
        .weights
        .iter()
        .zip(&layers[1].bias)
        .map(|(row, b)| sigmoid(row[0] * hidden[0] + row[1] * hidden[1] + row[2] * hidden[2] + b))
        .collect();
    let got = predict(&layers, &input);
    assert_eq!(
        got.len(),
        2,
        "2 layers, 2 outputs: expected 2 values, got {}",
        got.len()
    );
    for k in 0..2 {
        close(&format!("2 layers: output {k}"), output[k], got[k], 1e-12);
    }
    let got = predict(&layers[..1], &input);
    assert_eq!(
        got.len(),
        3,
        "1 layer of 3 units: expected 3 values, got {}",
        got.len()
    );
    for k in 0..3 {
        close(&format!("1 layer: output {k}"), hidden[k], got[k], 1e-12);
    }
}

#[test]
fn train_step_returns_the_loss_before_the_step() {
    let (inputs, targets) = xor();
    let mut layers = network();
    let expected = loss(&layers, &inputs, &targets);
    let got = train_step(&mut layers, &inputs, &targets, 0.5);
    close("loss returned by train_step", expected, got, 1e-12);
}

/// After one step from `before`, every parameter must equal θ − α·∂J/∂θ,
/// with ∂J/∂θ a central difference of the loss written here.
fn check_step(before: &[Layer], inputs: &[Vec<f64>], targets: &[Vec<f64>], learning_rate: f64) {
    let mut after = before.to_vec();
    let got = train_step(&mut after, inputs, targets, learning_rate);
    close(
        "loss returned by train_step",
        loss(before, inputs, targets),
        got,
        1e-12,
    );
    let h = 1e-6;
    let moved = |change: &dyn Fn(&mut [Layer], f64)| {
        let (mut plus, mut minus) = (before.to_vec(), before.to_vec());
        change(&mut plus, h);
        change(&mut minus, -h);
        (loss(&plus, inputs, targets) - loss(&minus, inputs, targets)) / (2.0 * h)
    };
    for l in 0..before.len() {
        assert_eq!(
            after[l].weights.len(),
            before[l].weights.len(),
            "layer {}: expected the shape kept",
            l + 1
        );
        for i in 0..before[l].weights.len() {
            for j in 0..before[l].weights[i].len() {
                let grad = moved(&|n, d| n[l].weights[i][j] += d);
                close(
                    &format!(
                        "layer {} Θ[{i}][{j}] after the step (α = {learning_rate})",
                        l + 1
                    ),
                    before[l].weights[i][j] - learning_rate * grad,
                    after[l].weights[i][j],
                    1e-8,
                );
            }
            let grad = moved(&|n, d| n[l].bias[i] += d);
            close(
                &format!(
                    "layer {} b[{i}] after the step (α = {learning_rate})",
                    l + 1
                ),
                before[l].bias[i] - learning_rate * grad,
                after[l].bias[i],
                1e-8,
            );
        }
    }
}

#[test]
fn train_step_moves_every_parameter_by_alpha_times_the_gradient() {
    let (inputs, targets) = xor();
    check_step(&network(), &inputs, &targets, 0.5);
}

#[test]
fn train_step_on_one_layer_with_two_outputs() {
    let layers = vec![Layer {
        weights: vec![vec![0.4, -0.7, 0.2], vec![-0.3, 0.5, 0.9]],
        bias: vec![0.1, -0.2],
    }];
    let inputs = vec![
        vec![1.0, 0.5, -1.5],
        vec![-0.5, 2.0, 0.25],
        vec![0.3, -0.8, 1.1],
    ];
    let targets = vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![0.5, 0.25]];
    check_step(&layers, &inputs, &targets, 1.5);
}

/// 2 inputs → 3 units → 2 units → 2 outputs.
fn three_layers() -> Vec<Layer> {
    vec![
        Layer {
            weights: vec![vec![0.9, -0.4], vec![0.3, 0.8], vec![-1.1, 0.6]],
            bias: vec![0.2, -0.1, 0.3],
        },
        Layer {
            weights: vec![vec![0.7, -0.5, 0.4], vec![-0.6, 0.2, 0.9]],
            bias: vec![-0.3, 0.4],
        },
        Layer {
            weights: vec![vec![1.2, -0.8], vec![-0.4, 1.0]],
            bias: vec![0.1, -0.5],
        },
    ]
}

#[test]
fn train_step_on_three_layers_with_two_outputs() {
    let layers = three_layers();
    let inputs = vec![vec![0.5, -1.0], vec![2.0, 0.3]];
    let targets = vec![vec![0.9, 0.1], vec![0.2, 0.7]];
    check_step(&layers, &inputs, &targets, 0.8);
    // A batch of one example.
    check_step(&layers, &inputs[1..], &targets[1..], 3.0);
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
