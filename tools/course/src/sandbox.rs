//! The sandbox a submission's code runs in (Linux).
//!
//! Every process started on a student's behalf (rustc on the exercise, the
//! test binary for each check) is started through a *launcher*: the `lab`
//! binary itself, called as `lab __sandbox POLICY -- PROGRAM ARGS…`. The
//! launcher restricts itself, then replaces itself with the program, which
//! inherits every restriction:
//!
//! - resource limits: address space ([`Limits::memory`]), CPU time, the size
//!   of a file it writes;
//! - Landlock: writes only inside its scratch folder, reads only of what it
//!   needs (the system libraries, the toolchain, the exercise and its checks),
//!   no TCP bind or connect (ABI 4), no signals to processes outside (ABI 6);
//! - seccomp: a check may not start another process (the kernel kills it)
//!   nor open a socket (`ENETUNREACH`); rustc may start its linker.
//!
//! On a kernel (or in a container) without Landlock or seccomp the limits
//! still hold, and [`Sandbox::warning`] says so in one line. No `unsafe` is needed: the
//! restrictions are applied by the launcher to itself, before `exec`.

use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The first argument that makes `lab` act as the launcher.
pub const LAUNCHER_ARG: &str = "__sandbox";
/// The exit code of a launcher that could not set up the sandbox.
pub const LAUNCH_FAILED: u8 = 125;
/// The errno a sandboxed process gets when it opens a socket: ENETUNREACH,
/// "Network is unreachable".
#[cfg(target_os = "linux")]
const NO_NETWORK_ERRNO: u32 = libc::ENETUNREACH as u32;

/// Resource limits of one sandboxed process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Address space in bytes (what it may allocate, and more).
    pub memory: u64,
    /// CPU seconds (all its threads together).
    pub cpu_seconds: u64,
    /// The largest file it may write, in bytes.
    pub file_size: u64,
}

impl Limits {
    /// The limits of a check: 1 GiB of memory, `cpu_seconds` of CPU, 64 MiB files.
    pub fn check(cpu_seconds: u64) -> Limits {
        Limits {
            memory: 1 << 30,
            cpu_seconds,
            file_size: 64 << 20,
        }
    }

    /// The limits of rustc on an exercise: 4 GiB, `cpu_seconds`, 1 GiB files.
    pub fn compile(cpu_seconds: u64) -> Limits {
        Limits {
            memory: 4 << 30,
            cpu_seconds,
            file_size: 1 << 30,
        }
    }
}

/// What one sandboxed process may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Folders and files it may read (and execute).
    pub read: Vec<PathBuf>,
    /// Folders it may read and write (its scratch folder).
    pub write: Vec<PathBuf>,
    /// Its resource limits.
    pub limits: Limits,
    /// Whether it may start processes (rustc runs the linker; a check may not).
    pub processes: bool,
}

/// The system folders every program needs to start: the dynamic loader,
/// the C library and the loader's cache.
pub fn system_paths() -> Vec<PathBuf> {
    ["/usr", "/lib", "/lib64", "/bin", "/etc/ld.so.cache"]
        .iter()
        .map(PathBuf::from)
        .collect()
}

/// How well the sandbox holds on this machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// Landlock, seccomp and the limits all hold.
    Full,
    /// Landlock holds only in part (an older kernel: no network rules, say).
    Partial,
    /// Only the resource limits hold (no Landlock, or no seccomp).
    LimitsOnly,
}

/// The launcher that sandboxes submissions' processes.
#[derive(Debug, Clone)]
pub struct Sandbox {
    launcher: PathBuf,
    strength: Strength,
}

impl Sandbox {
    /// The sandbox run by `launcher` (a program whose `main` hands its
    /// arguments to [`launch`] when the first is [`LAUNCHER_ARG`]). The
    /// launcher is tried once, to learn what this kernel enforces.
    ///
    /// # Errors
    /// A message when the launcher cannot run or set up even the limits.
    pub fn new(launcher: PathBuf) -> Result<Sandbox, String> {
        let probe = Command::new(&launcher)
            .args([LAUNCHER_ARG, "--probe"])
            .output()
            .map_err(|e| format!("cannot run the sandbox launcher: {e}"))?;
        let stdout = String::from_utf8_lossy(&probe.stdout);
        if !probe.status.success() {
            let stderr = String::from_utf8_lossy(&probe.stderr);
            return Err(stderr.lines().next().unwrap_or("failed").to_string());
        }
        let strength = match stdout.trim() {
            "full" => Strength::Full,
            "partial" => Strength::Partial,
            _ => Strength::LimitsOnly,
        };
        Ok(Sandbox { launcher, strength })
    }

