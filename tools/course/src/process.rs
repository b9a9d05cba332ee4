//! Running a process with a timeout, keeping only the head and tail of
//! what it prints, so an endless loop or a flood of output cannot hold up
//! or swamp the tool.

use std::io::Read;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::{Mutex, mpsc};
use std::time::{Duration, Instant};
use wait_timeout::ChildExt;

/// Bytes kept from the start of a process's output.
const HEAD: usize = 32 * 1024;
/// Bytes kept from the end of a process's output, past the head.
const TAIL: usize = 4 * 1024;

/// What a finished (or killed) process printed.
pub(crate) struct Captured {
    /// How it ended; `None` when it was killed at the timeout.
    pub status: Option<ExitStatus>,
    /// Whether it was killed at the timeout.
    pub timed_out: bool,
    /// The head and tail of its standard output.
    pub stdout: String,
    /// The head and tail of its standard error.
    pub stderr: String,
}

impl Captured {
    /// Whether it exited with status 0.
    pub fn success(&self) -> bool {
        self.status.is_some_and(|s| s.success())
    }
}

/// Runs `command` for at most `timeout`, keeping the head and tail of its
/// output (a flood of output is drained, not stored).
pub(crate) fn run_capped(command: Command, timeout: Duration) -> std::io::Result<Captured> {
    let mut captured = run_all_capped(vec![command], timeout)?;
    Ok(captured.remove(0))
}

/// Runs all `commands` at once, each for at most `timeout` from the start of
/// all (so several endless loops cost one timeout, not one each), keeping
/// the head and tail of their output.
pub(crate) fn run_all_capped(
    commands: Vec<Command>,
    timeout: Duration,
) -> std::io::Result<Vec<Captured>> {
    let deadline = Instant::now() + timeout;
    let mut started = Vec::new();
    for command in commands {
        match Started::spawn(command) {
            Ok(one) => started.push(one),
            Err(error) => {
                for mut one in started {
                    one.kill();
                }
                return Err(error);
            }
        }
    }
    started
        .into_iter()
        .map(|one| one.finish(deadline))
        .collect()
}

/// A process started, its two pipes being drained.
struct Started {
    child: std::process::Child,
    stdout: Output,
    stderr: Output,
}

impl Started {
    fn spawn(mut command: Command) -> std::io::Result<Started> {
        command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn()?;
        let stdout = drain(child.stdout.take());
        let stderr = drain(child.stderr.take());
        Ok(Started {
            child,
            stdout,
            stderr,
        })
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Waits for the process until `deadline`, kills it then, and returns
    /// what it printed.
    fn finish(mut self, deadline: Instant) -> std::io::Result<Captured> {
        let left = deadline.saturating_duration_since(Instant::now());
        let status = self.child.wait_timeout(left)?;
        if status.is_none() {
            self.kill();
        }
        // The output ends when every process holding the pipes is gone; one
        // left behind by the check must not hold up the grader: after a grace
        // period, what was read so far is the output.
        let collect = |output: &Output| {
            let _ = output.done.recv_timeout(Duration::from_secs(2));
            output.text()
        };
        Ok(Captured {
            status,
            timed_out: status.is_none(),
            stdout: collect(&self.stdout),
            stderr: collect(&self.stderr),
        })
    }
}

/// The head and tail of what a pipe delivered, filled by a reading thread.
#[derive(Default)]
struct Kept {
    head: Vec<u8>,
    tail: Vec<u8>,
    total: usize,
}

/// A pipe being read: what was kept so far, and a signal when it ended.
struct Output {
    kept: std::sync::Arc<Mutex<Kept>>,
    done: mpsc::Receiver<()>,
}

impl Output {
    fn text(&self) -> String {
        let Ok(kept) = self.kept.lock() else {
            return String::new();
        };
        let mut text = String::from_utf8_lossy(&kept.head).into_owned();
        let tail = &kept.tail[kept.tail.len().saturating_sub(TAIL)..];
        let left_out = kept.total - kept.head.len() - tail.len();
        if left_out > 0 {
            text += &format!("\n[… {left_out} bytes of output left out …]\n");
        }
        text + &String::from_utf8_lossy(tail)
    }
}

/// Reads `pipe` to its end on a thread, keeping its head and tail.
fn drain(pipe: Option<impl Read + Send + 'static>) -> Output {
    let (sender, done) = mpsc::channel();
    let kept = std::sync::Arc::new(Mutex::new(Kept::default()));
    let filled = kept.clone();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 8192];
        if let Some(mut pipe) = pipe {
            while let Ok(n @ 1..) = pipe.read(&mut buffer) {
                let Ok(mut kept) = filled.lock() else { break };
                kept.total += n;
                let room = (HEAD - kept.head.len()).min(n);
                kept.head.extend_from_slice(&buffer[..room]);
                kept.tail.extend_from_slice(&buffer[room..n]);
                if kept.tail.len() > 2 * TAIL {
                    let extra = kept.tail.len() - TAIL;
                    kept.tail.drain(..extra);
                }
            }
        }
        let _ = sender.send(());
    });
    Output { kept, done }
}

/// `path` made absolute (unchanged when that fails), for the paths given to
/// compilers, the sandbox and the reports.
pub(crate) fn absolute(path: &std::path::Path) -> std::path::PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endless_processes_cost_one_timeout_together() {
        let sleeps: Vec<Command> = (0..4)
            .map(|_| {
                let mut sleep = Command::new("sleep");
                sleep.arg("30");
                sleep
            })
            .collect();
        let started = Instant::now();
        let captured = run_all_capped(sleeps, Duration::from_secs(1)).unwrap();
        let seconds = started.elapsed().as_secs_f64();
        assert!(captured.iter().all(|c| c.timed_out));
        // One after another they would take 4 s.
        assert!(seconds < 3.0, "4 endless processes took {seconds:.1}s");
    }

    #[test]
    fn drained_output_keeps_head_and_tail() {
        let data = vec![b'x'; HEAD + 100_000];
        let output = drain(Some(std::io::Cursor::new(data)));
        output.done.recv().unwrap();
        let text = output.text();
        assert!(text.len() < HEAD + TAIL + 100);
        assert!(text.contains("bytes of output left out"));
    }
}
