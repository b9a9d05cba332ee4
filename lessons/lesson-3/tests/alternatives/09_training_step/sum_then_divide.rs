//! Gradients summed over the batch and divided by m once, per-layer deltas kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub weights: Vec<Vec<f64>>,
    pub bias: Vec<f64>,
}
fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}
fn layer_out(layer: &Layer, a: &[f64]) -> Vec<f64> {
    let mut out = Vec::new();
    for i in 0..layer.weights.len() {
        let mut z = layer.bias[i];
        for j in 0..a.len() {
            z += layer.weights[i][j] * a[j];
        }
        out.push(sigmoid(z));
    }
    out
}
pub fn predict(layers: &[Layer], input: &[f64]) -> Vec<f64> {
    layers.iter().fold(input.to_vec(), |a, l| layer_out(l, &a))
}
pub fn train_step(
    layers: &mut [Layer],
    inputs: &[Vec<f64>],
    targets: &[Vec<f64>],
    learning_rate: f64,
) -> f64 {
    let n = layers.len();
    let mut sum_w: Vec<Vec<Vec<f64>>> = layers
        .iter()
        .map(|l| l.weights.iter().map(|r| vec![0.0; r.len()]).collect())
        .collect();
    let mut sum_b: Vec<Vec<f64>> = layers.iter().map(|l| vec![0.0; l.bias.len()]).collect();
    let mut sq = 0.0;
    for (x, y) in inputs.iter().zip(targets) {
        let mut acts = vec![x.clone()];
        for l in layers.iter() {
            let next = layer_out(l, acts.last().unwrap());
            acts.push(next);
        }
        let p = &acts[n];
        let mut delta: Vec<f64> = (0..p.len()).map(|k| p[k] - y[k]).collect();
        sq += delta.iter().map(|d| d * d).sum::<f64>();
        for l in (0..n).rev() {
            let dz: Vec<f64> = (0..delta.len())
                .map(|i| delta[i] * acts[l + 1][i] * (1.0 - acts[l + 1][i]))
                .collect();
            for i in 0..dz.len() {
                sum_b[l][i] += dz[i];
                for j in 0..acts[l].len() {
                    sum_w[l][i][j] += dz[i] * acts[l][j];
                }
            }
            let mut back = vec![0.0; acts[l].len()];
            for i in 0..dz.len() {
                for j in 0..back.len() {
                    back[j] += layers[l].weights[i][j] * dz[i];
                }
            }
            delta = back;
        }
    }
    let m = inputs.len() as f64;
    for l in 0..n {
        for i in 0..layers[l].weights.len() {
            for j in 0..layers[l].weights[i].len() {
                layers[l].weights[i][j] -= learning_rate * sum_w[l][i][j] / m;
            }
            layers[l].bias[i] -= learning_rate * sum_b[l][i] / m;
        }
    }
    sq / (2.0 * m)
}
