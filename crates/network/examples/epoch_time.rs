//! Times full-batch epochs of the lecture's network: `cargo run --example epoch_time -p network`.

use network::{Dataset, Network, Trainer, Training};
use std::time::Instant;

fn main() -> Result<(), network::Error> {
    let data = Dataset::moons(200, 0.1, 0);
    let mut net = Network::new(&[2, 4, 1], 0)?;
    let mut trainer = Trainer::new(&net, Training::new(1, 0.5), data.len())?;
    let epochs = 20_000;
    let start = Instant::now();
    for epoch in 1..=epochs {
        trainer.epoch(&mut net, data.x.view(), data.y.view(), epoch)?;
    }
    println!(
        "{:.2} µs per epoch",
        start.elapsed().as_secs_f64() * 1e6 / epochs as f64
    );
    Ok(())
}
