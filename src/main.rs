//! `lab`, the course tool for lecture 3 (backpropagation).
//!
//! A thin command line over the teaching crates: each subcommand parses its
//! arguments, calls a crate, and prints or plots the result. Errors are one
//! line on stderr and a non-zero exit status.

mod cmd;
mod lessons;
mod venv;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// The course tool for Deep Learning lecture 3: backpropagation.
#[derive(Parser)]
#[command(name = "lab", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Work through a lesson's exercises (progress, current exercise, hints, watch mode).
    Lesson(cmd::lesson::Args),
    /// Grade student submissions of a lesson.
    Grade(cmd::grade::Args),
    /// Write a lesson's student edition: the course without its solutions, as a git repository.
    Release(cmd::release::Args),
    /// Run gradient descent on a slide loss or an expression.
    Descend(cmd::descend::Args),
    /// Compare the analytic derivative with forward and central differences.
    Derivative(cmd::derivative::Args),
    /// Evaluate an expression as a computational graph and backpropagate.
    Graph(cmd::graph::Args),
    /// Train the slides' neural network on 2-D data.
    Train(cmd::train::Args),
    /// Open the lecture's notebooks in JupyterLab (sets up the kernel on first use).
    Notebooks(cmd::notebooks::Args),
    /// Watch the network learn in the browser, and backpropagation's numbers on its diagram.
    Playground(cmd::playground::Args),
    /// Serve the notebooks to a class: JupyterHub with the course kernel (sets up on first use).
    Hub(cmd::hub::Args),
    /// Run every test: the workspace tests, the notebooks, the book and the course self-check.
    Test(cmd::test::Args),
    /// Execute every notebook and write the lecture as a static HTML book.
    Book(cmd::book::Args),
    /// Execute every notebook and write the lecture as offline reveal.js slide decks.
    Slides(cmd::slides::Args),
    /// Run the benchmarks against the Python references.
    Bench(cmd::bench::Args),
}

fn main() -> ExitCode {
    // `lab __sandbox POLICY -- PROGRAM…` restricts itself and becomes PROGRAM:
    // how the grader runs a submission's code (see course::sandbox).
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == course::sandbox::LAUNCHER_ARG)
    {
        return course::sandbox::main(std::env::args_os().skip(2));
    }
    // A bug in the tool must still end in one line, not a backtrace.
    std::panic::set_hook(Box::new(|info| {
        // `lab … | head` closes stdout early: that ends the output, quietly.
        let message = info.payload().downcast_ref::<String>();
        if message.is_some_and(|m| m.contains("Broken pipe")) {
            std::process::exit(0);
        }
        eprintln!("error: internal error: {info}");
    }));
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Lesson(args) => cmd::lesson::run(args),
        Command::Grade(args) => cmd::grade::run(args),
        Command::Release(args) => cmd::release::run(args),
        Command::Descend(args) => cmd::descend::run(args),
        Command::Derivative(args) => cmd::derivative::run(args),
        Command::Graph(args) => cmd::graph::run(args),
        Command::Train(args) => cmd::train::run(args),
        Command::Notebooks(args) => cmd::notebooks::run(args),
        Command::Playground(args) => cmd::playground::run(args),
        Command::Hub(args) => cmd::hub::run(args),
        Command::Test(args) => cmd::test::run(args),
        Command::Book(args) => cmd::book::run(args),
        Command::Slides(args) => cmd::slides::run(args),
        Command::Bench(args) => cmd::bench::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", one_line(&error));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes on one line, each cause once: library errors
/// often already show their source (`{path}: {source}`).
fn one_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let cause = cause.to_string();
        if !line.contains(&cause) {
            if !line.is_empty() {
                line.push_str(": ");
            }
            line.push_str(&cause);
        }
    }
    line.replace('\n', " ")
}
