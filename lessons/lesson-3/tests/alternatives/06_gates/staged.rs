//! The neuron through the slide's separate gates (×, +, exp, +1, 1/x).
pub fn exp_backward(x: f64, upstream: f64) -> f64 {
    upstream * f64::exp(x)
}
pub fn reciprocal_backward(x: f64, upstream: f64) -> f64 {
    upstream * -(1.0 / x) * (1.0 / x)
}
pub fn sigmoid(x: f64) -> f64 {
    (1.0 + f64::exp(-x)).recip()
}
pub fn sigmoid_backward(output: f64, upstream: f64) -> f64 {
    upstream * output * (1.0 - output)
}
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Neuron {
    pub output: f64,
    pub w: [f64; 3],
    pub x: [f64; 2],
}
pub fn neuron(w: [f64; 3], x: [f64; 2]) -> Neuron {
    let dot = w[0] * x[0] + w[1] * x[1] + w[2];
    let neg = -dot;
    let e = neg.exp();
    let den = 1.0 + e;
    let out = 1.0 / den;
    let d_den = reciprocal_backward(den, 1.0);
    let d_e = d_den;
    let d_neg = exp_backward(neg, d_e);
    let d_dot = -d_neg;
    Neuron {
        output: out,
        w: [x[0] * d_dot, x[1] * d_dot, d_dot],
        x: [w[0] * d_dot, w[1] * d_dot],
    }
}
