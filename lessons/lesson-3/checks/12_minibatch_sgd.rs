//! Checks for exercise 12: they call only the exercise's public items.
use crate::exercise::*;
use ndarray::{Array2, array, s};

fn close(what: &str, expected: f64, got: f64, tolerance: f64) {
    assert!(
        (expected - got).abs() <= tolerance,
        "{what}: expected {expected}, got {got}"
    );
}

fn logistic(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// J = 1/(2m)·Σ(P − Y)² with a forward pass of loops, one example at a time.
fn loss(layers: &[Layer], x: &Array2<f64>, y: &Array2<f64>) -> f64 {
    let mut total = 0.0;
    for (row, target) in x.rows().into_iter().zip(y.rows()) {
        let mut a = row.to_vec();
        for l in layers {
            a = (0..l.weights.nrows())
                .map(|i| {
                    logistic(
                        (0..a.len()).map(|j| l.weights[[i, j]] * a[j]).sum::<f64>() + l.bias[i],
                    )
                })
                .collect();
        }
        total += a
            .iter()
            .zip(target.iter())
            .map(|(p, t)| (p - t).powi(2))
            .sum::<f64>();
    }
    total / (2.0 * x.nrows() as f64)
}

/// Every parameter after one step must be θ − α·∂J/∂θ, with ∂J/∂θ a central difference.
fn check_step(before: &[Layer], x: &Array2<f64>, y: &Array2<f64>, learning_rate: f64) {
    let mut after = before.to_vec();
    let got = train_step(&mut after, x, y, learning_rate);
    close(
        "loss returned by train_step",
        loss(before, x, y),
        got,
        1e-12,
    );
    let h = 1e-6;
    for l in 0..before.len() {
        for ((i, j), w) in before[l].weights.indexed_iter() {
            let (mut plus, mut minus) = (before.to_vec(), before.to_vec());
            plus[l].weights[[i, j]] += h;
            minus[l].weights[[i, j]] -= h;
            let grad = (loss(&plus, x, y) - loss(&minus, x, y)) / (2.0 * h);
            close(
                &format!(
                    "layer {} Θ[{i}][{j}] after the step (α = {learning_rate})",
                    l + 1
                ),
                w - learning_rate * grad,
                after[l].weights[[i, j]],
                1e-8,
            );
        }
        for (i, b) in before[l].bias.iter().enumerate() {
            let (mut plus, mut minus) = (before.to_vec(), before.to_vec());
            plus[l].bias[i] += h;
            minus[l].bias[i] -= h;
            let grad = (loss(&plus, x, y) - loss(&minus, x, y)) / (2.0 * h);
            close(
                &format!(
                    "layer {} b[{i}] after the step (α = {learning_rate})",
                    l + 1
                ),
                b - learning_rate * grad,
                after[l].bias[i],
                1e-8,
            );
        }
    }
}

fn two_layers() -> Vec<Layer> {
    vec![
        Layer {
            weights: array![[0.5, -0.4], [0.3, 0.8], [-0.6, 0.1]],
            bias: array![0.1, 0.0, -0.2],
        },
        Layer {
            weights: array![[0.7, -0.2, 0.4]],
            bias: array![0.05],
        },
    ]
}

fn three_layers() -> Vec<Layer> {
    vec![
        Layer {
            weights: array![[0.9, -0.4, 0.2], [0.3, 0.8, -0.5]],
            bias: array![0.2, -0.1],
        },
        Layer {
            weights: array![[0.7, -0.5], [-0.6, 0.2], [0.4, 0.9]],
            bias: array![-0.3, 0.4, 0.1],
        },
        Layer {
            weights: array![[1.2, -0.8, 0.3], [-0.4, 1.0, 0.6]],
            bias: array![0.1, -0.5],
        },
    ]
}

fn data() -> (Array2<f64>, Array2<f64>) {
    let x = array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.5, -0.5]];
    let y = array![[0.0], [1.0], [1.0], [0.0], [0.5]];
    (x, y)
}

#[test]
fn a_step_on_a_batch_moves_every_parameter() {
    let (x, y) = data();
    check_step(&two_layers(), &x, &y, 0.5);
}

#[test]
fn a_step_on_three_layers_with_two_outputs() {
    let x = array![[0.5, -1.0, 0.3], [2.0, 0.3, -0.7], [-0.4, 0.9, 1.2]];
    let y = array![[0.9, 0.1], [0.2, 0.7], [0.5, 0.5]];
    check_step(&three_layers(), &x, &y, 1.5);
    // A single training example.
    check_step(
        &three_layers(),
        &x.slice(s![1..2, ..]).to_owned(),
        &y.slice(s![1..2, ..]).to_owned(),
        0.3,
    );
}

#[test]
fn an_epoch_steps_through_the_batches_in_order() {
    let (x, y) = data();
    for (batch_size, learning_rate) in [(2, 0.8), (1, 0.4), (5, 2.0), (3, 1.0), (8, 0.5)] {
        let mut expected = two_layers();
        let mut losses = Vec::new();
        let mut start = 0;
        while start < x.nrows() {
            let end = (start + batch_size).min(x.nrows());
            let (xb, yb) = (
                x.slice(s![start..end, ..]).to_owned(),
                y.slice(s![start..end, ..]).to_owned(),
            );
            losses.push(loss(&expected, &xb, &yb));
            check_step(&expected, &xb, &yb, learning_rate);
            train_step(&mut expected, &xb, &yb, learning_rate);
            start = end;
        }
        let mut layers = two_layers();
        let got = epoch(&mut layers, &x, &y, batch_size, learning_rate);
        assert_eq!(
            got.len(),
            losses.len(),
            "5 examples in batches of {batch_size}: expected {} steps, got {}",
            losses.len(),
            got.len()
        );
        for (k, (e, g)) in losses.iter().zip(&got).enumerate() {
            close(
                &format!("batches of {batch_size}: loss of step {}", k + 1),
                *e,
                *g,
                1e-12,
            );
        }
        for (l, (e, g)) in expected.iter().zip(&layers).enumerate() {
            for (w, v) in e
                .weights
                .iter()
                .zip(g.weights.iter())
                .chain(e.bias.iter().zip(g.bias.iter()))
            {
                close(
                    &format!("batches of {batch_size}: layer {} after the epoch", l + 1),
                    *w,
                    *v,
                    1e-12,
                );
            }
        }
    }
}

#[test]
fn training_lowers_the_loss() {
    // OR of the two inputs, which this network can learn.
    let (x, _) = data();
    let y = array![[0.1], [0.9], [0.9], [0.9], [0.5]];
    let mut layers = two_layers();
    let first = loss(&layers, &x, &y);
    for _ in 0..300 {
        epoch(&mut layers, &x, &y, 2, 2.0);
    }
    let last = loss(&layers, &x, &y);
    assert!(
        last < first / 3.0,
        "300 epochs of mini-batches of 2 with α = 2: expected the loss below {:.5}, got {last:.5}",
        first / 3.0
    );
}
