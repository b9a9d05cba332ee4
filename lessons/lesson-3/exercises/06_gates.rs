//! Slides "A more complicated example" and "Using known derivatives as shortcuts".
//!
//! Each gate's backward multiplies the upstream gradient by the gate's local
//! gradient: exp → e^x, 1/x → −1/x², and the fused sigmoid gate σ(x) =
//! 1/(1 + e^−x) → (1 − σ)·σ, computed from the gate's output alone.
//! The sigmoid neuron f = σ(w0·x0 + w1·x1 + w2) with w = (2, −3, −3),
//! x = (−1, −2) outputs 0.73 and its sigmoid gate's local gradient is 0.2.

/// The gradient of the exp gate at input `x`: upstream · e^x.
pub fn exp_backward(x: f64, upstream: f64) -> f64 {
    // TODO: the local gradient of e^x is e^x; multiply it by the upstream gradient.
    todo!()
}

/// The gradient of the 1/x gate at input `x`: upstream · (−1/x²).
pub fn reciprocal_backward(x: f64, upstream: f64) -> f64 {
    // TODO: the local gradient of 1/x is −1/x²; multiply it by the upstream gradient.
    todo!()
}

/// σ(x) = 1 / (1 + e^−x).
pub fn sigmoid(x: f64) -> f64 {
    // TODO: 1 / (1 + e^−x).
    todo!()
}

/// The gradient of the sigmoid gate from its output σ: upstream · (1 − σ) · σ.
pub fn sigmoid_backward(output: f64, upstream: f64) -> f64 {
    // TODO: the local gradient is (1 − σ)·σ, written with the output σ only.
    todo!()
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
    // TODO: forward: the weighted sum w0·x0 + w1·x1 + w2, then the sigmoid.
    // Backward: the sigmoid gate's gradient (upstream 1), then each product passes it on,
    // multiplied by the other factor.
    todo!()
}
