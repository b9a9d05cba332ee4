//! `lab` finds the checkout it runs in when it runs, not when it was built:
//! a copy of the checkout elsewhere is read as itself, and outside any
//! checkout `lab` says so in one line.

mod common;

use common::{copy_dir, lab_command, stdout, workspace};

#[test]
fn a_checkout_elsewhere_is_read_as_itself() {
    let moved = tempfile::tempdir().unwrap();
    let root = moved.path().join("course");
    std::fs::create_dir_all(&root).unwrap();
    // A checkout's manifest and lockfile (which pins the crates exercises
    // may use, so they build without the network).
    for file in ["Cargo.toml", "Cargo.lock"] {
        std::fs::copy(workspace().root().join(file), root.join(file)).unwrap();
    }
    copy_dir(&workspace().lesson(3), &root.join("lessons/lesson-3"));
    // The copy's lesson gets a title of its own, to tell the two apart.
    let manifest = root.join("lessons/lesson-3/lesson.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let text = text.replacen("title = \"", "title = \"Moved: ", 1);
    std::fs::write(&manifest, text).unwrap();
    // From a folder inside the copy, as cargo finds its workspace.
    let inside = root.join("lessons");
    let output = lab_command("lesson", &["3", "--list"])
        .current_dir(&inside)
        .env("CARGO_TARGET_DIR", moved.path().join("target"))
        .env_remove("LAB_LESSONS")
        .env_remove("LAB_ROOT")
        .output()
        .unwrap();
    let stdout = stdout(&output);
    assert!(stdout.contains("Lesson 3: Moved: "), "{stdout}");
}

#[test]
fn lab_root_must_be_a_checkout() {
    let elsewhere = tempfile::tempdir().unwrap();
    let output = lab_command("lesson", &["3", "--list"])
        .env("LAB_ROOT", elsewhere.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("is not a course checkout"), "{stderr}");
}
