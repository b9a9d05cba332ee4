//! JupyterHub on the course's configuration, `tools/hub/jupyterhub_config.py`:
//! the command that starts it, the hub in the foreground until Ctrl-C (for
//! `cargo lab hub`) and a hub running in the background (for the benchmark
//! and the hub test).

use crate::{Hub, Setup, seed};
use anyhow::{Context, Result, bail};
use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The port `cargo lab hub` serves on without `--port`.
pub const DEFAULT_PORT: u16 = 8000;

/// How the hub starts.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The port of the hub's address, on 127.0.0.1 (a `--config` file can
    /// open it to other machines).
    pub port: u16,
    /// The instructor's JupyterHub configuration, read after the course's.
    pub config: Option<PathBuf>,
    /// A token for a service allowed to create users and start their
    /// servers (the benchmark's and the test's).
    pub api_token: Option<String>,
}

/// The hub's address for `options`.
pub fn url(options: &Options) -> String {
    format!("http://127.0.0.1:{}", options.port)
}

/// The command that starts JupyterHub (`python -m jupyterhub -f
/// tools/hub/jupyterhub_config.py`) with the settings the configuration
/// reads from its environment, in the hub's folder.
///
/// # Errors
/// When the port is taken, the `--config` file is missing, the hub's folder
/// cannot be written, or no free port is left for the hub's own API.
pub fn command(hub: &Hub, setup: &Setup, options: &Options) -> Result<Command> {
    let taken = TcpListener::bind(("127.0.0.1", options.port)).is_err();
    if taken {
        bail!("port {} is taken: choose another with --port", options.port);
    }
    std::fs::create_dir_all(&hub.state)
        .with_context(|| format!("cannot create {}", hub.state.display()))?;
    let lab = std::env::current_exe().context("cannot find the lab program")?;
    let mut command = setup.environment.python();
    command
        .args(["-m", "jupyterhub", "-f"])
        .arg(hub.tool_dir().join("jupyterhub_config.py"))
        .current_dir(&hub.state)
        .env("LAB_ROOT", hub.workspace.root())
        .env("LAB_HUB_STATE", &hub.state)
        .env("LAB_HUB_SEED", &setup.seed)
        .env("LAB_HUB_URL", url(options))
        .env("LAB_HUB_API_URL", local_url()?)
        .env("LAB_HUB_PROXY_API_URL", local_url()?)
        .env("LAB_HUB_PROXY", &setup.proxy)
        .env("LAB_HUB_PASSWORD", password(hub)?)
        .env("LAB_HUB_LAB", lab)
        .env("LAB_HUB_JUPYTER_PATH", &setup.environment.jupyter_path)
        .env("XDG_CACHE_HOME", seed::cache(hub));
    // The students' HOME is their folder: rustup's and cargo's folders stay
    // the hub's user's.
    let home = PathBuf::from(std::env::var_os("HOME").unwrap_or_default());
    for (variable, default) in [("RUSTUP_HOME", ".rustup"), ("CARGO_HOME", ".cargo")] {
        if std::env::var_os(variable).is_none() && home.join(default).is_dir() {
            command.env(variable, home.join(default));
        }
    }
    if let Some(config) = &options.config {
        let config = config
            .canonicalize()
            .with_context(|| format!("cannot read the configuration {}", config.display()))?;
        command.env("LAB_HUB_CONFIG", config);
    }
    if let Some(token) = &options.api_token {
        command.env("LAB_HUB_API_TOKEN", token);
    }
    Ok(command)
}

/// The default authenticator's password: `password` in the hub's folder,
/// made on the first start from the system's random source.
///
/// # Errors
/// When the file cannot be read or written.
pub fn password(hub: &Hub) -> Result<String> {
    let file = hub.state.join("password");
    if let Ok(text) = std::fs::read_to_string(&file) {
        if !text.trim().is_empty() {
            return Ok(text.trim().to_owned());
        }
    }
    let password = random_hex(8)?;
    std::fs::write(&file, format!("{password}\n"))
        .with_context(|| format!("cannot write {}", file.display()))?;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))?;
    Ok(password)
}

