//! Wrong: the add gate's local gradient without the chain rule.

/// The values of the graph's nodes after the forward pass.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Forward {
    /// q = x + y.
    pub q: f64,
    /// f = q · z.
    pub f: f64,
}

/// The gradient of f with respect to every node.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gradients {
    /// df/df (always 1).
    pub f: f64,
    /// df/dq.
    pub q: f64,
    /// df/dz.
    pub z: f64,
    /// df/dx.
    pub x: f64,
    /// df/dy.
    pub y: f64,
}

/// The forward pass: q = x + y, f = q · z.
pub fn forward(x: f64, y: f64, z: f64) -> Forward {
    let q = x + y;
    Forward { q, f: q * z }
}

/// The backward pass, by the chain rule.
pub fn backward(x: f64, y: f64, z: f64) -> Gradients {
    let Forward { q, .. } = forward(x, y, z);
    let df = 1.0;
    let dq = z * df;
    let dz = q * df;
    Gradients {
        f: df,
        q: dq,
        z: dz,
        x: 1.0,
        y: 1.0,
    }
}
