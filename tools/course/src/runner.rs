//! The student's runner (`cargo lab lesson 3`): the lesson's progress, the
//! current exercise with its failing check, hints, the list of exercises, and
//! watch mode, which re-checks an exercise when its file is saved and moves on
//! to the next one when it passes. What it shows is plain text; the command
//! line adds its commands and terminal control around it ([`Screen`]).

use crate::progress::fingerprint;
use crate::{CheckModule, Checker, Error, Lesson, Outcome, Progress, Report, parallel};
use std::hash::{Hash, Hasher};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// How long one check may run in the runner.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// Lines of rustc's output shown for a compile error.
const COMPILE_LINES: usize = 40;

/// The state of a lesson: one report per exercise, in the manifest's order.
#[derive(Debug)]
pub struct Status<'a> {
    /// The lesson.
    pub lesson: &'a Lesson,
    /// The lesson's number, shown in the title.
    pub number: u32,
    /// One report per exercise.
    pub reports: Vec<Report>,
}

/// Checks every exercise of `lesson` whose files changed since the report in
/// `progress`, compiling in `build_dir` on `jobs` threads, and records the new
/// reports in `progress`.
///
/// # Errors
/// When rustc cannot run or `build_dir` cannot be written.
pub fn check_all<'a>(
    checker: &Checker,
    lesson: &'a Lesson,
    number: u32,
    build_dir: &Path,
    progress: &mut Progress,
    jobs: usize,
) -> Result<Status<'a>, Error> {
    let prints: Vec<String> = lesson.names().iter().map(|n| print_of(lesson, n)).collect();
    let stale: Vec<usize> = (0..lesson.exercises.len())
        .filter(|&i| {
            progress
                .cached(&lesson.exercises[i].name, &prints[i])
                .is_none()
        })
        .collect();
    let fresh = parallel(&stale, jobs, |&i| {
        check_student(checker, lesson, &lesson.exercises[i].name, build_dir)
    });
    for (i, report) in stale.into_iter().zip(fresh) {
        progress.record(prints[i].clone(), report?);
    }
    let reports = lesson
        .exercises
        .iter()
        .zip(&prints)
        .map(|(e, print)| progress.cached(&e.name, print).cloned())
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default();
    Ok(Status {
        lesson,
        number,
        reports,
    })
}

/// Where the runner compiles the exercises of `lesson`: a folder under
/// `target` named after the lesson folder (and a hash of its path, so two
/// copies of a lesson never share binaries).
pub fn build_dir(target: &Path, lesson: &Lesson) -> PathBuf {
    let dir = std::path::absolute(&lesson.dir).unwrap_or_else(|_| lesson.dir.clone());
    let name = dir
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let mut hasher = std::hash::DefaultHasher::new();
    dir.hash(&mut hasher);
    target
        .join("lessons")
        .join(format!("{name}-{:016x}", hasher.finish()))
}

fn print_of(lesson: &Lesson, name: &str) -> String {
    fingerprint(&[&lesson.exercise_file(name), &lesson.check_file(name)])
}

fn check_student(
    checker: &Checker,
    lesson: &Lesson,
    name: &str,
    build_dir: &Path,
) -> Result<Report, Error> {
    let checks = [CheckModule {
        module: "checks",
        path: lesson.check_file(name),
    }];
    let mut report = checker.check(
        name,
        &lesson.exercise_file(name),
        &checks,
        &build_dir.join(name),
        TIMEOUT,
    )?;
    if let Ok(cwd) = std::env::current_dir() {
        report.strip_prefix(&cwd);
    }
    Ok(report)
}