/// `bytes` random bytes from `/dev/urandom`, as hexadecimal digits.
///
/// # Errors
/// When `/dev/urandom` cannot be read.
pub fn random_hex(bytes: usize) -> Result<String> {
    let mut buffer = vec![0; bytes];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut random| random.read_exact(&mut buffer))
        .context("cannot read /dev/urandom")?;
    Ok(buffer.iter().map(|byte| format!("{byte:02x}")).collect())
}

/// An address on 127.0.0.1 with a port free now (the hub's REST API and
/// the proxy's, never reached from outside).
fn local_url() -> Result<String> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).context("no free port on 127.0.0.1")?;
    Ok(format!("http://{}", listener.local_addr()?))
}

/// A free port on 127.0.0.1, for a hub started in the background.
///
/// # Errors
/// When no port is free.
pub fn free_port() -> Result<u16> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).context("no free port on 127.0.0.1")?;
    Ok(listener.local_addr()?.port())
}

/// Serves `command` (see [`command`]) in the foreground until it stops:
/// Ctrl-C or a SIGTERM to this process is handed on to JupyterHub, which
/// runs in a process group of its own (so it gets one signal, not the
/// terminal's and ours), stops the students' servers and exits. Then every
/// process of `hub` still running is stopped (the students' kernels outlive
/// their servers), each named on stderr.
///
/// # Errors
/// When JupyterHub cannot start, or exits with an error without being asked
/// to stop.
pub fn serve(hub: &Hub, mut command: Command) -> Result<()> {
    use std::os::unix::process::CommandExt;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let mut child = command
        .process_group(0)
        .spawn()
        .context("cannot start JupyterHub")?;
    let pid = rustix::process::Pid::from_child(&child);
    let asked = Arc::new(AtomicBool::new(false));
    let handler_asked = Arc::clone(&asked);
    ctrlc::set_handler(move || {
        handler_asked.store(true, Ordering::SeqCst);
        let _ = rustix::process::kill_process(pid, rustix::process::Signal::INT);
    })
    .context("cannot handle Ctrl-C")?;
    let status = child.wait().context("cannot wait for JupyterHub")?;
    let left = stop_leftovers(hub);
    if left > 0 {
        eprintln!("hub: stopped {left} processes the hub left running");
    }
    if !status.success() && !asked.load(Ordering::SeqCst) {
        bail!("JupyterHub exited with {status}");
    }
    Ok(())
}

/// A hub running in the background, stopped (with every student's server
/// and every process they started) when dropped.
pub struct Running {
    child: Child,
    /// The variable every process of this hub inherits (see [`processes`]).
    marker: Vec<u8>,
    /// The hub's address.
    pub url: String,
    /// The service token the hub accepts for creating users and servers.
    pub token: String,
}

impl Running {
    /// Starts the hub of `hub` on a free port with a service token, its
    /// output in `log`, and waits until it answers (at most a minute).
    ///
    /// # Errors
    /// When the hub cannot start or does not answer.
    pub fn start(hub: &Hub, setup: &Setup, log: &Path) -> Result<Self> {
        let options = Options {
            port: free_port()?,
            config: None,
            api_token: Some(random_hex(16)?),
        };
        let output = std::fs::File::create(log)
            .with_context(|| format!("cannot write {}", log.display()))?;
        let child = command(hub, setup, &options)?
            .stdout(Stdio::from(output.try_clone()?))
            .stderr(Stdio::from(output))
            .spawn()
            .context("cannot start JupyterHub")?;
        let mut running = Self {
            child,
            marker: marker(hub),
            url: url(&options),
            token: options.api_token.unwrap_or_default(),
        };
        wait_until_answering(&mut running.child, &running.url, log)?;
        Ok(running)
    }
}