    /// What this kernel enforces.
    pub fn strength(&self) -> Strength {
        self.strength
    }

    /// One line for the instructor when the sandbox is weaker than intended.
    pub fn warning(&self) -> Option<&'static str> {
        match self.strength {
            Strength::Full => None,
            Strength::Partial => Some(
                "warning: this kernel's Landlock is old: submissions' file access is \
                 restricted, but not all of their network access",
            ),
            Strength::LimitsOnly => Some(
                "warning: this kernel has no Landlock (or no seccomp): submissions run \
                 with resource limits only, their files, network and processes are not restricted",
            ),
        }
    }

    /// A command that runs `program` under `policy`; add its arguments and
    /// environment as usual.
    pub fn command(&self, policy: &Policy, program: &Path) -> Command {
        let mut command = Command::new(&self.launcher);
        let policy = serde_json::to_string(policy).unwrap_or_default();
        command.arg(LAUNCHER_ARG).arg(policy).arg("--").arg(program);
        command
    }
}

/// The launcher's `main`: runs [`launch`], and on failure prints
/// `sandbox: WHY` and exits with [`LAUNCH_FAILED`].
pub fn main(args: impl IntoIterator<Item = OsString>) -> std::process::ExitCode {
    match launch(args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("{FAILED}{why}");
            std::process::ExitCode::from(LAUNCH_FAILED)
        }
    }
}

/// How the launcher's failures start, on stderr.
pub(crate) const FAILED: &str = "sandbox: ";

/// Restricts this process and runs the program: `args` are those after [`LAUNCHER_ARG`], either
/// `--probe` or `POLICY -- PROGRAM ARGS…`. Restricts the process as the
/// policy says and replaces it with the program; returns only on failure,
/// with the reason (the caller prints it and exits with [`LAUNCH_FAILED`]).
/// `--probe` applies a sample policy and prints `full`, `partial` or `none`.
pub fn launch(args: impl IntoIterator<Item = OsString>) -> Result<(), String> {
    let mut args = args.into_iter();
    let first = args.next().unwrap_or_default();
    if first == "--probe" {
        let scratch = std::env::temp_dir();
        let policy = Policy {
            read: system_paths(),
            write: vec![scratch],
            limits: Limits::check(5),
            processes: false,
        };
        let strength = imp::restrict(&policy)?;
        println!(
            "{}",
            match strength {
                Strength::Full => "full",
                Strength::Partial => "partial",
                Strength::LimitsOnly => "none",
            }
        );
        return Ok(());
    }
    let policy: Policy = serde_json::from_str(&first.to_string_lossy())
        .map_err(|e| format!("the sandbox policy is malformed: {e}"))?;
    if args.next().is_none_or(|dash| dash != "--") {
        return Err("usage: lab __sandbox POLICY -- PROGRAM ARGS…".to_string());
    }
    let program = args.next().ok_or("no program to run")?;
    imp::restrict(&policy)?;
    imp::exec(Command::new(&program).args(args))
        .map_err(|error| format!("cannot run {}: {error}", program.to_string_lossy()))
}

#[cfg(target_os = "linux")]
mod imp {
    use super::{Limits, NO_NETWORK_ERRNO, Policy, Strength};
    use landlock::{
        ABI, Access, AccessFs, AccessNet, CompatLevel, Compatible, RulesetAttr, RulesetCreatedAttr,
        RulesetStatus, Scope, path_beneath_rules,
    };
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    use seccompiler::{
        SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter, SeccompRule,
    };
    use std::collections::BTreeMap;

    /// Replaces this process with `command`; returns only on failure.
    pub(super) fn exec(command: &mut std::process::Command) -> Result<(), std::io::Error> {
        use std::os::unix::process::CommandExt;
        Err(command.exec())
    }

    /// Applies the limits, Landlock and seccomp to this process.
    /// Only the limits are required: a kernel (or container) that refuses
    /// Landlock or seccomp leaves the process with the limits alone.
    pub(super) fn restrict(policy: &Policy) -> Result<Strength, String> {
        limit(&policy.limits)?;
        let landlocked = landlock(policy).unwrap_or(Strength::LimitsOnly);
        match seccomp(policy.processes) {
            Ok(()) => Ok(landlocked),
            Err(_) => Ok(Strength::LimitsOnly),
        }
    }

