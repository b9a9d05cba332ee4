//! End-to-end attacks on `lab grade` (Linux): a submission whose code writes
//! into the instructor's home folder or into the lesson, reads another
//! submission (at run time and at compile time), allocates 8 GiB, starts
//! processes without end, or connects to a local TCP port. Each attack gets
//! a report naming what stopped it, the other exercises are still graded, and
//! every tree outside the grader's scratch folder stays byte-identical.
#![cfg(target_os = "linux")]

mod common;

use common::{copy_dir, lab_command, lab_with_env, lesson_source};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// A hash of every file under `dir` (its path and its bytes), and their count.
fn tree_hash(dir: &Path) -> (u64, usize) {
    fn walk(dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, files);
            } else {
                files.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, &mut files);
    let mut hasher = std::hash::DefaultHasher::new();
    files.hash(&mut hasher);
    (hasher.finish(), files.len())
}

/// The reference solution `name` with `attack()` called first in every
/// public function, and `attack` defined at the end as `body`.
fn attacking(name: &str, body: &str) -> String {
    let solution =
        std::fs::read_to_string(lesson_source().join(format!("solutions/{name}.rs"))).unwrap();
    let mut text = String::new();
    let mut rest = solution.as_str();
    while let Some(at) = rest.find("pub fn ") {
        let open = at + rest[at..].find("{\n").unwrap() + 2;
        text += &rest[..open];
        text += "    attack();\n";
        rest = &rest[open..];
    }
    text + rest + &format!("\n#[allow(unused)]\nfn attack() {{\n{body}\n}}\n")
}

/// The grader's row of exercise `name` in its table.
fn row<'a>(stdout: &'a str, submission: &str, name: &str) -> &'a str {
    let table = &stdout[stdout.find(&format!("{submission} (")).unwrap()..];
    table
        .lines()
        .find(|l| l.trim_start().starts_with(name))
        .unwrap_or_else(|| panic!("no row {name} in {table}"))
}

/// The folders of the attack, all under one scratch folder: the lessons
/// `lab grade` reads, the instructor's home, and three submissions.
struct Course {
    lessons: PathBuf,
    lesson: PathBuf,
    home: PathBuf,
    /// The reference solutions, whose files the attacker tries to read.
    victim: PathBuf,
    /// One attack per exercise 01–06, and 07–09 as the solutions.
    attacker: PathBuf,
    /// 05 with another submission's file included at compile time.
    reader: PathBuf,
}

impl Course {
    /// The lesson and the home folder, and the victim as a copy of the
    /// solutions.
    fn new(root: &Path) -> Self {
        let lessons = root.join("lessons");
        let lesson = lessons.join("lesson-3");
        copy_dir(&lesson_source(), &lesson);
        let home = root.join("home");
        std::fs::create_dir(&home).unwrap();
        std::fs::write(home.join("notes.txt"), "the instructor's notes").unwrap();
        let victim = root.join("victim");
        copy_dir(&lesson.join("solutions"), &victim);
        Course {
            attacker: root.join("attacker"),
            reader: root.join("compile-time-reader"),
            lessons,
            lesson,
            home,
            victim,
        }
    }

    /// The attacker's submission: exercises 01 to 06 each attack (the home
    /// folder, the lesson, the victim, memory, processes, the TCP `port`),
    /// 07 to 09 are the solutions.
    fn write_attacker(&self, port: u16) {
        std::fs::create_dir(&self.attacker).unwrap();
        let victim_file = self.victim.join("03_gradient_descent.rs");
        let attacks = [
            (
                "01_init_weights",
                format!(
                    "std::fs::write({:?}, \"pwned\").unwrap();",
                    self.home.join("pwned.txt")
                ),
            ),
            (
                "02_batch_loss",
                format!(
                    "std::fs::write({:?}, \"\").unwrap();",
                    self.lesson.join("checks/02_batch_loss.rs")
                ),
            ),
            (
                "03_gradient_descent",
                format!(
                    "let stolen = std::fs::read_to_string({victim_file:?}).unwrap();\n\
                     let sibling = std::fs::read_dir(\"../../..\").unwrap().count();\n\
                     panic!(\"stole {{}} bytes, saw {{sibling}} folders\", stolen.len());"
                ),
            ),
            (
                "04_gradient_check",
                "let v = vec![1u8; 8 << 30]; std::hint::black_box(&v);".to_string(),
            ),
            (
                "05_chain_rule",
                "loop { let _ = std::process::Command::new(std::env::current_exe().unwrap()).spawn(); }"
                    .to_string(),
            ),
            (
                "06_gates",
                format!("std::net::TcpStream::connect(\"127.0.0.1:{port}\").unwrap();"),
            ),
        ];
        for (name, body) in &attacks {
            std::fs::write(
                self.attacker.join(format!("{name}.rs")),
                attacking(name, body),
            )
            .unwrap();
        }
        for name in ["07_max_average", "08_layer_delta", "09_training_step"] {
            std::fs::copy(
                self.lesson.join(format!("solutions/{name}.rs")),
                self.attacker.join(format!("{name}.rs")),
            )
            .unwrap();
        }
    }

