//! `lab grade` takes submissions as students hand them in: links are
//! refused without reading their targets, files are found where students
//! put them and under the names browsers give them, archives are unpacked
//! safely, and one bad path costs only itself.

mod common;

use common::{lab, lab_with_env, lesson_source as lesson, stdout};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The reference solution of exercise `name`.
fn solution(name: &str) -> PathBuf {
    lesson().join("solutions").join(format!("{name}.rs"))
}

/// Every file's text under `dir` (not following links), for "no byte of
/// the target in any report".
fn all_text(dir: &Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            text += &all_text(&entry.path());
        } else if kind.is_file() {
            text += &String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap());
        }
    }
    text
}

/// The row of exercise `name` in the table of submission `who`.
fn row<'a>(stdout: &'a str, who: &str, name: &str) -> &'a str {
    let table = stdout
        .split("\n\n")
        .find(|t| t.starts_with(&format!("{who} (")))
        .unwrap_or_else(|| panic!("no table of {who} in:\n{stdout}"));
    table
        .lines()
        .find(|l| l.trim_start().starts_with(name))
        .unwrap()
}

#[test]
fn links_score_nothing_and_show_nothing_of_their_targets() {
    let scratch = tempfile::tempdir().unwrap();
    let root = scratch.path();
    let alice = root.join("alice");
    std::fs::create_dir(&alice).unwrap();
    std::fs::copy(solution("05_chain_rule"), alice.join("05_chain_rule.rs")).unwrap();
    let outside = root.join("notes.rs");
    std::fs::write(&outside, "pub fn leaked() { \"OUTSIDE-7731\" }\n").unwrap();
    let targets = [
        ("classmate", PathBuf::from("../alice/05_chain_rule.rs")),
        ("reference", solution("05_chain_rule")),
        ("outside", outside.clone()),
    ];
    let mut args = vec!["3".to_string(), alice.to_string_lossy().into_owned()];
    for (who, target) in &targets {
        let folder = root.join(who);
        std::fs::create_dir_all(folder.join("exercises")).unwrap();
        std::os::unix::fs::symlink(target, folder.join("05_chain_rule.rs")).unwrap();
        args.push(folder.to_string_lossy().into_owned());
    }
    // A folder reached through a link: its files are not read either.
    std::os::unix::fs::symlink(&alice, root.join("outside").join("lessons")).unwrap();
    let (feedback, results) = (root.join("feedback"), root.join("results"));
    args.extend(["--feedback".into(), feedback.to_string_lossy().into_owned()]);
    args.extend([
        "--results-json".into(),
        results.to_string_lossy().into_owned(),
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = lab("grade", &args);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(
        row(&stdout, "alice", "05_chain_rule").contains("3/3"),
        "{stdout}"
    );
    for (who, _) in &targets {
        let line = row(&stdout, who, "05_chain_rule");
        assert!(
            line.contains(" 0/3")
                && line.contains("05_chain_rule.rs is a link; hand in the file itself"),
            "{line}"
        );
        let md = std::fs::read_to_string(feedback.join(format!("{who}.md"))).unwrap();
        assert!(md.contains("05_chain_rule.rs is a link"), "{md}");
    }
    assert!(
        stdout.contains("lessons/ is a link, which is not followed"),
        "{stdout}"
    );
    let reports = format!(
        "{stdout}{stderr}{}{}",
        all_text(&feedback),
        all_text(&results)
    );
    assert!(!reports.contains("OUTSIDE-7731"), "{reports}");
    let body = std::fs::read_to_string(solution("05_chain_rule")).unwrap();
    let line = body.lines().find(|l| l.contains("let dq")).unwrap().trim();
    assert!(!reports.contains(line), "`{line}` shown in:\n{reports}");
}

/// A zip file at `path` holding `files` (name in the zip → contents).
fn zip(path: &Path, files: &[(&str, &[u8])]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in files {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn a_platforms_folder_of_zips_grades_like_folders_and_bad_entries_are_refused() {
    let scratch = tempfile::tempdir().unwrap();
    let root = scratch.path();
    let chain = std::fs::read(solution("05_chain_rule")).unwrap();
    let stub = std::fs::read(lesson().join("exercises/02_batch_loss.rs")).unwrap();
    let folder = root.join("folder");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("05_chain_rule.rs"), &chain).unwrap();
    std::fs::write(folder.join("02_batch_loss.rs"), &stub).unwrap();
    let export = root.join("export");
    std::fs::create_dir(&export).unwrap();
    let layouts: [(&str, [&str; 2]); 4] = [
        ("flat", ["05_chain_rule.rs", "02_batch_loss.rs"]),
        (
            "repository",
            [
                "lessons/lesson-3/exercises/05_chain_rule.rs",
                "lessons/lesson-3/exercises/02_batch_loss.rs",
            ],
        ),
        (
            "deeper",
            [
                "course-main/lessons/lesson-3/exercises/05_chain_rule.rs",
                "course-main/exercises/02_batch_loss.rs",
            ],
        ),
        (
            "renamed",
            ["05_chain_rule (1).rs", "bob_12345_02-batch-loss.rs"],
        ),
    ];
    for (name, [chain_name, stub_name]) in layouts {
        zip(
            &export.join(format!("{name}.zip")),
            &[(chain_name, &chain), (stub_name, &stub)],
        );
    }
    let big = vec![b' '; (course::archive::LIMIT + 1) as usize];
    let mut evil = zip::ZipWriter::new(std::fs::File::create(export.join("evil.zip")).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    // From TMPDIR/lab-grade-…/NNN/unpacked, four levels up is `root`.
    evil.start_file("../../../../escaped.rs", options).unwrap();
    evil.write_all(b"// escaped").unwrap();
    evil.add_symlink("06_gates.rs", "/etc/passwd", options)
        .unwrap();
    evil.start_file("05_chain_rule.rs", options).unwrap();
    evil.write_all(&chain).unwrap();
    evil.start_file("07_max_average.rs", options).unwrap();
    evil.write_all(&big).unwrap();
    evil.finish().unwrap();
    let tmp = root.join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let csv = root.join("grades.csv");
    let output = lab_with_env(
        "grade",
        &[
            "3",
            folder.to_str().unwrap(),
            export.to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
        ],
        &[("TMPDIR", &tmp)],
    );
    let stdout = stdout(&output);
    let text = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    let scores = |who: &str| -> String {
        let row = rows
            .iter()
            .find(|r| r.starts_with(&format!("{who},")))
            .unwrap();
        row.split_once(',').unwrap().1.to_string()
    };
    for (name, _) in layouts {
        assert_eq!(scores(name), scores("folder"), "{name}:\n{text}");
    }
    assert!(
        row(&stdout, "renamed", "05_chain_rule").contains("3/3"),
        "{stdout}"
    );
    assert!(
        stdout.contains("05_chain_rule: read from 05_chain_rule (1).rs"),
        "{stdout}"
    );
    assert!(
        stdout.contains("02_batch_loss: read from bob_12345_02-batch-loss.rs"),
        "{stdout}"
    );
    assert!(stdout.contains("read from course-main/lessons/lesson-3/exercises/05_chain_rule.rs"));
    for refused in [
        "entry ../../../../escaped.rs would land outside the submission; not unpacked",
        "entry 06_gates.rs is a link; not unpacked",
        "entry 07_max_average.rs goes beyond the archive limit of 16 MiB; not unpacked",
    ] {
        assert!(stdout.contains(refused), "no `{refused}` in:\n{stdout}");
    }
    assert!(
        row(&stdout, "evil", "05_chain_rule").contains("3/3"),
        "{stdout}"
    );
    assert!(
        !root.join("escaped.rs").exists(),
        "the ../ entry was written"
    );
    assert_eq!(
        std::fs::read_dir(&tmp).unwrap().count(),
        0,
        "scratch left behind"
    );
}

#[test]
fn a_missing_path_among_twelve_leaves_eleven_graded() {
    let scratch = tempfile::tempdir().unwrap();
    let stub = lesson().join("exercises/13_learning_rate.rs");
    let mut paths = Vec::new();
    for i in 0..12 {
        let folder = scratch.path().join(format!("student{i:02}"));
        if i != 5 {
            std::fs::create_dir(&folder).unwrap();
            std::fs::copy(&stub, folder.join("13_learning_rate.rs")).unwrap();
        }
        paths.push(folder.to_string_lossy().into_owned());
    }
    let csv = scratch.path().join("grades.csv");
    let mut args: Vec<&str> = vec!["3"];
    args.extend(paths.iter().map(String::as_str));
    args.extend(["--csv", csv.to_str().unwrap()]);
    let output = lab("grade", &args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("student05: no such file or folder; not graded"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), 1 + 11, "{text}");
    assert!(!text.contains("student05"));
}

#[test]
fn an_empty_submission_gets_one_message_naming_the_files_and_places() {
    let scratch = tempfile::tempdir().unwrap();
    let empty = scratch.path().join("empty");
    std::fs::create_dir_all(empty.join("src")).unwrap();
    std::fs::write(empty.join("src").join("main.rs"), "fn main() {}\n").unwrap();
    let output = lab("grade", &["3", empty.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let note = stdout
        .lines()
        .find(|l| l.contains("no exercise file found"))
        .unwrap_or_else(|| panic!("{stdout}"));
    for expected in [
        "01_init_weights.rs",
        "13_learning_rate.rs",
        "exercises/",
        "lessons/lesson-3/exercises/",
    ] {
        assert!(note.contains(expected), "{note}");
    }
}