impl Status<'_> {
    /// The number of exercises whose checks all pass.
    pub fn done(&self) -> usize {
        self.reports.iter().filter(|r| r.passed()).count()
    }

    /// The points earned so far (partial credit per passing check).
    pub fn points(&self) -> f64 {
        self.lesson
            .exercises
            .iter()
            .zip(&self.reports)
            .map(|(e, r)| r.score(e.points))
            .sum()
    }

    /// The index of the first exercise that does not pass yet.
    pub fn current(&self) -> Option<usize> {
        self.reports.iter().position(|r| !r.passed())
    }

    /// The progress line with a bar: `[###------] 3/9 exercises done, 12/39 points`.
    pub fn progress_line(&self) -> String {
        let total = self.reports.len();
        let width = 30;
        let filled = (self.done() * width).checked_div(total).unwrap_or(0);
        format!(
            "[{}{}] {}/{} exercises done, {}/{} points",
            "#".repeat(filled),
            "-".repeat(width - filled),
            self.done(),
            total,
            points(self.points()),
            self.lesson.max_points()
        )
    }

    /// The full status: progress, then the current exercise and what fails in it.
    pub fn render(&self) -> String {
        let mut text = format!(
            "Lesson {}: {}\n{}\n\n",
            self.number,
            self.lesson.title,
            self.progress_line()
        );
        let Some(index) = self.current() else {
            text += "Every exercise passes its checks. Well done!\n";
            return text;
        };
        let exercise = &self.lesson.exercises[index];
        let report = &self.reports[index];
        text += &format!(
            "Current exercise: {} (slide \"{}\", {} points)\n  file: {}\n",
            exercise.name,
            exercise.slide,
            exercise.points,
            shown(&self.lesson.exercise_file(&exercise.name)).display()
        );
        match &report.outcome {
            Outcome::Missing => text += "  the file is missing (restore it from git)\n",
            Outcome::Broken { message } => text += &format!("  {message}\n"),
            Outcome::CompileError { message } => {
                text += "  it does not compile yet; rustc says:\n\n";
                let lines: Vec<&str> = message.lines().collect();
                for line in lines.iter().take(COMPILE_LINES) {
                    text += &format!("    {line}\n");
                }
                if lines.len() > COMPILE_LINES {
                    text += &format!("    … {} more lines\n", lines.len() - COMPILE_LINES);
                }
            }
            Outcome::Ran { checks } => {
                let (passed, total) = report.counts();
                text += &format!("  {passed}/{total} checks pass; failing:\n");
                for check in checks.iter().filter(|c| !c.passed) {
                    let why = check.message.as_deref().unwrap_or("failed");
                    text += &format!("    ✗ {}: {why}\n", check.name);
                }
            }
        }
        text
    }

    /// Every exercise with its status, slide and points.
    pub fn render_list(&self) -> String {
        let mut text = format!(
            "Lesson {}: {}\n{}\n\n",
            self.number,
            self.lesson.title,
            self.progress_line()
        );
        let current = self.current();
        for (i, (exercise, report)) in self.lesson.exercises.iter().zip(&self.reports).enumerate() {
            let (passed, total) = report.counts();
            let mark = if report.passed() {
                "✓"
            } else if Some(i) == current {
                "→"
            } else {
                " "
            };
            let state = match &report.outcome {
                Outcome::Missing => "missing".to_string(),
                Outcome::CompileError { .. } => "does not compile".to_string(),
                Outcome::Broken { .. } => "broken".to_string(),
                Outcome::Ran { .. } => format!("{passed}/{total} checks"),
            };
            text += &format!(
                "{mark} {:<22} {:>16}  {:>5}/{:<2} pts  {}\n",
                exercise.name,
                state,
                points(report.score(exercise.points)),
                exercise.points,
                exercise.slide
            );
        }
        text
    }

    /// The hint of the exercise `name`, or of the current exercise.
    ///
    /// # Errors
    /// [`Error::UnknownExercise`] for a name the lesson does not have.
    pub fn render_hint(&self, name: Option<&str>) -> Result<String, Error> {
        let exercise = match name {
            Some(name) => self.lesson.exercise(name)?,
            None => match self.current() {
                Some(i) => &self.lesson.exercises[i],
                None => return Ok("Every exercise passes: no hint needed.\n".to_string()),
            },
        };
        Ok(format!(
            "Hint for {} (slide \"{}\"):\n{}\n",
            exercise.name,
            exercise.slide,
            exercise.hint.trim_end()
        ))
    }
}

/// Points with at most two decimals and no trailing zeros.
///
/// ```
/// assert_eq!(course::runner::points(2.4), "2.4");
/// assert_eq!(course::runner::points(39.0), "39");
/// assert_eq!(course::runner::points(1.0 / 3.0), "0.33");
/// ```
pub fn points(value: f64) -> String {
    compgraph::decimals(value, 2)
}

/// `path` relative to the current folder when it lies inside it.
fn shown(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// Where watch mode shows what it has to say; the command line decides how
/// (it clears the terminal before a status and adds its commands).
pub trait Screen {
    /// Shows the lesson's status, with `banner` (e.g. "✓ 05_chain_rule passes…") above it.
    fn status(&mut self, status: &Status, banner: &str);
    /// Shows a message below what is on the screen (a hint, the list, "checking…").
    fn message(&mut self, text: &str);
}

enum Event {
    Saved(Vec<PathBuf>),
    Line(String),
    WatchFailed(notify::Error),
    InputClosed,
}

/// The lesson being watched.
struct Watched<'a> {
    checker: &'a Checker,
    lesson: &'a Lesson,
    number: u32,
    build_dir: &'a Path,
    jobs: usize,
}

