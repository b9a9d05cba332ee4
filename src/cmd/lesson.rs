//! `lab lesson`: the student's runner for a lesson's exercises.

use crate::lessons::checker;
use crate::venv::workspace;
use course::runner::{Screen, Status};
use course::table::{self, Format};
use course::{Lesson, Progress, runner};
use std::io::{IsTerminal, Write};

/// Arguments of `lab lesson`.
#[derive(clap::Args)]
pub struct Args {
    /// The lesson number (the exercises are in lessons/lesson-N, or in
    /// $LAB_LESSONS/lesson-N when that variable is set).
    lesson: u32,
    /// Nothing: the first unsolved exercise. NAME: that exercise.
    /// `hint [NAME]`: the hint of the exercise shown, or of NAME.
    /// `check [NAME…]`: check those exercises (all without a name) once, print
    /// a row per exercise and exit 0 when every one passes.
    /// A NAME may be any unambiguous start of an exercise's name (`08`).
    #[arg(value_name = "NAME | hint [NAME] | check [NAME…]")]
    words: Vec<String>,
    /// List every exercise with its status.
    #[arg(long)]
    list: bool,
    /// Print the status once instead of watching the files (the default without a terminal).
    #[arg(long)]
    no_watch: bool,
    /// How `check` writes its rows: `text`, or `html` (a table, for a notebook cell).
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
}

/// The formats of `check`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum OutputFormat {
    /// Aligned plain text.
    Text,
    /// An HTML table.
    Html,
}

/// What the words after the lesson number ask for.
enum Action {
    /// The status, with the exercise at this index (if any) in front.
    Status(Option<usize>),
    /// The hint of the exercise at this index, or of the one shown.
    Hint(Option<usize>),
    /// Check the exercises at these indices.
    Check(Vec<usize>),
}

fn action(lesson: &Lesson, number: u32, words: &[String]) -> anyhow::Result<Action> {
    let index = |name: &String| -> anyhow::Result<usize> {
        let exercise = lesson.resolve(name)?;
        Ok(lesson
            .exercises
            .iter()
            .position(|e| e.name == exercise.name)
            .unwrap_or(0))
    };
    match words {
        [] => Ok(Action::Status(None)),
        [first, rest @ ..] if first == "check" => {
            if rest.is_empty() {
                return Ok(Action::Check((0..lesson.exercises.len()).collect()));
            }
            Ok(Action::Check(
                rest.iter().map(index).collect::<anyhow::Result<_>>()?,
            ))
        }
        [first] if first == "hint" => Ok(Action::Hint(None)),
        [first, name] if first == "hint" => Ok(Action::Hint(Some(index(name)?))),
        [name] => Ok(Action::Status(Some(index(name)?))),
        _ => anyhow::bail!(
            "one exercise at a time: `lab lesson {number} NAME`, `lab lesson {number} hint NAME`, \
             or several with `lab lesson {number} check NAME…`"
        ),
    }
}

/// Runs `lab lesson`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let workspace = workspace()?;
    let lesson = Lesson::find(&workspace.lessons(), args.lesson)?;
    let action = action(&lesson, args.lesson, &args.words)?;
    let build_dir = runner::build_dir(&workspace.target(), &lesson);
    let checker = checker()?;
    let mut progress = Progress::load(&lesson);
    let jobs = crate::lessons::cores();
    if let Action::Check(indices) = &action {
        let reports =
            runner::check_some(&checker, &lesson, indices, &build_dir, &mut progress, jobs)?;
        progress.save(&lesson)?;
        let failing = reports.iter().filter(|r| !r.passed()).count();
        let checked: Vec<_> = indices
            .iter()
            .map(|&i| &lesson.exercises[i])
            .zip(reports)
            .collect();
        let format = match args.format {
            OutputFormat::Text => Format::Text,
            OutputFormat::Html => Format::Html,
        };
        print!("{}", table::render(&checked, format));
        if failing > 0 {
            anyhow::bail!("{failing} of {} exercise(s) do not pass yet", checked.len());
        }
        return Ok(());
    }
    let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if let Action::Status(focus) = action
        && terminal
        && !args.list
        && !args.no_watch
    {
        let stdin = std::io::BufReader::new(std::io::stdin());
        let watched = runner::Watched {
            checker: &checker,
            lesson: &lesson,
            number: args.lesson,
            build_dir: &build_dir,
            jobs,
        };
        return Ok(runner::watch(
            &watched,
            &mut progress,
            focus,
            stdin,
            &mut Terminal,
        )?);
    }
    let mut status = runner::check_all(
        &checker,
        &lesson,
        args.lesson,
        &build_dir,
        &mut progress,
        jobs,
    )?;
    progress.save(&lesson)?;
    match action {
        Action::Hint(Some(i)) => print!("{}", status.render_hint(Some(&lesson.exercises[i].name))?),
        Action::Hint(None) => print!("{}", status.render_hint(None)?),
        _ if args.list => print!("{}", status.render_list()),
        Action::Status(focus) => {
            status.focus = focus;
            print!("{}\n{}", status.render(), commands(args.lesson));
        }
        Action::Check(_) => {}
    }
    Ok(())
}

/// The commands to try next, after the status printed once.
fn commands(number: u32) -> String {
    format!(
        "Edit the file, then run `cargo lab lesson {number}` again (in a terminal it watches your saves).\n\
         `cargo lab lesson {number} hint` shows a hint, `cargo lab lesson {number} --list` every exercise,\n\
         `cargo lab lesson {number} NAME` shows the exercise NAME (`08` is enough for 08_layer_delta).\n"
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
            "{CLEAR}{banner}{}\nWatching the exercises: save any exercise file to check it. \
             Type h + Enter for a hint, l for the list, q to quit.\n",
            status.render()
        );
        let _ = out.flush();
    }

    fn message(&mut self, text: &str) {
        println!("\n{}", text.trim_end());
    }
}
