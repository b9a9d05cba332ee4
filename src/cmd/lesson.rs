//! `lab lesson`: the student's runner for a lesson's exercises.

use crate::lessons::checker;
use crate::venv::workspace;
use course::runner::{Screen, Status};
use course::{Lesson, Progress, runner};
use std::io::{IsTerminal, Write};

/// Arguments of `lab lesson`.
#[derive(clap::Args)]
pub struct Args {
    /// The lesson number (the exercises are in lessons/lesson-N, or in
    /// $LAB_LESSONS/lesson-N when that variable is set).
    lesson: u32,
    /// `hint` shows the hint of the current exercise (or of NAME).
    #[arg(value_enum)]
    action: Option<Action>,
    /// An exercise name, for `hint`.
    name: Option<String>,
    /// List every exercise with its status.
    #[arg(long)]
    list: bool,
    /// Print the status once instead of watching the files (the default without a terminal).
    #[arg(long)]
    no_watch: bool,
}

/// What to show instead of the status.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Action {
    /// The hint of the current exercise, or of NAME.
    Hint,
}

/// Runs `lab lesson`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let workspace = workspace()?;
    let lesson = Lesson::find(&workspace.lessons(), args.lesson)?;
    if args.name.is_some() && args.action.is_none() {
        anyhow::bail!(
            "an exercise name goes with `hint`: `lab lesson {} hint NAME`",
            args.lesson
        );
    }
    if let Some(name) = &args.name {
        lesson.exercise(name)?;
    }
    let build_dir = runner::build_dir(&workspace.target(), &lesson);
    let checker = checker()?;
    let mut progress = Progress::load(&lesson);
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if terminal && !args.list && !args.no_watch && args.action.is_none() {
        let stdin = std::io::BufReader::new(std::io::stdin());
        return Ok(runner::watch(
            &checker,
            &lesson,
            args.lesson,
            &build_dir,
            &mut progress,
            stdin,
            &mut Terminal,
        )?);
    }
    let status = runner::check_all(
        &checker,
        &lesson,
        args.lesson,
        &build_dir,
        &mut progress,
        jobs,
    )?;
    progress.save(&lesson)?;
    match args.action {
        Some(Action::Hint) => print!("{}", status.render_hint(args.name.as_deref())?),
        None if args.list => print!("{}", status.render_list()),
        None => print!("{}\n{}", status.render(), commands(args.lesson)),
    }
    Ok(())
}

/// The commands to try next, after the status printed once.
fn commands(number: u32) -> String {
    format!(
        "Edit the file, then run `cargo lab lesson {number}` again (in a terminal it watches your saves).\n\
         `cargo lab lesson {number} hint` shows a hint, `cargo lab lesson {number} --list` every exercise.\n"
    )
}

/// Watch mode in a terminal: each status on a cleared screen, with the keys to type.
struct Terminal;

/// Clears the terminal and moves the cursor to its top left corner.
const CLEAR: &str = "\x1b[2J\x1b[H";

impl Screen for Terminal {
    fn status(&mut self, status: &Status, banner: &str) {
        let mut out = std::io::stdout();
        let _ = write!(
            out,
            "{CLEAR}{banner}{}\nWatching the exercises: save a file to check it again. \
             Type h + Enter for a hint, l for the list, q to quit.\n",
            status.render()
        );
        let _ = out.flush();
    }

    fn message(&mut self, text: &str) {
        println!("\n{}", text.trim_end());
    }
}
