//! Times full-batch epochs of the lecture's network:
//! `cargo run --example epoch_time -p fastnet` (set `EPOCHS` to change the
//! 20,000 epochs of each of the 7 rounds). Prints the fastest round, the
//! figure least disturbed by other work on the machine.

use fastnet::Trainer;
use network::{Dataset, Network, Training};
use std::time::Instant;

fn main() -> Result<(), network::Error> {
    let data = Dataset::moons(200, 0.1, 0);
    let mut net = Network::new(&[2, 4, 1], 0)?;
    let mut trainer = Trainer::new(&net, Training::new(1, 0.5), data.len())?;
    let epochs: usize = std::env::var("EPOCHS")
        .ok()
        .and_then(|e| e.parse().ok())
        .unwrap_or(20_000);
    let mut fastest = f64::INFINITY;
    for _round in 0..7 {
        let start = Instant::now();
        for epoch in 1..=epochs {
            trainer.epoch(&mut net, data.x.view(), data.y.view(), epoch)?;
        }
        fastest = fastest.min(start.elapsed().as_secs_f64() * 1e6 / epochs as f64);
    }
    println!("{fastest:.2} µs per epoch (fastest of 7 rounds)");
    Ok(())
}
