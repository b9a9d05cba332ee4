//! A student's folder on the hub: their own copy of the student edition's
//! notebooks and lesson, made when their server first starts.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use workspace::Workspace;

/// The lesson the students work on.
pub const LESSON: u32 = 3;

/// Fills `folder`, a student's home, on their server's first start; a
/// folder already filled is left as it is, so a student's work survives
/// every restart. The notebooks' `:dep` path, `../crates/lecture`, reaches
/// the checkout's crates through a link `crates` (evcxr resolves it to the
/// same path the shared build was compiled from, so nothing compiles again).
///
/// # Errors
/// When the checkout is not a git checkout, its files cannot be read, or
/// `folder` cannot be written.
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

/// The notebooks and the lesson's folder of the student edition of lesson
/// [`LESSON`], as `lab release` writes it (the `edition` crate: the files
/// git tracks without the solutions, the graders' tests, the hidden checks
/// and the mutants' settings; notebooks without outputs), written into
/// `folder` at the edition's paths, `notebooks/` and `lessons/lesson-3/`.
/// The notebooks are written last, so a folder interrupted half-way is
/// filled again on the next start.
fn student_edition(workspace: &Workspace, folder: &Path) -> Result<()> {
    let root = workspace.root();
    let tracked = edition::tracked_files(root)?;
    let files = edition::student_files(root, &tracked, LESSON);
    let lesson = Path::new("lessons").join(format!("lesson-{LESSON}"));
    let under = |part: &Path| -> Vec<PathBuf> {
        files
            .iter()
            .filter(|file| file.starts_with(part))
            .cloned()
            .collect()
    };
    edition::write(root, &under(&lesson), folder)?;
    edition::write(root, &under(Path::new("notebooks")), folder)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_student_gets_the_student_edition_of_the_notebooks_and_exercises() {
        let workspace = Workspace::find().unwrap();
        let home = tempfile::tempdir().unwrap();
        let folder = home.path().join("ada");
        prepare(&workspace, &folder).unwrap();
        let tracked = edition::tracked_files(workspace.root()).unwrap();
        let edition = edition::student_files(workspace.root(), &tracked, LESSON);
        let lesson = Path::new("lessons").join("lesson-3");
        let mut given = 0;
        let given_parts =
            |file: &&PathBuf| file.starts_with("notebooks") || file.starts_with("lessons");
        for file in tracked.iter().filter(given_parts) {
            let expected = (file.starts_with("notebooks") || file.starts_with(&lesson))
                && edition.contains(file);
            assert_eq!(folder.join(file).is_file(), expected, "{}", file.display());
            given += usize::from(expected);
        }
        assert!(given > 0, "nothing given");
        for withheld in ["solutions", "tests", "mutants.toml"] {
            assert!(
                !folder.join(&lesson).join(withheld).exists(),
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
    fn a_student_gets_the_notebooks_without_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("course");
        let notebooks = root.join("notebooks");
        std::fs::create_dir_all(&notebooks).unwrap();
        std::fs::create_dir_all(root.join("crates")).unwrap();
        let run = r#"{"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {},
            "outputs": [{"output_type": "stream", "text": "42"}], "source": "6 * 7"}],
            "nbformat": 4}"#;
        std::fs::write(notebooks.join("01.ipynb"), run).unwrap();
        let git = |args: &[&str]| {
            let status = std::process::Command::new("git")
                .args(args)
                .current_dir(&root)
                .status()
                .unwrap();
            assert!(status.success());
        };
        git(&["init", "--quiet"]);
        git(&["add", "notebooks"]);
        let workspace = Workspace::new(root.clone());
        let home = dir.path().join("ada");
        prepare(&workspace, &home).unwrap();
        let given = std::fs::read_to_string(home.join("notebooks").join("01.ipynb")).unwrap();
        let cell = &serde_json::from_str::<serde_json::Value>(&given).unwrap()["cells"][0];
        assert_eq!(cell["outputs"], serde_json::json!([]));
        assert!(cell["execution_count"].is_null());
    }

    #[test]
    fn a_student_keeps_their_work_when_the_server_starts_again() {
        let workspace = Workspace::find().unwrap();
        let home = tempfile::tempdir().unwrap();
        prepare(&workspace, home.path()).unwrap();
        let exercise = home
            .path()
            .join("lessons")
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
