//! `lab descend`: gradient descent on a slide loss or an expression, printed,
//! as JSON, or plotted.

use anyhow::{Context, Result, bail};
use descent::{Descent, Loss, descend, loss_by_name};
use std::path::PathBuf;

/// Arguments of `lab descend`.
#[derive(clap::Args)]
pub struct Args {
    /// The loss: quadratic, quartic, linear (1-D), bowl or twin (2-D), or an
    /// expression in theta (1-D) or theta1, theta2 (2-D), e.g. "(theta-4)^2".
    #[arg(value_name = "LOSS")]
    loss: String,
    /// The start θ₀: one number for a 1-D loss, two separated by a comma for a 2-D one.
    #[arg(long, value_name = "A[,B]", allow_hyphen_values = true)]
    start: String,
    /// The learning rate α.
    #[arg(
        long = "lr",
        value_name = "α",
        default_value = "0.1",
        allow_hyphen_values = true
    )]
    learning_rate: String,
    /// The maximum number of steps.
    #[arg(
        long,
        value_name = "N",
        default_value = "1000",
        allow_hyphen_values = true
    )]
    steps: String,
    /// Write the loss curve (1-D) or contour plot (2-D) with the steps to this SVG file.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    /// Print the run as one JSON object.
    #[arg(long)]
    json: bool,
}

/// Runs `lab descend`.
pub fn run(args: Args) -> Result<()> {
    let loss = loss_by_name(&args.loss)?;
    let start = parse_numbers("--start", &args.start)?;
    let learning_rate = parse_number("--lr", &args.learning_rate)?;
    let max_steps = parse_steps(&args.steps)?;
    let run = descend(loss.as_ref(), &start, learning_rate, max_steps)?;
    if let Some(path) = &args.svg {
        plots::descent_plot(loss.as_ref(), &run)?.save(path)?;
    }
    if args.json {
        let mut json = serde_json::to_value(&run)?;
        json["loss"] = loss.name().into();
        json["learning_rate"] = learning_rate.into();
        println!("{json}");
    } else {
        print_run(loss.as_ref(), learning_rate, &run);
        if let Some(path) = &args.svg {
            println!("plot written to {}", path.display());
        }
    }
    Ok(())
}

/// A number given on the command line (NaN and infinities are accepted here
/// and rejected by [`descend`]).
fn parse_number(option: &str, text: &str) -> Result<f64> {
    text.trim()
        .parse()
        .with_context(|| format!("{option}: `{text}` is not a number"))
}

/// Comma-separated numbers, e.g. `4,1.5`.
fn parse_numbers(option: &str, text: &str) -> Result<Vec<f64>> {
    text.split(',')
        .map(|part| parse_number(option, part))
        .collect()
}

fn parse_steps(text: &str) -> Result<usize> {
    let steps: i64 = text
        .trim()
        .parse()
        .with_context(|| format!("--steps: `{text}` is not a whole number"))?;
    if steps <= 0 {
        bail!("--steps must be positive, got {steps}");
    }
    usize::try_from(steps).with_context(|| format!("--steps: {steps} is too large"))
}

/// How many steps of the trajectory are listed at the start and the end.
const SHOWN: usize = 5;

fn print_run(loss: &dyn Loss, learning_rate: f64, run: &Descent) {
    println!(
        "{} with α = {learning_rate}: {} after {} steps",
        loss.name(),
        run.status,
        run.steps
    );
    println!("{:>8}  {:<28}  {:>14}", "step", "θ", "J(θ)");
    for (step, (theta, value)) in run.trajectory.iter().zip(&run.values).enumerate() {
        if step < SHOWN || step + SHOWN > run.steps {
            println!("{step:>8}  {:<28}  {value:>14.6e}", format_theta(theta));
        } else if step == SHOWN {
            println!("{:>8}", "…");
        }
    }
    println!("θ = {}, J(θ) = {:.6e}", format_theta(&run.theta), run.value);
}

fn format_theta(theta: &[f64]) -> String {
    let parts: Vec<String> = theta.iter().map(|t| format!("{t:.6}")).collect();
    format!("({})", parts.join(", "))
}
