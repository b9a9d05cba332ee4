//! σ written as e^x / (1 + e^x) for x < 0, −upstream/x², the neuron with σ'.
pub fn exp_backward(x: f64, upstream: f64) -> f64 {
    x.exp() * upstream
}
pub fn reciprocal_backward(x: f64, upstream: f64) -> f64 {
    -upstream / x.powi(2)
}
pub fn sigmoid(x: f64) -> f64 {
    if x < 0.0 {
        x.exp() / (1.0 + x.exp())
    } else {
        1.0 / (1.0 + (-x).exp())
    }
}
pub fn sigmoid_backward(output: f64, upstream: f64) -> f64 {
    (output - output * output) * upstream
}
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Neuron {
    pub output: f64,
    pub w: [f64; 3],
    pub x: [f64; 2],
}
pub fn neuron(w: [f64; 3], x: [f64; 2]) -> Neuron {
    let output = sigmoid(w[2] + w[1] * x[1] + w[0] * x[0]);
    let d = output * (1.0 - output);
    Neuron {
        output,
        w: [d * x[0], d * x[1], d],
        x: [d * w[0], d * w[1]],
    }
}
