//! The self-check catches a broken course: a stub that already passes, a
//! solution that fails, a missing file, an empty hint, a stray file.

use std::path::Path;

const MANIFEST: &str = r#"title = "T"

[[exercise]]
name = "01_add"
notebook = "01-n"
slide = "S"
points = 2
hint = "Add them."

[[exercise]]
name = "02_gone"
notebook = "01-n"
slide = "S"
points = 1
hint = "  "
"#;

const STUB: &str = "/// a + b\npub fn add(a: i32, b: i32) -> i32 {\n    // TODO\n    todo!()\n}\n";
const CHECKS: &str = "use crate::exercise::*;\n\
    #[test]\nfn two_and_two() { assert_eq!(add(2, 2), 4, \"expected 4\"); }\n\
    #[test]\nfn always() { assert!(true); }\n";

fn write(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_sound_lesson_has_no_problems() {
    let lessons = tempfile::tempdir().unwrap();
    let dir = lessons.path().join("lesson-1");
    write(
        &dir,
        "lesson.toml",
        &MANIFEST[..MANIFEST.find("\n[[exercise]]\nname = \"02").unwrap()],
    );
    write(&dir, "exercises/01_add.rs", STUB);
    write(
        &dir,
        "solutions/01_add.rs",
        "pub fn add(a: i32, b: i32) -> i32 { a + b }\n",
    );
    write(
        &dir,
        "checks/01_add.rs",
        "use crate::exercise::*;\n#[test]\nfn two_and_two() { assert_eq!(add(2, 2), 4); }\n",
    );
    let problems = first_half(lessons.path());
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn every_kind_of_broken_course_is_reported() {
    let lessons = tempfile::tempdir().unwrap();
    let dir = lesson_with_a_wrong_solution(lessons.path());
    write(&dir, "checks/03_stray.rs", "");
    let problems = first_half(lessons.path());
    let all = problems.join("\n");
    for expected in [
        "01_add: the stub passes check `always`",
        "01_add: the solution fails check `two_and_two`: expected 4",
        "02_gone: ",
        "exercises/02_gone.rs is missing",
        "02_gone: the hint is empty",
        "checks/03_stray.rs is not in lesson.toml",
    ] {
        assert!(all.contains(expected), "no `{expected}` in:\n{all}");
    }
}

/// The first half of the self-check of every lesson in `lessons`.
fn first_half(lessons: &Path) -> Vec<String> {
    let checker = course::Checker::std_only();
    let mut problems = Vec::new();
    for lesson in course::all_lessons(lessons).unwrap() {
        problems.extend(course::stubs_and_solutions(&checker, &lesson, None, 2).unwrap());
    }
    problems
}

#[test]
fn a_broken_lesson_is_not_mutation_tested_and_an_edition_is_not_checked() {
    let lessons = tempfile::tempdir().unwrap();
    let dir = lesson_with_a_wrong_solution(lessons.path());
    let lesson = course::Lesson::load(&dir).unwrap();
    let checker = course::Checker::std_only();
    let found = course::self_check(&checker, &lesson, None, 2).unwrap();
    assert!(found.mutants.is_none());
    assert!(
        found
            .problems
            .iter()
            .any(|p| p.contains("the solution fails")),
        "{:?}",
        found.problems
    );
    std::fs::remove_dir_all(dir.join("solutions")).unwrap();
    let edition = course::self_check(&checker, &lesson, None, 2)
        .err()
        .unwrap();
    assert!(
        edition.to_string().contains("instructor's copy"),
        "{edition}"
    );
}

/// `lessons/lesson-1`, whose `01_add` solution subtracts, and whose
/// `02_gone` has no files: the broken lesson of these tests.
fn lesson_with_a_wrong_solution(lessons: &Path) -> std::path::PathBuf {
    let dir = lessons.join("lesson-1");
    write(&dir, "lesson.toml", MANIFEST);
    write(&dir, "exercises/01_add.rs", STUB);
    write(
        &dir,
        "solutions/01_add.rs",
        "pub fn add(a: i32, b: i32) -> i32 { a - b }\n",
    );
    write(&dir, "checks/01_add.rs", CHECKS);
    dir
}
