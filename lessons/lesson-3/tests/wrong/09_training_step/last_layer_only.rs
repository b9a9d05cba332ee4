//! Wrong: only the last layer learns.

/// One fully connected sigmoid layer.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// Θ: one row per unit, one column per input.
    pub weights: Vec<Vec<f64>>,
    /// One bias per unit.
    pub bias: Vec<f64>,
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The activations of every layer for one example, the input first.
fn activations(layers: &[Layer], input: &[f64]) -> Vec<Vec<f64>> {
    let mut all = vec![input.to_vec()];
    for layer in layers {
        let a = all.last().expect("starts with the input");
        let next = layer
            .weights
            .iter()
            .zip(&layer.bias)
            .map(|(row, b)| sigmoid(row.iter().zip(a).map(|(w, a)| w * a).sum::<f64>() + b))
            .collect();
        all.push(next);
    }
    all
}

/// The network's output for one example.
pub fn predict(layers: &[Layer], input: &[f64]) -> Vec<f64> {
    activations(layers, input).pop().unwrap_or_default()
}

/// One full-batch gradient-descent step on J = 1/(2m)·Σ(p − y)²; returns J
/// before the step.
pub fn train_step(
    layers: &mut [Layer],
    inputs: &[Vec<f64>],
    targets: &[Vec<f64>],
    learning_rate: f64,
) -> f64 {
    let m = inputs.len() as f64;
    let mut grads: Vec<Layer> = layers
        .iter()
        .map(|l| Layer {
            weights: vec![vec![0.0; l.weights[0].len()]; l.weights.len()],
            bias: vec![0.0; l.bias.len()],
        })
        .collect();
    let mut loss = 0.0;
    for (x, y) in inputs.iter().zip(targets) {
        let acts = activations(layers, x);
        let p = &acts[acts.len() - 1];
        loss += p.iter().zip(y).map(|(p, y)| (p - y).powi(2)).sum::<f64>() / (2.0 * m);
        // δ_p = p − y, then back through each layer.
        let mut delta: Vec<f64> = p.iter().zip(y).map(|(p, y)| p - y).collect();
        for l in (layers.len() - 1..layers.len()).rev() {
            let out = &acts[l + 1];
            let input = &acts[l];
            let dz: Vec<f64> = delta
                .iter()
                .zip(out)
                .map(|(d, a)| d * a * (1.0 - a))
                .collect();
            for (i, d) in dz.iter().enumerate() {
                grads[l].bias[i] += d / m;
                for (j, a) in input.iter().enumerate() {
                    grads[l].weights[i][j] += d * a / m;
                }
            }
            delta = (0..input.len())
                .map(|j| {
                    layers[l]
                        .weights
                        .iter()
                        .zip(&dz)
                        .map(|(row, d)| row[j] * d)
                        .sum()
                })
                .collect();
        }
    }
    for (layer, grad) in layers.iter_mut().zip(&grads) {
        for (row, grow) in layer.weights.iter_mut().zip(&grad.weights) {
            for (w, g) in row.iter_mut().zip(grow) {
                *w -= learning_rate * g;
            }
        }
        for (b, g) in layer.bias.iter_mut().zip(&grad.bias) {
            *b -= learning_rate * g;
        }
    }
    loss
}
