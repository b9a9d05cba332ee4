//! `lab train`: train the slides' network on 2-D data (or a CSV file) and
//! report its loss and accuracy.

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use network::{Batch, Dataset, Network, Training, diagnose};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

/// Arguments of `lab train`.
#[derive(clap::Args)]
#[command(
    after_help = "Example: lab train --sizes 2,16,1 --data moons --epochs 3000 --lr 8 --svg moons.svg"
)]
pub struct Args {
    /// Units per layer, inputs first [default: 2,16,1; with --load, the model's].
    #[arg(long, value_parser = parse_sizes)]
    sizes: Option<Sizes>,
    /// The data: moons, blobs, xor, or a CSV file (features, then targets).
    #[arg(long, default_value = "moons")]
    data: String,
    /// Number of examples made for moons, blobs and xor.
    #[arg(long, default_value_t = 200)]
    samples: usize,
    /// Passes over the training data.
    #[arg(long, default_value_t = 3000)]
    epochs: usize,
    /// The learning rate α.
    #[arg(long, default_value_t = 8.0)]
    lr: f64,
    /// Examples per step: 0 = the full batch, 1 = one example at a time.
    #[arg(long, default_value_t = 0)]
    batch: usize,
    /// Seed of the data noise, the initial weights and the shuffling.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Start from a saved model (JSON) instead of random weights.
    #[arg(long, value_name = "FILE")]
    load: Option<PathBuf>,
    /// Save the trained model as JSON.
    #[arg(long, value_name = "FILE")]
    save: Option<PathBuf>,
    /// Draw the decision regions over the data and the loss curve into FILE.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

/// Units per layer, as given on the command line.
#[derive(Clone)]
struct Sizes(Vec<usize>);

/// Parses `2,4,1`.
fn parse_sizes(text: &str) -> Result<Sizes, String> {
    text.split(',')
        .map(|size| {
            size.trim()
                .parse()
                .map_err(|_| format!("`{size}` is not a number of units (expected e.g. 2,4,1)"))
        })
        .collect::<Result<_, _>>()
        .map(Sizes)
}

/// Runs `lab train`.
pub fn run(args: Args) -> Result<()> {
    let mut net = network_to_train(&args)?;
    let data = Dataset::by_name(
        &args.data,
        args.samples,
        net.inputs(),
        net.outputs(),
        args.seed,
    )?;
    let (x, y) = (data.x.view(), data.y.view());
    let training = Training::new(args.epochs, args.lr)
        .with_batch(Batch::of_size(args.batch, data.len()))
        .with_seed(args.seed);
    let (history, ms_per_epoch) = train_with_progress(&mut net, &data, &training, args.json)?;
    let findings: Vec<String> = diagnose(&net, x, &history)?
        .iter()
        .map(ToString::to_string)
        .collect();
    if let Some(path) = &args.save {
        net.save(path)?;
    }
    if let Some(path) = &args.svg {
        summary_plot(&net, &data, &args.data, &history)?
            .save(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let trained = Trained {
        loss: net.loss(x, y)?,
        accuracy: net.accuracy(x, y)?,
        sizes: net.sizes(),
        examples: data.len(),
        batch: training.batch,
        history,
        ms_per_epoch,
        findings,
    };
    if args.json {
        println!("{}", trained.json(&args));
    } else {
        trained.print(&args);
    }
    Ok(())
}

/// The network `--load` names, or a new one of `--sizes`.
fn network_to_train(args: &Args) -> Result<Network> {
    let sizes = args.sizes.as_ref().map(|sizes| sizes.0.as_slice());
    let net = match &args.load {
        Some(path) => Network::load(path)?,
        None => Network::new(sizes.unwrap_or(&[2, 16, 1]), args.seed)?,
    };
    if let Some(sizes) = sizes.filter(|&sizes| sizes != net.sizes()) {
        bail!(
            "--sizes {sizes:?} differs from the loaded model's sizes {:?}",
            net.sizes()
        );
    }
    Ok(net)
}

/// Trains with the fast path, with a progress bar on a terminal; returns
/// the loss of every epoch and the milliseconds per epoch.
fn train_with_progress(
    net: &mut Network,
    data: &Dataset,
    training: &Training,
    json: bool,
) -> Result<(Vec<f64>, f64)> {
    let epochs = training.epochs;
    let progress = (std::io::stderr().is_terminal() && !json).then(|| {
        ProgressBar::new(epochs as u64).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} epochs  loss {msg}")
                .expect("a valid template"),
        )
    });
    let start = Instant::now();
    let history = fastnet::train(
        net,
        data.x.view(),
        data.y.view(),
        training,
        |epoch, loss| {
            if let Some(bar) = &progress {
                bar.set_position(epoch as u64);
                if epoch % 50 == 0 {
                    bar.set_message(format!("{loss:.5}"));
                }
            }
        },
    )?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let ms = match epochs {
        0 => 0.0,
        _ => start.elapsed().as_secs_f64() * 1e3 / epochs as f64,
    };
    Ok((history, ms))
}

/// What a training run ended with.
struct Trained {
    loss: f64,
    accuracy: f64,
    sizes: Vec<usize>,
    examples: usize,
    batch: Batch,
    history: Vec<f64>,
    ms_per_epoch: f64,
    findings: Vec<String>,
}

impl Trained {
    /// The result as one JSON object.
    fn json(&self, args: &Args) -> serde_json::Value {
        serde_json::json!({
            "loss": self.loss,
            "accuracy": self.accuracy,
            "epochs": args.epochs,
            "ms_per_epoch": self.ms_per_epoch,
            "sizes": self.sizes,
            "samples": self.examples,
            "learning_rate": args.lr,
            "batch": self.batch.rows(self.examples),
            "diagnoses": self.findings,
        })
    }

    /// The result as lines for a reader, then a warning per finding.
    fn print(&self, args: &Args) {
        let sizes: Vec<String> = self.sizes.iter().map(usize::to_string).collect();
        let batch = match self.batch {
            Batch::Full => "full".to_string(),
            other => other.rows(self.examples).to_string(),
        };
        println!(
            "network {} on {} examples of {}, {} epochs, α = {}, batch {batch}",
            sizes.join(","),
            self.examples,
            args.data,
            args.epochs,
            readable(args.lr),
        );
        if let (Some(first), Some(last)) = (self.history.first(), self.history.last()) {
            println!("loss per epoch: {} → {}", readable(*first), readable(*last));
        }
        let (loss, accuracy) = (readable(self.loss), 100.0 * self.accuracy);
        println!("loss J = {loss}, accuracy {accuracy:.1} %");
        println!("{:.4} ms per epoch", self.ms_per_epoch);
        for finding in &self.findings {
            println!("warning: {finding}");
        }
    }
}

/// A number with up to 5 decimals, in scientific notation when it is very
/// large or very small: `1e200`, not 200 digits.
fn readable(value: f64) -> String {
    if value != 0.0 && value.is_finite() && !(1e-4..1e6).contains(&value.abs()) {
        compgraph::scientific(value, 4)
    } else {
        compgraph::decimals(value, 5)
    }
}

/// The decision regions over the data and the loss curve.
fn summary_plot(net: &Network, data: &Dataset, name: &str, history: &[f64]) -> Result<plots::Svg> {
    if data.x.ncols() != 2 {
        bail!(
            "--svg draws 2-D data, but this data has {} features",
            data.x.ncols()
        );
    }
    let classify = |grid: &[(f64, f64)]| net.classify_points(grid).unwrap_or_default();
    Ok(plots::classifier::training_summary(
        name,
        &data.points(),
        &data.classes(),
        classify,
        history,
    )?)
}
