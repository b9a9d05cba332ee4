//! `lab grade`: the instructor's grader, and the course self-check.

use crate::lessons::{checker, cores, print_mutants, print_self_check};
use crate::venv::workspace;
use course::hidden::Hidden;
use course::{Lesson, grade};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Arguments of `lab grade`.
#[derive(clap::Args)]
pub struct Args {
    /// The lesson number (the exercises are in lessons/lesson-N).
    lesson: u32,
    /// Submissions: folders holding (some of) the exercise files, `.zip` or
    /// `.tar.gz` archives of them, or folders of such archives (a course
    /// platform's export).
    #[arg(required_unless_present_any = ["self_check", "mutants", "gradescope_bundle"])]
    submissions: Vec<PathBuf>,
    /// Instead of grading, check the lesson itself: every stub fails its
    /// checks, every solution passes them, every exercise has a hint, and
    /// the checks kill at least 95 % of each solution's mutants.
    #[arg(long, conflicts_with = "submissions")]
    self_check: bool,
    /// Instead of grading, mutation-test the checks: run them against small
    /// changes of each reference solution and list every mutant that survives
    /// (also part of --self-check).
    #[arg(long, conflicts_with = "submissions")]
    mutants: bool,
    /// Seconds one check may run before it fails.
    #[arg(long, default_value_t = 5.0)]
    timeout: f64,
    /// A folder of extra checks kept outside the repository (same layout as
    /// checks/, with points.toml giving each file its points).
    #[arg(long)]
    hidden: Option<PathBuf>,
    /// Write the feedback to send each student: DIR/SUBMISSION.md with every
    /// check, its points and its message.
    #[arg(long, value_name = "DIR")]
    feedback: Option<PathBuf>,
    /// Write the gradebook: one row per submission, one column per exercise.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Write a Gradescope results.json per submission into DIR/SUBMISSION/.
    #[arg(long, value_name = "DIR")]
    results_json: Option<PathBuf>,
    /// Instead of grading, write the autograder bundle Gradescope runs for
    /// each student (setup.sh, run_autograder; see docs/gradescope.md).
    #[arg(long, value_name = "FILE.zip", conflicts_with_all = ["submissions", "self_check"])]
    gradescope_bundle: Option<PathBuf>,
    /// How many exercises are compiled and checked at once [default: the number of cores].
    #[arg(long, short)]
    jobs: Option<usize>,
}

/// Runs `lab grade`.
pub fn run(args: Args) -> anyhow::Result<()> {
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        anyhow::bail!(
            "--timeout must be a positive number of seconds, not {}",
            args.timeout
        );
    }
    if args.jobs == Some(0) {
        anyhow::bail!("--jobs must be at least 1");
    }
    let workspace = workspace()?;
    let lesson = Lesson::find(&workspace.lessons(), args.lesson)?;
    let instructors = [
        (args.self_check, "`lab grade --self-check`"),
        (args.mutants, "`lab grade --mutants`"),
        (
            args.gradescope_bundle.is_some(),
            "`lab grade --gradescope-bundle`",
        ),
    ];
    if let Some((_, what)) = instructors.iter().find(|(asked, _)| *asked) {
        lesson.require_solutions(what)?;
    }
    let hidden = args
        .hidden
        .as_deref()
        .map(|dir| Hidden::load(dir, &lesson))
        .transpose()?;
    if let Some(zip) = &args.gradescope_bundle {
        write_bundle(zip, &lesson, &args)
    } else if args.self_check {
        self_check(&lesson, hidden.as_ref(), &args)
    } else if args.mutants {
        mutants_only(&lesson, hidden.as_ref(), &args)
    } else {
        grade_submissions(lesson, hidden, args)
    }
}

/// `--mutants` alone: the mutation report of the lesson's checks.
fn mutants_only(lesson: &Lesson, hidden: Option<&Hidden>, args: &Args) -> anyhow::Result<()> {
    let jobs = args.jobs.unwrap_or_else(cores);
    let started = Instant::now();
    let summary = course::mutation_test(&checker()?, lesson, hidden, jobs)?;
    print_mutants(&summary, started.elapsed().as_secs_f64(), true);
    let problems = summary.problems();
    for problem in &problems {
        println!("mutants: {problem}");
    }
    if !problems.is_empty() {
        anyhow::bail!("the mutation testing found {} problem(s)", problems.len());
    }
    Ok(())
}

/// `--self-check`: stubs fail, solutions pass, mutants are killed (with the
/// hidden checks when given); see [`course::self_check()`].
fn self_check(lesson: &Lesson, hidden: Option<&Hidden>, args: &Args) -> anyhow::Result<()> {
    let started = Instant::now();
    let jobs = args.jobs.unwrap_or_else(cores);
    let found = course::self_check(&checker()?, lesson, hidden, jobs)?;
    let sound = print_self_check(&found, args.mutants);
    let seconds = started.elapsed().as_secs_f64();
    if !sound {
        anyhow::bail!(
            "the self-check found {} problem(s) in {seconds:.1}s",
            found.problems.len()
        );
    }
    println!(
        "self-check: {} exercises, every stub fails and every solution passes ({seconds:.1}s)",
        lesson.exercises.len()
    );
    Ok(())
}

/// Grades the submissions: a table each, then the gradebook files asked
/// for; a path that was not graded is a line and a non-zero exit at the end.
fn grade_submissions(lesson: Lesson, hidden: Option<Hidden>, args: Args) -> anyhow::Result<()> {
    let options = grade::Options {
        checker: checker()?,
        timeout: Duration::from_secs_f64(args.timeout),
        hidden,
        jobs: args.jobs.unwrap_or_else(cores),
    };
    let started = Instant::now();
    let class = grade::grade(&lesson, &args.submissions, &options)?;
    let grades = &class.grades;
    for graded in grades {
        println!("{}", grade::render_table(&lesson, graded));
    }
    println!(
        "graded {} submission(s) in {:.1}s with {} job(s)",
        grades.len(),
        started.elapsed().as_secs_f64(),
        options.jobs
    );
    if let Some(path) = &args.csv {
        grade::write_csv(path, &lesson, grades)?;
        println!("gradebook: {}", path.display());
    }
    if let Some(dir) = &args.results_json {
        grade::write_results_json(dir, grades)?;
        println!("results.json files: {}", dir.display());
    }
    if let Some(dir) = &args.feedback {
        grade::write_feedback(dir, &lesson, grades)?;
        println!("feedback: {}", dir.display());
    }
    for problem in &class.problems {
        eprintln!("warning: {problem}");
    }
    let ungraded = class
        .problems
        .iter()
        .filter(|p| p.ends_with("not graded"))
        .count();
    if ungraded > 0 {
        anyhow::bail!("{ungraded} path(s) could not be graded (see above)");
    }
    Ok(())
}

/// `--gradescope-bundle FILE.zip`.
fn write_bundle(zip: &std::path::Path, lesson: &Lesson, args: &Args) -> anyhow::Result<()> {
    let toolchain = course::Compiler::std_only().release()?;
    let workspace = workspace()?;
    let bundle = course::gradescope::Bundle {
        workspace: workspace.root(),
        lesson,
        number: args.lesson,
        hidden: args.hidden.as_deref(),
        timeout: args.timeout,
        toolchain: &toolchain,
    };
    let files = course::gradescope::write_bundle(zip, &bundle)?;
    println!(
        "Gradescope autograder: {} ({files} files, Rust {toolchain}); upload it as the \
         assignment's autograder (see docs/gradescope.md)",
        zip.display()
    );
    Ok(())
}