/// Waits (at most a minute) for the hub at `url`, started as `child` with
/// its output in `log`, to accept connections.
///
/// # Errors
/// When `child` exits first, or a minute passes.
pub fn wait_until_answering(child: &mut Child, url: &str, log: &Path) -> Result<()> {
    let address = url.trim_start_matches("http://");
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if let Some(status) = child.try_wait()? {
            bail!("JupyterHub exited with {status}: see {}", log.display());
        }
        if std::net::TcpStream::connect(address).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    bail!(
        "JupyterHub did not answer within a minute: see {}",
        log.display()
    )
}

impl Running {
    /// Stops the hub as Ctrl-C would (it stops the students' servers, which
    /// stop their kernels), or kills it after 30 s; then stops whatever of
    /// its processes is still running (a kernel's warm-up client, a server
    /// the hub lost) and returns how many there were.
    pub fn stop(&mut self) -> usize {
        if matches!(self.child.try_wait(), Ok(None)) {
            let pid = rustix::process::Pid::from_child(&self.child);
            let _ = rustix::process::kill_process(pid, rustix::process::Signal::INT);
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(30) {
                if matches!(self.child.try_wait(), Ok(Some(_))) {
                    break;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
        stop_all(&self.marker)
    }
}

impl Drop for Running {
    /// Stops the hub and everything it started ([`Running::stop`]).
    fn drop(&mut self) {
        let left = self.stop();
        if left > 0 {
            eprintln!("hub: stopped {left} processes the hub left running");
        }
    }
}

/// The environment variable, `NAME=VALUE`, that every process of `hub`'s
/// JupyterHub inherits, its own and its students' (the proxy, servers,
/// kernels, their compilers): `XDG_CACHE_HOME` at the hub's shared cache.
fn marker(hub: &Hub) -> Vec<u8> {
    let mut marker = b"XDG_CACHE_HOME=".to_vec();
    marker.extend_from_slice(seed::cache(hub).as_os_str().as_encoded_bytes());
    marker
}

/// Stops the processes of `hub`'s JupyterHub still running (SIGTERM,
/// SIGKILL after 5 s); how many there were, each named on stderr.
pub fn stop_leftovers(hub: &Hub) -> usize {
    stop_all(&marker(hub))
}

/// The processes of `hub`'s JupyterHub still running.
pub fn processes(hub: &Hub) -> Vec<rustix::process::Pid> {
    processes_with(&marker(hub))
}

/// The processes whose environment holds `marker` (`NAME=VALUE`).
fn processes_with(marker: &[u8]) -> Vec<rustix::process::Pid> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let pid = entry.file_name().to_str()?.parse::<i32>().ok()?;
            let environ = std::fs::read(entry.path().join("environ")).ok()?;
            environ
                .split(|&byte| byte == 0)
                .any(|variable| variable == marker)
                .then(|| rustix::process::Pid::from_raw(pid))?
        })
        .collect()
}

/// Stops the processes with `marker` (SIGTERM, SIGKILL after 5 s); how
/// many there were, each named on stderr.
fn stop_all(marker: &[u8]) -> usize {
    let found = processes_with(marker);
    for pid in &found {
        let command =
            std::fs::read(format!("/proc/{}/cmdline", pid.as_raw_nonzero())).unwrap_or_default();
        let program = command.split(|&byte| byte == 0).next().unwrap_or_default();
        eprintln!(
            "hub: stopping {} ({}), left running by the hub",
            pid.as_raw_nonzero(),
            String::from_utf8_lossy(program)
        );
    }
    let signal_all = |signal| {
        for &pid in &processes_with(marker) {
            let _ = rustix::process::kill_process(pid, signal);
        }
    };
    signal_all(rustix::process::Signal::TERM);
    let start = Instant::now();
    while !processes_with(marker).is_empty() && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(200));
    }
    signal_all(rustix::process::Signal::KILL);
    found.len()
}
