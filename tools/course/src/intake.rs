//! Taking in a submission as a student hands it in, trusting nothing.
//!
//! An exercise's file is looked for at the top of the submission, in
//! `exercises/` and in `lessons/lesson-N/exercises/` (the repository's
//! layout), each also under one top folder (as a "Download ZIP" makes it),
//! under its own name or one a browser or a course platform gives it:
//! `05_chain_rule (1).rs`, `05-chain-rule.rs`, `name_12345_05_chain_rule.rs`.
//!
//! Only regular files that lie inside the submission are read. A symbolic
//! link (to a classmate's file, to the reference solution, anywhere), a
//! folder reached through one, a FIFO or a device is refused with a message
//! for its exercise, and nothing of its target is read: the folders are
//! walked without following links, and the file is opened with
//! `O_NOFOLLOW` and checked to be a regular file once open.

use crate::{Error, Lesson};
use std::fs::FileType;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest exercise file read, in bytes.
pub const FILE_LIMIT: u64 = 1 << 20;

/// Where one exercise's file was found, or why none is taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intake {
    /// One regular file: its path, and how it is named in the submission.
    Found {
        /// The file.
        path: PathBuf,
        /// Its path inside the submission, e.g. `exercises/05_chain_rule (1).rs`.
        shown: String,
    },
    /// No candidate at all.
    Missing,
    /// A candidate that is not taken (a link, a FIFO, two candidates): why.
    Refused(String),
}

/// A file that could be an exercise's, as the folder listing shows it.
struct Candidate {
    exercise: usize,
    path: PathBuf,
    shown: String,
    kind: FileType,
}

/// The folders (relative to a root) where exercise files are looked for.
fn places(lesson: &Lesson) -> Vec<PathBuf> {
    let lesson_dir = lesson.dir.file_name().unwrap_or_default();
    vec![
        PathBuf::new(),
        PathBuf::from("exercises"),
        Path::new("lessons").join(lesson_dir).join("exercises"),
    ]
}

/// Where the files are looked for, for the message when none is found.
pub fn places_text(lesson: &Lesson) -> String {
    let lesson_dir = lesson.dir.file_name().unwrap_or_default().to_string_lossy();
    format!(
        "at the top of the submission, in exercises/ or in lessons/{lesson_dir}/exercises/ \
         (each also under one top folder)"
    )
}

/// Looks for every exercise's file in `submission`: one [`Intake`] per
/// exercise in the manifest's order, and one line per place that is a
/// link (never followed).
pub fn find(lesson: &Lesson, submission: &Path) -> (Vec<Intake>, Vec<String>) {
    let mut candidates = Vec::new();
    let mut links = Vec::new();
    for root in roots(lesson, submission) {
        for place in places(lesson) {
            let shown_dir = relative(submission, &root.join(&place));
            match walk(&root, &place) {
                Walked::Folder(dir) => list(lesson, &dir, &shown_dir, &mut candidates),
                Walked::Link(at) => {
                    let at = relative(submission, &at);
                    let line = format!(
                        "{at}/ is a link, which is not followed; hand in the folder itself"
                    );
                    if !links.contains(&line) {
                        links.push(line);
                    }
                }
                Walked::Absent => {}
            }
        }
    }
    let intakes = (0..lesson.exercises.len())
        .map(|e| {
            decide(
                &lesson.exercises[e].name,
                candidates.iter().filter(|c| c.exercise == e),
            )
        })
        .collect();
    (intakes, links)
}

/// The submission and each of its top folders (but the places themselves
/// and hidden or system folders), never through a link.
fn roots(lesson: &Lesson, submission: &Path) -> Vec<PathBuf> {
    let mut roots = vec![submission.to_path_buf()];
    let first: Vec<String> = places(lesson)
        .iter()
        .filter_map(|p| p.components().next())
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let Ok(entries) = std::fs::read_dir(submission) else {
        return roots;
    };
    let mut folders: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            !name.starts_with('.') && name != "__MACOSX" && !first.contains(&name)
        })
        .map(|e| e.path())
        .collect();
    folders.sort();
    roots.extend(folders);
    roots
}

enum Walked {
    Folder(PathBuf),
    Link(PathBuf),
    Absent,
}

/// `root/place`, walked one component at a time without following links.
fn walk(root: &Path, place: &Path) -> Walked {
    let mut at = root.to_path_buf();
    for component in place.components() {
        at.push(component);
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => return Walked::Link(at),
            Ok(meta) if meta.is_dir() => {}
            _ => return Walked::Absent,
        }
    }
    Walked::Folder(at)
}

/// The candidates among the entries of the folder `dir` (never following a link).
fn list(lesson: &Lesson, dir: &Path, shown_dir: &str, candidates: &mut Vec<Candidate>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            continue;
        }
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(exercise) = lesson
            .exercises
            .iter()
            .position(|e| matches_name(&file_name, &e.name))
        else {
            continue;
        };
        let path = entry.path();
        if candidates.iter().any(|c| c.path == path) {
            continue;
        }
        let shown = if shown_dir.is_empty() {
            file_name
        } else {
            format!("{shown_dir}/{file_name}")
        };
        candidates.push(Candidate {
            exercise,
            path,
            shown,
            kind,
        });
    }
}