    /// At compile time: include another submission's copy, next to its own.
    fn write_reader(&self) {
        std::fs::create_dir(&self.reader).unwrap();
        std::fs::write(
            self.reader.join("05_chain_rule.rs"),
            std::fs::read_to_string(self.lesson.join("solutions/05_chain_rule.rs")).unwrap()
                + "\npub const STOLEN: &str = include_str!(\"../../002-victim/exercises/05_chain_rule.rs\");\n",
        )
        .unwrap();
    }

    /// Grades the three submissions and returns the table `lab grade` prints.
    fn grade(&self) -> String {
        let output = lab_with_env(
            "grade",
            &[
                "3",
                "--timeout",
                "5",
                "--jobs",
                "2",
                self.attacker.to_str().unwrap(),
                self.reader.to_str().unwrap(),
                self.victim.to_str().unwrap(),
            ],
            &[("LAB_LESSONS", &self.lessons), ("HOME", &self.home)],
        );
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stdout}\n{stderr}");
        println!("{stdout}");
        stdout
    }
}

#[test]
fn every_attack_is_stopped_and_named_and_nothing_outside_changes() {
    let scratch = tempfile::tempdir().unwrap();
    let course = Course::new(scratch.path());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    course.write_attacker(listener.local_addr().unwrap().port());
    course.write_reader();

    let trees = [
        &course.lesson,
        &course.home,
        &course.victim,
        &course.attacker,
        &course.reader,
    ];
    let before: Vec<_> = trees.iter().map(|t| tree_hash(t)).collect();
    let stdout = course.grade();
    let after: Vec<_> = trees.iter().map(|t| tree_hash(t)).collect();
    assert_eq!(before, after, "a tree outside the scratch folder changed");
    assert!(!course.home.join("pwned.txt").exists());
    assert!(
        listener.accept().is_err(),
        "the submission reached the local TCP port"
    );
    every_attack_is_named_and_earns_nothing(&stdout);
    the_attackers_other_exercises_are_graded_in_full(&stdout);
    let reading = row(&stdout, "compile-time-reader", "05_chain_rule");
    assert!(
        reading.contains("compile error") && reading.contains("couldn't read"),
        "{reading}"
    );
    the_victim_loses_no_points(&stdout);
}

fn every_attack_is_named_and_earns_nothing(stdout: &str) {
    for (name, expected) in [
        ("01_init_weights", "tried to write outside its folder"),
        ("02_batch_loss", "tried to write outside its folder"),
        (
            "03_gradient_descent",
            "tried to write outside its folder or read what it may not",
        ),
        ("04_gradient_check", "used more than 1 GiB of memory"),
        ("05_chain_rule", "tried to start too many processes"),
        ("06_gates", "tried to use the network"),
    ] {
        let line = row(stdout, "attacker", name);
        assert!(
            line.contains(expected),
            "{name}: `{expected}` not in {line}"
        );
        assert!(line.contains(" 0/"), "{name} earned points: {line}");
    }
}

fn the_attackers_other_exercises_are_graded_in_full(stdout: &str) {
    for name in ["07_max_average", "08_layer_delta", "09_training_step"] {
        let line = row(stdout, "attacker", name);
        let (passed, total) = line
            .split_whitespace()
            .nth(2)
            .unwrap()
            .split_once('/')
            .unwrap();
        assert_eq!(passed, total, "{name} was not graded in full: {line}");
    }
}

fn the_victim_loses_no_points(stdout: &str) {
    let total = stdout[stdout.find("victim (").unwrap()..]
        .lines()
        .find(|l| l.trim_start().starts_with("total"))
        .unwrap()
        .to_string();
    let (earned, max) = total
        .split_whitespace()
        .nth(1)
        .unwrap()
        .split_once('/')
        .unwrap();
    assert_eq!(earned, max, "the victim lost points: {total}");
}

/// Runs `script` with `sh` through the launcher, with the check limits but
/// `cpu_seconds` and `file_size`; returns the signal that ended it.
fn launched(script: &str, cpu_seconds: u64, file_size: u64, dir: &Path) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    let policy = serde_json::json!({
        "read": ["/usr", "/lib", "/lib64", "/bin", "/etc/ld.so.cache", "/dev/zero"],
        "write": [dir],
        "limits": { "memory": 1u64 << 30, "cpu_seconds": cpu_seconds, "file_size": file_size },
        "processes": false,
    });
    let policy = policy.to_string();
    let status = lab_command("__sandbox", &[&policy, "--", "/bin/sh", "-c", script])
        .current_dir(dir)
        .status()
        .unwrap();
    status.signal()
}

#[test]
fn the_launcher_enforces_cpu_time_and_file_size() {
    let scratch = tempfile::tempdir().unwrap();
    // A shell loop burns CPU without starting a process: SIGXCPU after 1 s.
    assert_eq!(
        launched("while :; do :; done", 1, 1 << 20, scratch.path()),
        Some(24),
        "not stopped by the CPU limit"
    );
    // dd replaces the shell (exec, not fork) and writes past 1 MiB: SIGXFSZ.
    let written = scratch.path().join("big");
    assert_eq!(
        launched(
            "exec dd if=/dev/zero of=big bs=4096 count=1024",
            60,
            1 << 20,
            scratch.path()
        ),
        Some(25),
        "not stopped by the file size limit"
    );
    assert_eq!(std::fs::metadata(written).unwrap().len(), 1 << 20);
}
