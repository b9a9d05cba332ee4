//! Watch mode: saving a solved exercise re-checks it and moves on; saving
//! another exercise than the current one shows that one; `l` lists, `q` quits.

use course::{Lesson, Progress, runner};
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
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

/// A copy of the first `count` exercises of lesson 3 in a scratch folder:
/// the folder, the lesson's folder in it and the exercises' names.
fn first_exercises(count: usize) -> (tempfile::TempDir, PathBuf, Vec<String>) {
    let source = workspace().lesson(3);
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(source.join("lesson.toml")).unwrap()).unwrap();
    let exercises = manifest["exercise"].as_array().unwrap()[..count].to_vec();
    let names: Vec<String> = exercises
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect();
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("lesson-3");
    for folder in ["exercises", "solutions", "checks"] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        for name in &names {
            let file = format!("{folder}/{name}.rs");
            std::fs::copy(source.join(&file), dir.join(&file)).unwrap();
        }
    }
    let mut some = manifest.clone();
    some.insert("exercise".into(), toml::Value::Array(exercises));
    std::fs::write(dir.join("lesson.toml"), toml::to_string(&some).unwrap()).unwrap();
    (scratch, dir, names)
}

/// Watch mode on the lesson in `dir`, building in `build`: the keys to type,
/// the screen, and the thread to join once `q` is typed.
fn watching(
    dir: &Path,
    build: PathBuf,
) -> (
    mpsc::Sender<String>,
    Screen,
    std::thread::JoinHandle<Result<(), course::Error>>,
) {
    let lesson = Lesson::load(dir).unwrap();
    let (keys, typed) = mpsc::channel();
    let screen = Screen::default();
    let mut out = screen.clone();
    let thread = std::thread::spawn(move || {
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
    (keys, screen, thread)
}

#[test]
fn saving_a_solution_moves_on_and_q_quits() {
    let (scratch, dir, names) = first_exercises(1);
    let name = &names[0];
    let (keys, screen, thread) = watching(&dir, scratch.path().join("build"));
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
    thread.join().unwrap().unwrap();
    assert!(dir.join(".progress.toml").is_file());
}

#[test]
fn saving_another_exercise_shows_that_one() {
    let (scratch, dir, names) = first_exercises(2);
    let (keys, screen, thread) = watching(&dir, scratch.path().join("build"));
    screen.wait_for(&format!("Current exercise: {}", names[0]));
    let saved = dir.join(format!("exercises/{}.rs", names[1]));
    let text = std::fs::read_to_string(&saved).unwrap();
    std::fs::write(&saved, text.replacen("todo!()", "todo!(", 1)).unwrap();
    screen.wait_for(&format!("Current exercise: {}", names[1]));
    screen.wait_for("it does not compile yet");
    keys.send("q".to_string()).unwrap();
    thread.join().unwrap().unwrap();
}
