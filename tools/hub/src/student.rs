//! A student's folder on the hub: their own copy of the notebooks and of the
//! lesson's exercises, made when their server first starts.

use anyhow::{Context, Result};
use std::path::Path;
use walkdir::WalkDir;
use workspace::Workspace;

/// The lesson the students work on.
pub const LESSON: u32 = 3;

/// What a student gets from the lesson's folder: the exercises, their
/// checks and the lesson's order, points and hints (never the solutions,
/// the graders' tests or the mutants' settings).
const LESSON_PARTS: &[&str] = &["exercises", "checks", "lesson.toml"];

/// Fills `folder`, a student's home, on their server's first start; a
/// folder already filled is left as it is, so a student's work survives
/// every restart. The notebooks' `:dep` path, `../crates/lecture`, reaches
/// the checkout's crates through a link `crates` (evcxr resolves it to the
/// same path the shared build was compiled from, so nothing compiles again).
///
/// # Errors
/// When the checkout's files cannot be read or `folder` cannot be written.
pub fn prepare(workspace: &Workspace, folder: &Path) -> Result<()> {
    if folder.join("notebooks").is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(folder)
        .with_context(|| format!("cannot create {}", folder.display()))?;
    student_edition(workspace, folder)?;
    let crates = folder.join("crates");
    if !crates.exists() {
        std::os::unix::fs::symlink(workspace.root().join("crates"), &crates)
            .with_context(|| format!("cannot link {}", crates.display()))?;
    }
    Ok(())
}

/// The student edition of the course, written into `folder`: `notebooks/`
/// and `lesson-3/` with [`LESSON_PARTS`]. The notebooks are written last, so
/// a folder interrupted half-way is filled again on the next start.
fn student_edition(workspace: &Workspace, folder: &Path) -> Result<()> {
    let lesson = workspace.lesson(LESSON);
    for part in LESSON_PARTS {
        copy(
            &lesson.join(part),
            &folder.join(format!("lesson-{LESSON}")).join(part),
        )?;
    }
    copy(&workspace.notebooks(), &folder.join("notebooks"))
}

/// Copies a file, or a folder with everything in it.
fn copy(from: &Path, to: &Path) -> Result<()> {
    for entry in WalkDir::new(from) {
        let entry = entry.with_context(|| format!("cannot read {}", from.display()))?;
        let relative = entry.path().strip_prefix(from)?;
        // `from` itself: a file's relative path is empty.
        let target = if relative.as_os_str().is_empty() {
            to.to_path_buf()
        } else {
            to.join(relative)
        };
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)
        } else {
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::copy(entry.path(), &target).map(|_| ())
        }
        .with_context(|| format!("cannot write {}", target.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_student_gets_the_notebooks_and_exercises_but_no_solutions() {
        let workspace = Workspace::find().unwrap();
        let home = tempfile::tempdir().unwrap();
        let folder = home.path().join("ada");
        prepare(&workspace, &folder).unwrap();
        for notebook in workspace.all_notebooks().unwrap() {
            assert!(
                folder
                    .join("notebooks")
                    .join(notebook.file_name().unwrap())
                    .is_file()
            );
        }
        let lesson = folder.join("lesson-3");
        assert!(lesson.join("exercises").join("05_chain_rule.rs").is_file());
        assert!(lesson.join("checks").join("05_chain_rule.rs").is_file());
        assert!(lesson.join("lesson.toml").is_file());
        for withheld in ["solutions", "tests", "mutants.toml"] {
            assert!(
                !lesson.join(withheld).exists(),
                "{withheld} given to a student"
            );
        }
        assert!(
            folder
                .join("crates")
                .join("lecture")
                .join("Cargo.toml")
                .is_file()
        );
    }

    #[test]
    fn a_student_keeps_their_work_when_the_server_starts_again() {
        let workspace = Workspace::find().unwrap();
        let home = tempfile::tempdir().unwrap();
        prepare(&workspace, home.path()).unwrap();
        let exercise = home
            .path()
            .join("lesson-3")
            .join("exercises")
            .join("05_chain_rule.rs");
        std::fs::write(&exercise, "// my answer\n").unwrap();
        prepare(&workspace, home.path()).unwrap();
        assert_eq!(
            std::fs::read_to_string(&exercise).unwrap(),
            "// my answer\n"
        );
    }
}