/// Whether `file_name` is exercise `name`'s file under a name a student,
/// a browser or a course platform may give it: `NAME.rs`, `NAME (1).rs`,
/// `NAME-WITH-DASHES.rs`, `student_12345_NAME.rs`.
///
/// ```
/// use course::intake::matches_name;
/// for name in ["05_chain_rule.rs", "05_chain_rule (1).rs", "05-chain-rule.rs",
///              "name_12345_05_chain_rule.rs", "05 Chain Rule.RS", "05_chain_rule(2).rs"] {
///     assert!(matches_name(name, "05_chain_rule"), "{name}");
/// }
/// for name in ["105_chain_rule.rs", "05_chain_rule.rs.txt", "05_chain_rules.rs", "15_chain_rule.rs"] {
///     assert!(!matches_name(name, "05_chain_rule"), "{name}");
/// }
/// ```
pub fn matches_name(file_name: &str, name: &str) -> bool {
    let lower = file_name.to_lowercase();
    let Some(stem) = lower.strip_suffix(".rs") else {
        return false;
    };
    let stem = stem.trim_end();
    let stem = match stem.strip_suffix(')').and_then(|s| s.rsplit_once('(')) {
        Some((before, copy)) if !copy.is_empty() && copy.chars().all(|c| c.is_ascii_digit()) => {
            before.trim_end()
        }
        _ => stem,
    };
    let stem: String = stem
        .chars()
        .map(|c| if c == '-' || c == ' ' { '_' } else { c })
        .collect();
    stem == name || stem.ends_with(&format!("_{name}"))
}

/// What to take for exercise `name` from its candidates.
fn decide<'a>(name: &str, candidates: impl Iterator<Item = &'a Candidate>) -> Intake {
    let candidates: Vec<&Candidate> = candidates.collect();
    match candidates.as_slice() {
        [] => Intake::Missing,
        [one] if one.kind.is_symlink() => {
            Intake::Refused(format!("{} is a link; hand in the file itself", one.shown))
        }
        [one] if !one.kind.is_file() => Intake::Refused(format!(
            "{} is not a regular file (a FIFO or a device?); hand in the file itself",
            one.shown
        )),
        [one] => Intake::Found {
            path: one.path.clone(),
            shown: one.shown.clone(),
        },
        several => {
            let names: Vec<&str> = several.iter().map(|c| c.shown.as_str()).collect();
            Intake::Refused(format!(
                "{} files could be {name}.rs ({}); hand in one",
                several.len(),
                names.join(", ")
            ))
        }
    }
}

/// `path` inside `root`, with `/` separators; empty for `root` itself.
fn relative(root: &Path, path: &Path) -> String {
    let inside = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Copies the regular file `source` to `target` without following a link
/// and without blocking on a FIFO: `Ok(Err(why))` when it is not taken (it
/// became a link or something else meanwhile, or it is too large).
///
/// # Errors
/// [`Error::Write`] when `target` cannot be written.
pub fn copy_regular(source: &Path, target: &Path) -> Result<Result<(), String>, Error> {
    let name = source.file_name().unwrap_or_default().to_string_lossy();
    let Ok(file) = open_no_follow(source) else {
        return Ok(Err(format!(
            "{name} cannot be read; hand in the file itself"
        )));
    };
    let regular = file.metadata().is_ok_and(|m| m.is_file());
    if !regular {
        return Ok(Err(format!(
            "{name} is not a regular file; hand in the file itself"
        )));
    }
    let mut bytes = Vec::new();
    if file.take(FILE_LIMIT + 1).read_to_end(&mut bytes).is_err() {
        return Ok(Err(format!("{name} cannot be read")));
    }
    if bytes.len() as u64 > FILE_LIMIT {
        return Ok(Err(format!(
            "{name} is larger than {} KiB, too large for an exercise",
            FILE_LIMIT >> 10
        )));
    }
    let written = |source| Error::Write {
        path: target.to_path_buf(),
        source,
    };
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(written)?;
    }
    std::fs::write(target, bytes).map_err(written)?;
    Ok(Ok(()))
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc_flags::NO_FOLLOW | libc_flags::NON_BLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(std::io::Error::other("a link"));
    }
    std::fs::File::open(path)
}

/// The `open` flags used, from the C library where there is one.
#[cfg(unix)]
mod libc_flags {
    #[cfg(target_os = "linux")]
    pub const NO_FOLLOW: i32 = libc::O_NOFOLLOW;
    #[cfg(target_os = "linux")]
    pub const NON_BLOCK: i32 = libc::O_NONBLOCK;
    // macOS and the BSDs.
    #[cfg(not(target_os = "linux"))]
    pub const NO_FOLLOW: i32 = 0x0100;
    #[cfg(not(target_os = "linux"))]
    pub const NON_BLOCK: i32 = 0x0004;
}
