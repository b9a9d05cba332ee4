//! Exercise 15's checks classify real training runs: the loss histories and
//! gradient norms written in `lessons/lesson-3/checks/15_training_diagnosis.rs`
//! (the checks may use only the standard library, so they hold the numbers)
//! are those of the `network` crate's runs of notebook 09, trained again
//! here and compared.

mod common;

use common::workspace;
use network::{Dataset, Network, Training};

/// One of notebook 09's runs: full-batch gradient descent on the moons.
struct Run {
    /// The constant of the checks that holds it.
    name: &'static str,
    sizes: &'static [usize],
    examples: usize,
    learning_rate: f64,
    epochs: usize,
    seed: u64,
    /// Every `every`-th epoch is kept, from the first, and the last one.
    every: usize,
}

const RUNS: [Run; 4] = [
    Run {
        name: "TOO_LOW",
        sizes: &[2, 8, 1],
        examples: 100,
        learning_rate: 0.1,
        epochs: 300,
        seed: 0,
        every: 3,
    },
    Run {
        name: "OVERSHOOT",
        sizes: &[2, 8, 1],
        examples: 100,
        learning_rate: 1000.0,
        epochs: 300,
        seed: 0,
        every: 3,
    },
    Run {
        name: "PLATEAU",
        sizes: &[2, 4, 1],
        examples: 200,
        learning_rate: 10.0,
        epochs: 2000,
        seed: 0,
        every: 20,
    },
    Run {
        name: "ESCAPED",
        sizes: &[2, 4, 1],
        examples: 200,
        learning_rate: 10.0,
        epochs: 2000,
        seed: 2,
        every: 20,
    },
];

/// The run's loss J and gradient norm ‖∇J‖ before each epoch's update, at
/// the kept epochs.
fn record(run: &Run) -> (Vec<f64>, Vec<f64>) {
    let data = Dataset::moons(run.examples, 0.1, 0);
    let (x, y) = (data.x.view(), data.y.view());
    let mut net = Network::new(run.sizes, run.seed).unwrap();
    let (mut losses, mut norms) = (Vec::new(), Vec::new());
    for epoch in 0..run.epochs {
        let (loss, grads) = net.backward(x, y).unwrap();
        if epoch % run.every == 0 || epoch == run.epochs - 1 {
            losses.push(loss);
            norms.push(grads.norm());
        }
        net.update(&grads, run.learning_rate);
    }
    // The same as `train`'s history (full batch: J before the epoch's update).
    let mut again = Network::new(run.sizes, run.seed).unwrap();
    let history = again
        .train(
            x,
            y,
            &Training::new(run.epochs, run.learning_rate),
            |_, _| {},
        )
        .unwrap();
    assert_eq!(
        history.last(),
        losses.last(),
        "{}: the last epoch's loss",
        run.name
    );
    (losses, norms)
}

/// The numbers of `field: &[…]` inside `const NAME: Run = Run { … };`.
fn written(checks: &str, name: &str, field: &str) -> Option<Vec<f64>> {
    let start = checks.find(&format!("const {name}: Run = Run {{"))?;
    let rest = &checks[start..];
    let rest = &rest[rest.find(&format!("{field}: &["))? + field.len() + 4..];
    let list = &rest[..rest.find(']')?];
    list.split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| n.parse().ok())
        .collect()
}

/// The constant as the checks should write it, to be pasted when a run changes.
fn constant(run: &Run, losses: &[f64], norms: &[f64]) -> String {
    let list = |values: &[f64]| {
        values
            .chunks(5)
            .map(|row| {
                row.iter()
                    .map(|v| format!("{v:.6e}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .collect::<Vec<_>>()
            .join(",\n        ")
    };
    format!(
        "const {}: Run = Run {{\n    losses: &[\n        {},\n    ],\n    grad_norms: &[\n        {},\n    ],\n}};",
        run.name,
        list(losses),
        list(norms)
    )
}

#[test]
fn the_checks_histories_are_the_network_crates_runs() {
    let path = workspace()
        .lessons()
        .join("lesson-3/checks/15_training_diagnosis.rs");
    let checks = std::fs::read_to_string(&path).unwrap();
    let mut stale = Vec::new();
    for run in &RUNS {
        let (losses, norms) = record(run);
        let agrees = |field: &str, recorded: &[f64]| {
            written(&checks, run.name, field).is_some_and(|found| {
                found.len() == recorded.len()
                    && found
                        .iter()
                        .zip(recorded)
                        .all(|(w, r)| (w - r).abs() <= 1e-5 * r.abs())
            })
        };
        if !agrees("losses", &losses) || !agrees("grad_norms", &norms) {
            stale.push(constant(run, &losses, &norms));
        }
    }
    assert!(
        stale.is_empty(),
        "{} does not hold the network's runs; they read:\n{}",
        path.display(),
        stale.join("\n\n")
    );
}
