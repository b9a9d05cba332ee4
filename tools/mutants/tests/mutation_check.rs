//! The course's mutation check on a small lesson: weak checks let mutants
//! survive and are reported with the diff, strong checks kill them all, and
//! an allow-list entry explains an equivalent survivor.

use course::{Checker, Lesson};
use std::path::Path;

const MANIFEST: &str = "title = \"T\"\n[[exercise]]\nname = \"01_scale\"\nnotebook = \"01-n\"\nslide = \"S\"\npoints = 1\nhint = \"h\"\n";
const SOLUTION: &str =
    "/// a·x + b\npub fn scale(a: f64, x: f64, b: f64) -> f64 {\n    a * x + b\n}\n";
/// Only at one point where x = 1 and b = 0: a·x = a/x = a + b = …
const WEAK: &str =
    "use crate::exercise::*;\n#[test]\nfn one_point() { assert_eq!(scale(2.0, 1.0, 0.0), 2.0); }\n";
const STRONG: &str = "use crate::exercise::*;\n#[test]\nfn points() {\n\
    for (a, x, b) in [(2.0, 3.0, 0.5), (-1.5, 0.25, 4.0), (0.5, -2.0, -1.0)] {\n\
        assert_eq!(scale(a, x, b), a * x + b);\n    }\n}\n";

fn lesson(dir: &Path, checks: &str, allow: &str) -> Lesson {
    let lesson = dir.join("lesson-1");
    for (file, text) in [
        ("lesson.toml", MANIFEST),
        ("solutions/01_scale.rs", SOLUTION),
        ("exercises/01_scale.rs", SOLUTION),
        ("checks/01_scale.rs", checks),
        ("mutants.toml", allow),
    ] {
        let path = lesson.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    Lesson::load(&lesson).unwrap()
}

#[test]
fn weak_checks_let_mutants_survive_with_their_diff() {
    let dir = tempfile::tempdir().unwrap();
    let summary =
        course::mutation_test(&Checker::std_only(), &lesson(dir.path(), WEAK, ""), None, 2)
            .unwrap();
    let problems = summary.problems().join("\n");
    assert!(
        problems.contains(
            "01_scale: a mutant survives the checks: scale: replace `*` with `/` in `a * x`"
        ),
        "{problems}"
    );
    assert!(
        problems.contains("-    a * x + b\n") || problems.contains("-    a * x + b"),
        "{problems}"
    );
    assert!(problems.contains("fewer than 95 %"), "{problems}");
}

#[test]
fn strong_checks_kill_every_mutant_but_the_listed_equivalent_one() {
    let dir = tempfile::tempdir().unwrap();
    let summary = course::mutation_test(
        &Checker::std_only(),
        &lesson(dir.path(), STRONG, ""),
        None,
        2,
    )
    .unwrap();
    assert!(summary.problems().is_empty(), "{:?}", summary.problems());
    let exercise = &summary.exercises[0];
    assert!(exercise.killed >= 10, "{exercise:?}");
    assert_eq!(exercise.rate(), 1.0);

    // A stale entry of the allow-list is a problem.
    let allow =
        "[[equivalent]]\nexercise = \"01_scale\"\nmutant = \"scale: nothing\"\nreason = \"r\"\n";
    let dir = tempfile::tempdir().unwrap();
    let summary = course::mutation_test(
        &Checker::std_only(),
        &lesson(dir.path(), STRONG, allow),
        None,
        2,
    )
    .unwrap();
    assert_eq!(summary.problems().len(), 1, "{:?}", summary.problems());
    assert!(summary.problems()[0].contains("`scale: nothing` of 01_scale"));
}
