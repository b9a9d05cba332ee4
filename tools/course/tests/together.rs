//! A submission's exercises compiled into one binary give the same reports
//! as each compiled on its own, and a compile error in one of them makes the
//! shared build give up (the grader then checks each on its own).

use course::{CheckModule, Checker, Together, shared_checks};
use std::path::{Path, PathBuf};
use std::time::Duration;

const ADD: &str = "pub fn add(a: i32, b: i32) -> i32 { a + b }\n";
const ADD_CHECKS: &str = "use crate::exercise::*;\n\
    #[test]\nfn two_and_two() { assert_eq!(add(2, 2), 4); }\n\
    #[test]\nfn negative() { assert_eq!(add(-2, 1), -1); }\n";
const DOUBLE: &str = "pub fn double(x: i32) -> i32 { x * 3 }\n";
const DOUBLE_CHECKS: &str = "use crate::exercise::*;\n\
    #[test]\nfn zero() { assert_eq!(double(0), 0); }\n\
    #[test]\nfn two() { assert_eq!(double(2), 4, \"expected 4\"); }\n";

fn write(dir: &Path, file: &str, text: &str) -> PathBuf {
    let path = dir.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn together_equals_one_by_one_and_a_compile_error_gives_up() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let checker = Checker::std_only();
    let timeout = Duration::from_secs(20);
    let exercises = [
        ("01_add", ADD, ADD_CHECKS),
        ("02_double", DOUBLE, DOUBLE_CHECKS),
    ];
    let mut units = Vec::new();
    let mut alone = Vec::new();
    for (name, code, checks) in exercises {
        let file = write(dir, &format!("exercises/{name}.rs"), code);
        let original = write(dir, &format!("checks/{name}.rs"), checks);
        let shared = write(dir, &format!("shared/{name}.rs"), &shared_checks(checks));
        let module = |path| {
            vec![CheckModule {
                module: "checks",
                path,
            }]
        };
        let build = dir.join("build").join(name);
        alone.push(
            checker
                .check(name, &file, &module(original), &build, timeout)
                .unwrap(),
        );
        units.push(Together {
            name: name.to_string(),
            exercise: file,
            checks: module(shared),
        });
    }
    let together = checker
        .check_together(&units, &dir.join("build/together"), timeout)
        .unwrap()
        .expect("they compile together");
    assert_eq!(together, alone);
    assert_eq!(together[0].counts(), (2, 2));
    assert_eq!(together[1].counts(), (1, 2));
    assert_eq!(together[1].first_problem().unwrap(), "two: expected 4");

    write(
        dir,
        "exercises/02_double.rs",
        "pub fn double(x: i32) -> i32 { x * }\n",
    );
    let broken = checker
        .check_together(&units, &dir.join("build/broken"), timeout)
        .unwrap();
    assert!(broken.is_none());
}
