//! Watch mode: saving a solved exercise re-checks it and moves on; saving
//! another exercise than the current one shows that one; `l` lists, `q` quits.

use course::{Lesson, Progress, runner};
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Typed lines, one `send` per line, as a reader.
struct Typed(mpsc::Receiver<String>, Vec<u8>);

impl Read for Typed {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.1.is_empty() {
            match self.0.recv() {
                Ok(line) => self.1 = format!("{line}\n").into_bytes(),
                Err(_) => return Ok(0),
            }
        }
        let n = buf.len().min(self.1.len());
        buf[..n].copy_from_slice(&self.1[..n]);
        self.1.drain(..n);
        Ok(n)
    }
}

/// The screen: everything the runner showed, one after the other.
#[derive(Clone, Default)]
struct Screen(Arc<Mutex<Vec<u8>>>);

impl runner::Screen for Screen {
    fn status(&mut self, status: &runner::Status, banner: &str) {
        let text = format!("{banner}{}", status.render());
        self.0.lock().unwrap().extend_from_slice(text.as_bytes());
    }
    fn message(&mut self, text: &str) {
        self.0.lock().unwrap().extend_from_slice(text.as_bytes());
    }
}

impl Screen {
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(120) {
            if String::from_utf8_lossy(&self.0.lock().unwrap()).contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "`{text}` never appeared in:\n{}",
            String::from_utf8_lossy(&self.0.lock().unwrap())
        );
    }
}

/// This checkout.
fn workspace() -> workspace::Workspace {
    workspace::Workspace::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

#[test]
fn saving_a_solution_moves_on_and_q_quits() {
    let source = workspace().lesson(3);
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(source.join("lesson.toml")).unwrap()).unwrap();
    let first = manifest["exercise"][0].clone();
    let name = first["name"].as_str().unwrap().to_string();
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("lesson-3");
    for folder in ["exercises", "solutions", "checks"] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        let file = format!("{folder}/{name}.rs");
        std::fs::copy(source.join(&file), dir.join(&file)).unwrap();
    }
    let mut one = manifest.clone();
    one.insert("exercise".into(), toml::Value::Array(vec![first]));
    std::fs::write(dir.join("lesson.toml"), toml::to_string(&one).unwrap()).unwrap();
    let lesson = Lesson::load(&dir).unwrap();
    let build = scratch.path().join("build");

    let (keys, typed) = mpsc::channel();
    let screen = Screen::default();
    let mut out = screen.clone();
    let watching = std::thread::spawn(move || {
        let mut progress = Progress::load(&lesson);
        let watched = runner::Watched {
            checker: &course::Checker::std_only(),
            lesson: &lesson,
            number: 3,
            build_dir: &build,
            jobs: 2,
        };
        runner::watch(
            &watched,
            &mut progress,
            None,
            BufReader::new(Typed(typed, Vec::new())),
            &mut out,
        )
    });
    screen.wait_for("0/1 exercises done");
    screen.wait_for("not yet implemented");
    std::fs::copy(
        dir.join(format!("solutions/{name}.rs")),
        dir.join(format!("exercises/{name}.rs")),
    )
    .unwrap();
    screen.wait_for("Every exercise passes its checks");
    screen.wait_for(&format!("✓ {name} passed: all"));
    keys.send("l".to_string()).unwrap();
    screen.wait_for(&format!("✓ {name}"));
    keys.send("q".to_string()).unwrap();
    watching.join().unwrap().unwrap();
    assert!(dir.join(".progress.toml").is_file());
}

#[test]
fn saving_another_exercise_shows_that_one() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons/lesson-3");
    let manifest = std::fs::read_to_string(source.join("lesson.toml")).unwrap();
    let blocks: Vec<&str> = manifest.split("[[exercise]]").collect();
    let name = |block: &str| {
        let line = block
            .lines()
            .find_map(|l| l.strip_prefix("name = "))
            .unwrap();
        line.trim_matches('"').to_string()
    };
    let (first, second) = (name(blocks[1]), name(blocks[2]));
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("lesson-3");
    for folder in ["exercises", "checks"] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        for name in [&first, &second] {
            let file = format!("{folder}/{name}.rs");
            std::fs::copy(source.join(&file), dir.join(&file)).unwrap();
        }
    }
    let two = format!(
        "{}[[exercise]]{}[[exercise]]{}",
        blocks[0], blocks[1], blocks[2]
    );
    std::fs::write(dir.join("lesson.toml"), two).unwrap();
    let lesson = Lesson::load(&dir).unwrap();
    let build = scratch.path().join("build");
    let (keys, typed) = mpsc::channel();
    let screen = Screen::default();
    let mut out = screen.clone();
    let watching = std::thread::spawn(move || {
        let mut progress = Progress::load(&lesson);
        let watched = runner::Watched {
            checker: &course::Checker::std_only(),
            lesson: &lesson,
            number: 3,
            build_dir: &build,
            jobs: 2,
        };
        let input = BufReader::new(Typed(typed, Vec::new()));
        runner::watch(&watched, &mut progress, None, input, &mut out)
    });
    screen.wait_for(&format!("Current exercise: {first}"));
    let saved = dir.join(format!("exercises/{second}.rs"));
    let text = std::fs::read_to_string(&saved).unwrap();
    std::fs::write(&saved, text.replacen("todo!()", "todo!(", 1)).unwrap();
    screen.wait_for(&format!("Current exercise: {second}"));
    screen.wait_for("it does not compile yet");
    keys.send("q".to_string()).unwrap();
    watching.join().unwrap().unwrap();
}
