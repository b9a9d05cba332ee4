//! Wrong: exp gate ignores the upstream gradient.

/// The gradient of the exp gate at input `x`: upstream · e^x.
pub fn exp_backward(x: f64, upstream: f64) -> f64 {
    x.exp()
}

/// The gradient of the 1/x gate at input `x`: upstream · (−1/x²).
pub fn reciprocal_backward(x: f64, upstream: f64) -> f64 {
    upstream * (-1.0 / (x * x))
}

/// σ(x) = 1 / (1 + e^−x).
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// The gradient of the sigmoid gate from its output σ: upstream · (1 − σ) · σ.
pub fn sigmoid_backward(output: f64, upstream: f64) -> f64 {
    upstream * (1.0 - output) * output
}

/// The sigmoid neuron's output and gradients.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Neuron {
    /// f = σ(w0·x0 + w1·x1 + w2).
    pub output: f64,
    /// df/dw0, df/dw1, df/dw2.
    pub w: [f64; 3],
    /// df/dx0, df/dx1.
    pub x: [f64; 2],
}

/// Forward and backward through the neuron f = σ(w0·x0 + w1·x1 + w2), using
/// the fused sigmoid gate.
pub fn neuron(w: [f64; 3], x: [f64; 2]) -> Neuron {
    let dot = w[0] * x[0] + w[1] * x[1] + w[2];
    let output = sigmoid(dot);
    let ddot = sigmoid_backward(output, 1.0);
    Neuron {
        output,
        w: [x[0] * ddot, x[1] * ddot, ddot],
        x: [w[0] * ddot, w[1] * ddot],
    }
}
