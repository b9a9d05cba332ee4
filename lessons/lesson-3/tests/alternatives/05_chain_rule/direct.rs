//! The gradients written down directly.
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
    Forward {
        q: y + x,
        f: z * (x + y),
    }
}
pub fn backward(x: f64, y: f64, z: f64) -> Gradients {
    Gradients {
        f: 1.0,
        q: z,
        z: x + y,
        x: z,
        y: z,
    }
}
