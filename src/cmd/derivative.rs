//! `lab derivative`: the analytic derivative of a 1-D slide loss against
//! forward and central differences for h = 1e-1 … 1e-12.

use anyhow::{Context, Result, bail};
use descent::loss_by_name;
use finite_diff::{Estimate, compare_differences, decade_steps};
use serde_json::json;
use std::path::PathBuf;

/// Arguments of `lab derivative`.
#[derive(clap::Args)]
pub struct Args {
    /// The function: a 1-D slide loss (quadratic, quartic or linear).
    #[arg(value_name = "FN")]
    function: String,
    /// Where to take the derivative.
    #[arg(long, value_name = "X", allow_hyphen_values = true)]
    at: String,
    /// Write the log-log plot of the error against h to this SVG file.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    /// Print the comparison as one JSON object.
    #[arg(long)]
    json: bool,
}

/// Runs `lab derivative`.
pub fn run(args: Args) -> Result<()> {
    let loss = loss_by_name(&args.function)?;
    if loss.dimension() != 1 {
        bail!(
            "`{}` has {} parameters: derivative takes a 1-D loss (quadratic, quartic or linear)",
            loss.name(),
            loss.dimension()
        );
    }
    let x: f64 =
        (args.at.trim().parse()).with_context(|| format!("--at: `{}` is not a number", args.at))?;
    if !x.is_finite() {
        bail!("--at must be a finite number, got {x}");
    }
    let f = |t: f64| loss.value(&[t]);
    let analytic = loss.gradient(&[x])[0];
    let table = compare_differences(f, x, analytic, &decade_steps());
    if let Some(path) = &args.svg {
        let title = format!("{} at x = {x}: error of the estimates", loss.name());
        plots::error_vs_h(&title, &table)?.save(path)?;
    }
    if args.json {
        let estimates: Vec<_> = table.iter().map(estimate_json).collect();
        let (function, value) = (loss.name(), f(x));
        println!(
            "{}",
            json!({ "function": function, "x": x, "value": value, "analytic": analytic, "estimates": estimates })
        );
        return Ok(());
    }
    print_table(
        &format!(
            "{} at x = {x}: f(x) = {}, analytic f'(x) = {analytic}",
            loss.name(),
            f(x)
        ),
        &table,
    );
    if let Some(path) = &args.svg {
        println!("plot written to {}", path.display());
    }
    Ok(())
}

/// The estimates for each h, one line each, under `heading`.
fn print_table(heading: &str, table: &[Estimate]) {
    println!("{heading}");
    println!(
        "{:>7}  {:>22}  {:>9}  {:>22}  {:>9}",
        "h", "forward", "error", "central", "error"
    );
    for e in table {
        println!(
            "{:>7.0e}  {:>22.15}  {:>9.2e}  {:>22.15}  {:>9.2e}",
            e.h, e.forward, e.forward_error, e.central, e.central_error
        );
    }
}

fn estimate_json(e: &Estimate) -> serde_json::Value {
    json!({
        "h": e.h,
        "forward": e.forward,
        "central": e.central,
        "forward_error": e.forward_error,
        "central_error": e.central_error,
    })
}