impl Watched<'_> {
    fn check(&self, progress: &mut Progress) -> Result<Status<'_>, Error> {
        let status = check_all(
            self.checker,
            self.lesson,
            self.number,
            self.build_dir,
            progress,
            self.jobs,
        )?;
        progress.save(self.lesson)?;
        Ok(status)
    }

    /// The name of the current exercise.
    fn current(&self, status: &Status) -> Option<String> {
        status
            .current()
            .map(|i| self.lesson.exercises[i].name.clone())
    }
}

/// Watch mode: shows the status, then re-checks an exercise whenever its file
/// is saved (and so moves on when the current one passes), answering `h`
/// (hint), `l` (list) and `q` (quit) typed on `input`. Returns on `q` or
/// when `input` ends.
///
/// # Errors
/// When the exercises folder cannot be watched, or checking fails (rustc missing).
pub fn watch(
    checker: &Checker,
    lesson: &Lesson,
    number: u32,
    build_dir: &Path,
    progress: &mut Progress,
    input: impl BufRead + Send + 'static,
    screen: &mut dyn Screen,
) -> Result<(), Error> {
    let folder = lesson.dir.join("exercises");
    let watch_error = |source| Error::Watch {
        path: folder.clone(),
        source,
    };
    let (events, _watcher) = watch_events(&folder, input).map_err(watch_error)?;
    let watched = Watched {
        checker,
        lesson,
        number,
        build_dir,
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let status = watched.check(progress)?;
    screen.status(&status, "");
    let mut current = watched.current(&status);
    let mut pending = std::collections::VecDeque::new();
    while let Some(event) = pending.pop_front().or_else(|| events.recv().ok()) {
        match event {
            Event::Saved(paths) => {
                let paths = one_save(paths, &events, &mut pending);
                if paths
                    .iter()
                    .any(|p| p.extension().is_some_and(|e| e == "rs"))
                {
                    screen.message("checking…");
                    current = saved(&watched, progress, current, screen)?;
                }
            }
            Event::Line(line) => {
                let status = watched.check(progress)?;
                match line.trim() {
                    "q" | "quit" => break,
                    "h" | "hint" => screen.message(&status.render_hint(None)?),
                    "l" | "list" => screen.message(&status.render_list()),
                    _ => screen.status(&status, ""),
                }
            }
            Event::WatchFailed(source) => return Err(watch_error(source)),
            Event::InputClosed => break,
        }
    }
    Ok(())
}

/// Re-checks after a save and shows the status, with a banner when the
/// exercise that was current now passes; returns the new current exercise.
fn saved(
    watched: &Watched,
    progress: &mut Progress,
    current: Option<String>,
    screen: &mut dyn Screen,
) -> Result<Option<String>, Error> {
    let status = watched.check(progress)?;
    let now = watched.current(&status);
    let banner = match &current {
        Some(done) if now.as_ref() != Some(done) && watched.lesson.exercise(done).is_ok() => {
            format!("✓ {done} passes all its checks: moving on.\n\n")
        }
        _ => String::new(),
    };
    screen.status(&status, &banner);
    Ok(now)
}

/// Editors save in several steps: gathers the events of one save (those
/// coming within 200 ms), keeping the other events for later.
fn one_save(
    mut paths: Vec<PathBuf>,
    events: &mpsc::Receiver<Event>,
    pending: &mut std::collections::VecDeque<Event>,
) -> Vec<PathBuf> {
    while let Ok(next) = events.recv_timeout(Duration::from_millis(200)) {
        match next {
            Event::Saved(more) => paths.extend(more),
            other => pending.push_back(other),
        }
    }
    paths
}

/// The events of watch mode: saved files in `folder` and lines typed on
/// `input`. The watcher must be kept alive while the events are read.
fn watch_events(
    folder: &Path,
    input: impl BufRead + Send + 'static,
) -> notify::Result<(mpsc::Receiver<Event>, notify::RecommendedWatcher)> {
    use notify::{EventKind, RecursiveMode, Watcher};
    let (sender, events) = mpsc::channel();
    let files = sender.clone();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let _ = files.send(match event {
            Ok(e) if matches!(e.kind, EventKind::Create(_) | EventKind::Modify(_)) => {
                Event::Saved(e.paths)
            }
            Ok(_) => return,
            Err(e) => Event::WatchFailed(e),
        });
    })?;
    watcher.watch(folder, RecursiveMode::NonRecursive)?;
    std::thread::spawn(move || {
        for line in input.lines() {
            let Ok(line) = line else { break };
            if sender.send(Event::Line(line)).is_err() {
                return;
            }
        }
        let _ = sender.send(Event::InputClosed);
    });
    Ok((events, watcher))
}
