//! `lab bench graph`: the computational graph against Python micrograd.
//!
//! Both sides build, evaluate and backpropagate the same graphs (the slide's
//! sigmoid neuron and a 2-16-16-1 perceptron unrolled into scalars, see
//! `benchmarks::graph`) for a second each, and the throughput is compared in
//! nodes per second. micrograd builds the neuron from more, smaller gates
//! (17 nodes against our 13); each side is credited with its own node count,
//! which favours micrograd.
//!
//! `cargo lab` builds the dev profile, but the workspace manifest compiles
//! compgraph at opt-level 3 there, so the figures are those of optimised code.

use crate::venv;
use anyhow::{Context, Result, bail};
use benchmarks::graph::{Throughput, mlp, mlp_parameter_count, parameter, throughput};
use compgraph::Graph;
use compgraph::examples::sigmoid_neuron;
use std::collections::HashMap;
use std::time::Duration;

/// How long each side runs each graph.
const SECONDS: f64 = 1.0;
/// The perceptron's layer sizes (as in the Python reference).
const MLP_SIZES: [usize; 4] = [2, 16, 16, 1];
/// The perceptron's input (as in the Python reference).
const MLP_INPUT: [f64; 2] = [0.5, -1.5];
/// The throughput ratio the issue asks for.
const TARGET: f64 = 50.0;

/// One graph's figures from the Python reference.
#[derive(serde::Deserialize)]
struct Reference {
    graphs: usize,
    nodes: usize,
    seconds: f64,
    value: f64,
}

/// Runs the graph benchmark.
pub fn run() -> Result<()> {
    let reference = micrograd()?;
    let reference = |name: &str| {
        reference
            .get(name)
            .with_context(|| format!("no `{name}` in the reference"))
    };
    eprintln!("lab: running compgraph ({SECONDS} s per graph)");
    let duration = Duration::from_secs_f64(SECONDS);
    let neuron = |g: &mut Graph| sigmoid_neuron(g, [2.0, -3.0, -3.0], [-1.0, -2.0]);
    let parameters: Vec<f64> = (0..mlp_parameter_count(&MLP_SIZES))
        .map(parameter)
        .collect();
    let perceptron = |g: &mut Graph| mlp(g, &MLP_SIZES, &parameters, &MLP_INPUT)[0];
    let rows = [
        (
            "sigmoid neuron",
            throughput(duration, neuron),
            output_value(neuron),
            reference("neuron")?,
        ),
        (
            "MLP 2-16-16-1",
            throughput(duration, perceptron),
            output_value(perceptron),
            reference("mlp")?,
        ),
    ];
    print_rows(rows)
}

/// Runs the Python reference and reads its figures, per graph.
fn micrograd() -> Result<HashMap<String, Reference>> {
    let python = venv::ensure(&[("micrograd", "micrograd")])?;
    let script = venv::workspace()?
        .tool("bench")
        .join("python/micrograd_reference.py");
    eprintln!("lab: running micrograd ({SECONDS} s per graph)");
    let report = super::python_json(
        std::process::Command::new(&python),
        &script,
        &[SECONDS.to_string()],
        "the micrograd reference",
    )?;
    serde_json::from_value(report).context("the micrograd reference printed no figures")
}

/// One line per graph: our throughput, micrograd's and the ratio; then the verdict.
fn print_rows(rows: [(&str, Throughput, f64, &Reference); 2]) -> Result<()> {
    println!(
        "{:<16} {:>13} {:>16} {:>16} {:>8}",
        "graph", "nodes (ours)", "compgraph n/s", "micrograd n/s", "ratio"
    );
    let mut worst = f64::INFINITY;
    for (name, ours, value, theirs) in rows {
        if (value - theirs.value).abs() > 1e-9 {
            bail!(
                "{name}: compgraph computes {value}, micrograd {}: not the same graph",
                theirs.value
            );
        }
        let micrograd = Throughput {
            graphs: theirs.graphs,
            nodes: theirs.nodes,
            seconds: theirs.seconds,
        };
        let ratio = ours.nodes_per_second() / micrograd.nodes_per_second();
        worst = worst.min(ratio);
        let nodes = format!("{} ({})", ours.nodes, theirs.nodes);
        let (a, b) = (ours.nodes_per_second(), micrograd.nodes_per_second());
        println!("{name:<16} {nodes:>13} {a:>16.3e} {b:>16.3e} {ratio:>7.0}×");
    }
    let verdict = if worst >= TARGET { "met" } else { "NOT met" };
    println!(
        "target: at least {TARGET}× micrograd's nodes per second: {verdict} (worst {worst:.0}×)"
    );
    Ok(())
}

/// The graph's output, to check both sides built the same graph.
fn output_value(build: impl Fn(&mut Graph) -> compgraph::NodeId) -> f64 {
    let mut g = Graph::new();
    let output = build(&mut g);
    g.value(output)
}
