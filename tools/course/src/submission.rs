//! The submissions of a class, as the instructor names them on the command
//! line: folders, `.zip` and `.tar.gz` archives, and folders of archives (as
//! a course platform exports them). A path that does not exist is one
//! line for the instructor, not the end of the class's grading.

use crate::archive::{self, Kind};
use crate::intake::{self, Intake};
use crate::{Error, Lesson};
use std::path::{Path, PathBuf};

/// One student's submission.
#[derive(Debug, Clone)]
pub struct Submission {
    /// A short unique name: the folder's or the archive's name.
    pub name: String,
    /// The folder or archive.
    pub path: PathBuf,
}

/// The submissions the `paths` name (a folder holding only archives stands
/// for one submission per archive), and one line per path that is none.
pub fn expand(paths: &[PathBuf]) -> (Vec<Submission>, Vec<String>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_dir() {
            match archives_in(path) {
                Some(archives) => found.extend(archives),
                None => found.push(path.clone()),
            }
        } else if path.is_file() && Kind::of(path).is_some() {
            found.push(path.clone());
        } else if path.exists() {
            problems.push(format!(
                "{}: neither a folder nor a .zip or .tar.gz archive; not graded",
                path.display()
            ));
        } else {
            problems.push(format!(
                "{}: no such file or folder; not graded",
                path.display()
            ));
        }
    }
    let (names, repeated) = unique_names(&found);
    problems.extend(repeated);
    let submissions = found
        .into_iter()
        .zip(names)
        .map(|(path, name)| Submission { name, path })
        .collect();
    (submissions, problems)
}

/// The archives in `dir`, in name order, when it holds archives and no
/// Rust file nor folder (a platform's export); `None` for a submission folder.
fn archives_in(dir: &Path) -> Option<Vec<PathBuf>> {
    let mut archives = Vec::new();
    for entry in std::fs::read_dir(dir).ok()?.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        match entry.file_type() {
            Ok(kind) if kind.is_file() && Kind::of(&path).is_some() => archives.push(path),
            Ok(kind) if kind.is_file() && !name.ends_with(".rs") => {}
            _ => return None,
        }
    }
    archives.sort();
    (!archives.is_empty()).then_some(archives)
}

/// The submissions' names (a folder's name, an archive's without its
/// extension), made unique with `-2`, `-3`… where they repeat, and one line
/// per repeated name.
fn unique_names(paths: &[PathBuf]) -> (Vec<String>, Vec<String>) {
    let mut names: Vec<String> = Vec::new();
    let mut lines = Vec::new();
    for path in paths {
        let base = match Kind::of(path) {
            Some(_) if path.is_file() => Kind::stem(path),
            _ => std::path::absolute(path)
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_else(|| "submission".to_string()),
        };
        let mut name = base.clone();
        let mut n = 2;
        while names.contains(&name) {
            name = format!("{base}-{n}");
            n += 1;
        }
        if name != base {
            lines.push(format!(
                "two submissions are named {base}: {} is graded as {name}",
                path.display()
            ));
        }
        names.push(name);
    }
    (names, lines)
}

/// A submission taken in: the exercise files copied into the scratch
/// folder, and what the student should know about how it was taken.
#[derive(Debug, Clone)]
pub struct Taken {
    /// One intake per exercise (a `Found` path is the copy in the scratch folder).
    pub intakes: Vec<Intake>,
    /// Lines for the student: refused archive entries, links not followed,
    /// files found under another name or place.
    pub notes: Vec<String>,
}

/// Takes `submission` in: unpacks it into `scratch/unpacked` when it is an
/// archive, finds its exercise files and copies them into `scratch/exercises`.
///
/// # Errors
/// [`Error::Write`] when the scratch folder cannot be written.
pub fn take_in(lesson: &Lesson, submission: &Submission, scratch: &Path) -> Result<Taken, Error> {
    let mut notes = Vec::new();
    let folder = if Kind::of(&submission.path).is_some() && submission.path.is_file() {
        let unpacked = scratch.join("unpacked");
        std::fs::create_dir_all(&unpacked).map_err(|source| Error::Write {
            path: unpacked.clone(),
            source,
        })?;
        match archive::unpack(&submission.path, &unpacked) {
            Ok(refusals) => notes.extend(refusals),
            Err(why) => notes.push(why),
        }
        unpacked
    } else {
        submission.path.clone()
    };
    let (found, links) = intake::find(lesson, &folder);
    notes.extend(links);
    let mut intakes = Vec::new();
    for (exercise, intake) in lesson.exercises.iter().zip(found) {
        let Intake::Found { path, shown } = intake else {
            intakes.push(intake);
            continue;
        };
        let file = format!("{}.rs", exercise.name);
        let copy = scratch.join("exercises").join(&file);
        match intake::copy_regular(&path, &copy)? {
            Ok(()) => {
                if shown != file && shown != format!("exercises/{file}") {
                    notes.push(format!("{}: read from {shown}", exercise.name));
                }
                intakes.push(Intake::Found { path: copy, shown });
            }
            Err(why) => intakes.push(Intake::Refused(why)),
        }
    }
    if intakes.iter().all(|i| *i == Intake::Missing) {
        let names: Vec<String> = lesson.names().iter().map(|n| format!("{n}.rs")).collect();
        notes.push(format!(
            "no exercise file found: expected {} {}",
            names.join(", "),
            intake::places_text(lesson)
        ));
    }
    Ok(Taken { intakes, notes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_names_are_made_unique_and_reported() {
        let paths = [
            PathBuf::from("a/alice"),
            PathBuf::from("b/alice"),
            PathBuf::from("bob"),
        ];
        let (names, lines) = unique_names(&paths);
        assert_eq!(names, ["alice", "alice-2", "bob"]);
        assert_eq!(
            lines,
            ["two submissions are named alice: b/alice is graded as alice-2"]
        );
    }

    #[test]
    fn a_missing_path_is_a_line_and_the_others_stay() {
        let dir = tempfile::tempdir().unwrap();
        let (there, gone) = (dir.path().join("there"), dir.path().join("gone"));
        std::fs::create_dir(&there).unwrap();
        let (submissions, problems) = expand(&[there.clone(), gone]);
        assert_eq!(submissions.len(), 1);
        assert_eq!(submissions[0].path, there);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].contains("no such file or folder"),
            "{problems:?}"
        );
    }
}