    fn limit(limits: &Limits) -> Result<(), String> {
        let set = |resource, value: u64, extra: u64| {
            // Never above the hard limit this process already has.
            let hard = getrlimit(resource).maximum.unwrap_or(u64::MAX);
            let rlimit = Rlimit {
                current: Some(value.min(hard)),
                maximum: Some(value.saturating_add(extra).min(hard)),
            };
            setrlimit(resource, rlimit)
                .map_err(|e| format!("cannot set the {resource:?} limit: {e}"))
        };
        set(Resource::As, limits.memory, 0)?;
        // SIGXCPU at the soft limit, SIGKILL one second later.
        set(Resource::Cpu, limits.cpu_seconds, 1)?;
        set(Resource::Fsize, limits.file_size, 0)?;
        set(Resource::Core, 0, 0)
    }

    fn landlock(policy: &Policy) -> Result<Strength, String> {
        let abi = ABI::V6;
        let failed = |e: landlock::RulesetError| format!("cannot set up Landlock: {e}");
        let status = landlock::Ruleset::default()
            .set_compatibility(CompatLevel::BestEffort)
            .handle_access(AccessFs::from_all(abi))
            .and_then(|r| r.handle_access(AccessNet::from_all(abi)))
            .and_then(|r| r.scope(Scope::from_all(abi)))
            .and_then(|r| r.create())
            .and_then(|r| r.add_rules(path_beneath_rules(&policy.read, AccessFs::from_read(abi))))
            .and_then(|r| r.add_rules(path_beneath_rules(&policy.write, AccessFs::from_all(abi))))
            .and_then(|r| r.restrict_self())
            .map_err(failed)?;
        Ok(match status.ruleset {
            RulesetStatus::FullyEnforced => Strength::Full,
            RulesetStatus::PartiallyEnforced => Strength::Partial,
            RulesetStatus::NotEnforced => Strength::LimitsOnly,
        })
    }

    /// Three filters: sockets fail with `ENETUNREACH`; unless `processes`,
    /// `clone3` says "not implemented" (so threads fall back to `clone`, whose
    /// flags can be inspected) and a new process kills the caller.
    fn seccomp(processes: bool) -> Result<(), String> {
        let failed = |e: seccompiler::Error| format!("cannot set up seccomp: {e}");
        let backend = |e: seccompiler::BackendError| failed(e.into());
        let arch = std::env::consts::ARCH.try_into().map_err(backend)?;
        let install = |rules: BTreeMap<i64, Vec<SeccompRule>>, action| {
            let filter =
                SeccompFilter::new(rules, SeccompAction::Allow, action, arch).map_err(backend)?;
            let program: seccompiler::BpfProgram = filter.try_into().map_err(backend)?;
            seccompiler::apply_filter(&program).map_err(failed)
        };
        let always = |syscalls: &[i64]| -> BTreeMap<i64, Vec<SeccompRule>> {
            syscalls.iter().map(|&s| (s, vec![])).collect()
        };
        let network = always(&[libc::SYS_socket, libc::SYS_io_uring_setup]);
        install(network, SeccompAction::Errno(NO_NETWORK_ERRNO))?;
        if processes {
            return Ok(());
        }
        let clone3 = always(&[libc::SYS_clone3]);
        install(clone3, SeccompAction::Errno(libc::ENOSYS as u32))?;
        let thread = libc::CLONE_THREAD as u64;
        let not_a_thread = SeccompCondition::new(
            0,
            SeccompCmpArgLen::Qword,
            SeccompCmpOp::MaskedEq(thread),
            0,
        )
        .and_then(|c| SeccompRule::new(vec![c]))
        .map_err(backend)?;
        #[cfg(target_arch = "x86_64")]
        let mut rules = always(&[libc::SYS_fork, libc::SYS_vfork]);
        #[cfg(not(target_arch = "x86_64"))]
        let mut rules = BTreeMap::new();
        rules.insert(libc::SYS_clone, vec![not_a_thread]);
        install(rules, SeccompAction::KillProcess)
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    use super::{Policy, Strength};

    pub(super) fn restrict(_policy: &Policy) -> Result<Strength, String> {
        Err("the sandbox needs Linux".to_string())
    }

    pub(super) fn exec(_command: &mut std::process::Command) -> Result<(), std::io::Error> {
        Err(std::io::Error::other("the sandbox needs Linux"))
    }
}
