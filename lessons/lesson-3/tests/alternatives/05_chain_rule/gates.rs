//! Each gate's local gradient times the upstream one, in steps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Forward {
    pub q: f64,
    pub f: f64,
}
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gradients {
    pub f: f64,
    pub q: f64,
    pub z: f64,
    pub x: f64,
    pub y: f64,
}
pub fn forward(x: f64, y: f64, z: f64) -> Forward {
    let q = x + y;
    let f = q * z;
    Forward { q, f }
}
pub fn backward(x: f64, y: f64, z: f64) -> Gradients {
    let fw = forward(x, y, z);
    let upstream = 1.0;
    let (local_q, local_z) = (z, fw.q);
    let dq = upstream * local_q;
    let dz = upstream * local_z;
    let (dx, dy) = (1.0 * dq, 1.0 * dq);
    Gradients {
        f: upstream,
        q: dq,
        z: dz,
        x: dx,
        y: dy,
    }
}
