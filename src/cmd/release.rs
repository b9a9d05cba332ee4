//! `lab release`: the student edition of a lesson, written by the `edition`
//! crate's pipeline: the files git tracks, without what stays with the
//! instructor, notebooks stripped, proved free of solution code, committed.

use crate::venv::workspace;
use anyhow::{Context, bail};
use course::Lesson;
use std::path::{Path, PathBuf};

/// Arguments of `lab release`.
#[derive(clap::Args)]
pub struct Args {
    /// The lesson number.
    lesson: u32,
    /// The folder to write the edition into: new, or empty.
    dir: PathBuf,
}

/// Runs `lab release`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let workspace = workspace()?;
    let lesson = Lesson::find(&workspace.lessons(), args.lesson)?;
    lesson.require_solutions("`lab release`")?;
    let out = &args.dir;
    let occupied = std::fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_some());
    if occupied || out.is_file() {
        bail!(
            "{} exists and is not empty: give a new folder",
            out.display()
        );
    }
    let root = workspace.root().to_path_buf();
    let tracked = edition::tracked_files(&root)?;
    let files = edition::student_files(&root, &tracked, args.lesson);
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let bytes = edition::write(&root, &files, out)?;
    let solutions = edition::solution_bodies(&lesson.dir)?;
    let leaks = edition::leaks(out, &files, &solutions)?;
    for leak in &leaks {
        eprintln!(
            "release: {} holds the body of `{}` from {}",
            leak.found_in.display(),
            leak.function,
            shown(&root, &leak.solution).display(),
        );
    }
    if !leaks.is_empty() {
        bail!(
            "{} solution bodies in the edition; {} is left uncommitted",
            leaks.len(),
            out.display()
        );
    }
    let message = format!("Lesson {}: {}, student edition", args.lesson, lesson.title);
    edition::commit(out, &message)?;
    println!(
        "wrote the student edition of lesson {} to {}: {} files, {:.1} MB, one commit \
         ({} files of the checkout left out: solutions, wrong and alternative solutions, \
         mutation report, hidden checks, the instructor's tests); no solution's code in it \
         ({} function bodies looked for)",
        args.lesson,
        out.display(),
        files.len(),
        bytes as f64 / 1e6,
        tracked.len() - files.len(),
        solutions.len()
    );
    Ok(())
}

fn shown<'a>(root: &Path, path: &'a Path) -> &'a Path {
    path.strip_prefix(root).unwrap_or(path)
}
