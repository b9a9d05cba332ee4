//! `lab graph`: evaluate an expression as a computational graph and backpropagate.

use anyhow::{Context, Result, bail};
use compgraph::{Expression, number};
use std::path::PathBuf;

/// Arguments of `lab graph`.
#[derive(clap::Args)]
#[command(after_help = "Example: lab graph \"(x+y)*z\" x=-2 y=5 z=-4")]
pub struct Args {
    /// The expression, e.g. "(x+y)*z" or "1/(1+exp(-(w0*x0+w1*x1+w2)))".
    #[arg(allow_hyphen_values = true)]
    expression: String,
    /// A value for each variable of the expression.
    #[arg(value_name = "NAME=VALUE")]
    values: Vec<String>,
    /// Write the graph in Graphviz DOT to FILE.
    #[arg(long, value_name = "FILE")]
    dot: Option<PathBuf>,
    /// Write the graph as SVG to FILE.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    /// Print the value and gradients as JSON.
    #[arg(long)]
    json: bool,
}

/// Splits `NAME=VALUE` into the name and the number.
fn name_value(argument: &str) -> Result<(&str, f64)> {
    let Some((name, value)) = argument.split_once('=') else {
        bail!("expected NAME=VALUE, got `{argument}`");
    };
    let value = value
        .trim()
        .parse()
        .with_context(|| format!("`{value}` (for {name}) is not a number"))?;
    Ok((name.trim(), value))
}

/// Runs `lab graph`.
pub fn run(args: Args) -> Result<()> {
    let source = &args.expression;
    let mut expression = Expression::parse(source).map_err(|e| {
        anyhow::anyhow!(
            "cannot parse \"{source}\" at column {}: {}",
            e.column,
            e.message
        )
    })?;
    let values = args
        .values
        .iter()
        .map(|a| name_value(a))
        .collect::<Result<Vec<_>>>()?;
    let at = expression.evaluate(&values)?;
    let graph = expression.graph();
    if let Some(path) = &args.dot {
        std::fs::write(path, graph.dot())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let Some(path) = &args.svg {
        std::fs::write(path, graph.svg())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if args.json {
        let gradients: serde_json::Map<String, serde_json::Value> = values
            .iter()
            .zip(&at.gradient)
            .map(|(&(name, _), &g)| (name.to_owned(), g.into()))
            .collect();
        let json =
            serde_json::json!({ "expression": source, "value": at.value, "gradients": gradients });
        println!("{json}");
        return Ok(());
    }
    println!("f = {source} = {}", number(at.value));
    for ((name, _), grad) in values.iter().zip(&at.gradient) {
        println!("∂f/∂{name} = {}", number(*grad));
    }
    print!("\n{graph}");
    Ok(())
}
