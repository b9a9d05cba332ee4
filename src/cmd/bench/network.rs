//! `lab bench network`: the network's fast path (crates/fastnet) and a numpy
//! implementation of the same network (tools/bench/python/numpy_reference.py), timed side by
//! side on three workloads, each a full-batch epoch (forward pass,
//! backpropagation, update) in float64:
//!
//! - lecture: sizes 2,4,1 on 200 moons, target ≥ 20× numpy;
//! - medium: 2,64,64,1 on 2,000 moons, target ≥ 2×;
//! - large: 784,256,128,10 on 10,000 random rows, target ≥ 1× (no slower).
//!
//! Each side trains for at least two seconds after a warm-up epoch, in ten
//! rounds, and reports the median round: the figure least disturbed by other
//! work on the machine. For large layers both use all cores for their matrix
//! products: numpy through its OpenBLAS, the crate through the `gemm` crate,
//! each with the widest vector instructions the processor has. The lecture's
//! products are too small for that: the crate computes them column by
//! column with the loops of `crates/fastnet/src/vector.rs`, which are
//! compiled for AVX-512, AVX2 and plain x86-64 and chosen when the program
//! runs, and so is σ, whose exponential is written out without branches.
//!
//! On the 2-core course machine (AVX-512), over eight runs, the lecture
//! workload took 2.0–2.9 µs per epoch against numpy's 42–69 µs (21–25×),
//! medium reached 2.8–3.7× and large 1.3–1.6×. numpy's own time varies by
//! half from run to run there, so the lecture's margin over 20× is thin.
//! After the move to `crates/fastnet`, one run with the machine loaded by
//! other builds (load average about 10 on 2 cores) measured 30.4× (lecture,
//! 10.1 µs against 308 µs), 58.4× (medium) and 2.3× (large): numpy's
//! multi-threaded products suffer more from the load than the crate's.
//!
//! The timed code runs in this dev-profile binary without a release build:
//! the workspace's Cargo.toml compiles the fastnet crate at opt-level 3
//! without debug assertions, and its dependencies at opt-level 3. A lecture
//! epoch measured the same in this build as in a release build, within the
//! machine's noise (~10%).

use crate::venv;
use anyhow::{Context, Result};
use fastnet::Trainer;
use network::{Batch, Dataset, Network, Training};
use std::time::Instant;

/// One workload: a network, its data and the speed-up it must reach.
struct Workload {
    name: &'static str,
    sizes: &'static [usize],
    /// `moons` or `random`.
    data: &'static str,
    rows: usize,
    /// 0 = full batch.
    batch: usize,
    /// The least speed-up over numpy that counts as met.
    target: f64,
}

const WORKLOADS: [Workload; 3] = [
    Workload {
        name: "lecture",
        sizes: &[2, 4, 1],
        data: "moons",
        rows: 200,
        batch: 0,
        target: 20.0,
    },
    Workload {
        name: "medium",
        sizes: &[2, 64, 64, 1],
        data: "moons",
        rows: 2_000,
        batch: 0,
        target: 2.0,
    },
    Workload {
        name: "large",
        sizes: &[784, 256, 128, 10],
        data: "random",
        rows: 10_000,
        batch: 0,
        target: 1.0,
    },
];

/// Each side trains for at least this long, in [`ROUNDS`] rounds of at
/// least 3 epochs each.
const MIN_SECONDS: f64 = 2.0;

/// Rounds per side; the median round's time per epoch is the figure least
/// disturbed by other work on the machine (numpy's side takes the median of
/// as many rounds).
const ROUNDS: usize = 10;

const LEARNING_RATE: f64 = 0.5;

/// Runs the network benchmark.
pub fn run() -> Result<()> {
    let python = venv::ensure(&[("numpy", "numpy")])?;
    let script = venv::workspace()?
        .tool("bench")
        .join("python/numpy_reference.py");
    println!(
        "network benchmark: ms per epoch (forward, backprop, update), float64, lower is better"
    );
    println!(
        "{:<8} {:<15} {:>6} {:>6} {:>11} {:>11} {:>9} {:>7}",
        "workload", "sizes", "rows", "batch", "rust", "numpy", "speed-up", "target"
    );
    let mut missed = Vec::new();
    for workload in &WORKLOADS {
        let rust = time_rust(workload)?;
        let numpy = time_numpy(&python, &script, workload)?;
        let ratio = numpy / rust;
        let met = ratio >= workload.target;
        if !met {
            missed.push(workload.name);
        }
        println!(
            "{:<8} {:<15} {:>6} {:>6} {:>11} {:>11} {:>8.1}x {:>5}x {}",
            workload.name,
            join(workload.sizes),
            workload.rows,
            if workload.batch == 0 {
                "full".to_string()
            } else {
                workload.batch.to_string()
            },
            format_ms(rust),
            format_ms(numpy),
            ratio,
            workload.target,
            if met { "met" } else { "MISSED" }
        );
    }
    if !missed.is_empty() {
        println!("targets missed: {}", missed.join(", "));
    }
    Ok(())
}

/// Milliseconds per epoch of the fast path on `workload`.
fn time_rust(workload: &Workload) -> Result<f64> {
    let (inputs, outputs) = (workload.sizes[0], workload.sizes[workload.sizes.len() - 1]);
    let data = Dataset::by_name(workload.data, workload.rows, inputs, outputs, 0)?;
    let (x, y) = (data.x.view(), data.y.view());
    let mut net = Network::new(workload.sizes, 0)?;
    let training =
        Training::new(1, LEARNING_RATE).with_batch(Batch::of_size(workload.batch, workload.rows));
    let mut trainer = Trainer::new(&net, training, workload.rows)?;
    trainer.epoch(&mut net, x, y, 0)?; // warm-up
    let mut round_ms = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let mut epochs = 0;
        while epochs < 3 || start.elapsed().as_secs_f64() < MIN_SECONDS / ROUNDS as f64 {
            epochs += 1;
            trainer.epoch(&mut net, x, y, epochs)?;
        }
        round_ms.push(start.elapsed().as_secs_f64() * 1e3 / epochs as f64);
    }
    Ok(median(round_ms))
}

/// The middle value (the mean of the two middle ones for an even count).
pub(super) fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    if values.len() % 2 == 0 {
        (values[middle - 1] + values[middle]) / 2.0
    } else {
        values[middle]
    }
}

/// Milliseconds per epoch of the numpy reference on `workload`.
fn time_numpy(
    python: &std::path::Path,
    script: &std::path::Path,
    workload: &Workload,
) -> Result<f64> {
    let args = [
        join(workload.sizes),
        workload.data.to_string(),
        workload.rows.to_string(),
        workload.batch.to_string(),
        MIN_SECONDS.to_string(),
    ];
    let report = super::python_json(
        std::process::Command::new(python),
        script,
        &args,
        "the numpy reference",
    )?;
    report["ms_per_epoch"]
        .as_f64()
        .context("the numpy reference printed no ms_per_epoch")
}

fn join(sizes: &[usize]) -> String {
    sizes
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

fn format_ms(ms: f64) -> String {
    if ms < 1.0 {
        format!("{ms:.4} ms")
    } else {
        format!("{ms:.1} ms")
    }
}
