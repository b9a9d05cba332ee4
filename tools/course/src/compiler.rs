//! The compiler of the exercises: one rustc, and the crates an exercise may
//! use besides the standard library, built once.
//!
//! An exercise may `use ndarray::…`: the crates listed in [`EXERCISE_CRATES`]
//! are taken at the version the workspace uses (its `[workspace.dependencies]`
//! entry, pinned by its `Cargo.lock`) and built once, with optimisations, in
//! a small cargo project in a cache folder (`target/exercise-crates`). Every
//! exercise is then compiled with `--extern ndarray=…/libndarray-….rlib`, so
//! the build stays warm: a check compiles only the exercise and its checks.

use crate::Error;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The crates an exercise may use besides the standard library.
pub const EXERCISE_CRATES: &[&str] = &["ndarray"];

/// A crate passed to rustc as `--extern NAME=PATH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extern {
    /// The crate's name in code, e.g. `ndarray`.
    pub name: String,
    /// Its compiled library (`.rlib`).
    pub rlib: PathBuf,
}

/// The rustc that compiles exercises, and the crates they may use.
#[derive(Debug, Clone)]
pub struct Compiler {
    rustc: PathBuf,
    /// The toolchain's folder, when rustc told it.
    sysroot: Option<PathBuf>,
    externs: Vec<Extern>,
    /// Where the externs' own dependencies are (`-L dependency=…`).
    dependencies: Option<PathBuf>,
}

impl Compiler {
    /// Exercises that use only the standard library, compiled with `$RUSTC`
    /// (or `rustc`).
    pub fn std_only() -> Compiler {
        let (rustc, sysroot) = toolchain_rustc();
        Compiler {
            rustc,
            sysroot,
            externs: Vec::new(),
            dependencies: None,
        }
    }

    /// Exercises that may use [`EXERCISE_CRATES`] at the versions of the
    /// workspace whose root is `workspace`, built (or found up to date) in
    /// the folder `cache`. The rustc is the toolchain's own binary (not a
    /// rustup proxy), so the crates and the exercises are compiled by the same one.
    ///
    /// # Errors
    /// [`Error::Manifest`] when the
    /// workspace does not name a crate, [`Error::Write`] for the cache, and
    /// [`Error::Crates`] when cargo cannot build them.
    pub fn with_workspace_crates(workspace: &Path, cache: &Path) -> Result<Compiler, Error> {
        let (rustc, sysroot) = toolchain_rustc();
        write_project(workspace, cache)?;
        let (externs, dependencies) = build_project(&rustc, cache)?;
        Ok(Compiler {
            rustc,
            sysroot,
            externs,
            dependencies: Some(dependencies),
        })
    }

    /// The toolchain's release, e.g. `1.95.0` (from `rustc --version`).
    ///
    /// # Errors
    /// [`Error::Rustc`] when rustc cannot run or does not say.
    pub fn release(&self) -> Result<String, Error> {
        let output = Command::new(&self.rustc)
            .arg("--version")
            .output()
            .map_err(Error::Rustc)?;
        let text = String::from_utf8_lossy(&output.stdout);
        text.split_whitespace()
            .nth(1)
            .map(str::to_string)
            .ok_or_else(|| {
                Error::Rustc(std::io::Error::other(format!(
                    "`rustc --version` said {text:?}"
                )))
            })
    }

    /// The rustc binary.
    pub fn rustc(&self) -> &Path {
        &self.rustc
    }

    /// The crates exercises may use.
    pub fn externs(&self) -> &[Extern] {
        &self.externs
    }

    /// The folders rustc reads besides the exercise: the toolchain and the
    /// compiled crates.
    pub fn read_paths(&self) -> Vec<PathBuf> {
        self.sysroot
            .iter()
            .chain(&self.dependencies)
            .chain(self.externs.iter().map(|e| &e.rlib))
            .cloned()
            .collect()
    }

    /// The `--extern` and `-L` arguments that give rustc the crates.
    pub fn crate_args(&self) -> Vec<OsString> {
        let mut args = Vec::new();
        for crate_ in &self.externs {
            let mut arg = OsString::from(format!("{}=", crate_.name));
            arg.push(&crate_.rlib);
            args.extend(["--extern".into(), arg]);
        }
        if let Some(dir) = &self.dependencies {
            let mut arg = OsString::from("dependency=");
            arg.push(dir);
            args.extend(["-L".into(), arg]);
        }
        args
    }

    /// A rustc command with the arguments that give it the crates; the
    /// caller adds the rest.
    pub fn command(&self) -> Command {
        let mut command = Command::new(&self.rustc);
        command.args(self.crate_args());
        command
    }
}

/// `$RUSTC`, or `rustc` from the `PATH`.
fn rustc_from_env() -> PathBuf {
    std::env::var_os("RUSTC")
        .filter(|r| !r.is_empty())
        .map_or_else(|| "rustc".into(), PathBuf::from)
}

/// The toolchain's rustc and its sysroot: `SYSROOT/bin/rustc` of `$RUSTC`
/// or the `rustc` on the `PATH` (a rustup proxy resolves the toolchain once,
/// here), or that rustc itself when it does not say where it lives.
fn toolchain_rustc() -> (PathBuf, Option<PathBuf>) {
    let rustc = rustc_from_env();
    let Ok(output) = Command::new(&rustc).args(["--print", "sysroot"]).output() else {
        return (rustc, None);
    };
    let sysroot = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    let binary = sysroot
        .join("bin")
        .join(format!("rustc{}", std::env::consts::EXE_SUFFIX));
    if !output.status.success() || !binary.is_file() {
        return (rustc, None);
    }
    if std::env::var_os("RUSTC").is_some_and(|r| !r.is_empty()) {
        return (rustc, Some(sysroot));
    }
    (binary, Some(sysroot))
}

/// Writes the cache's cargo project: a library depending on each of
/// [`EXERCISE_CRATES`] as the workspace does, with the workspace's lock file.
/// Files are only rewritten when they change, so the build stays fresh.
fn write_project(workspace: &Path, cache: &Path) -> Result<(), Error> {
    let manifest = workspace.join("Cargo.toml");
    let read = |path: &Path| {
        std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })
    };
    let text = read(&manifest)?;
    let mut cargo_toml = "# The crates exercises may use, at the workspace's versions.\n\
         [package]\nname = \"exercise-crates\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [lib]\npath = \"lib.rs\"\n\n[workspace]\n\n[dependencies]\n"
        .to_string();
    for name in EXERCISE_CRATES {
        let spec = workspace_dependency(&text, name).ok_or_else(|| Error::Manifest {
            path: manifest.clone(),
            message: format!("[workspace.dependencies] has no `{name}`, which exercises may use"),
        })?;
        cargo_toml += &format!("{name} = {spec}\n");
    }
    write_if_changed(&cache.join("Cargo.toml"), &cargo_toml)?;
    write_if_changed(
        &cache.join("lib.rs"),
        "//! Nothing: only the dependencies matter.\n",
    )?;
    let lock = workspace.join("Cargo.lock");
    if lock.is_file() {
        let stamp = cache.join("workspace.lock");
        let workspace_lock = read(&lock)?;
        if std::fs::read_to_string(&stamp).ok().as_deref() != Some(workspace_lock.as_str()) {
            write_if_changed(&cache.join("Cargo.lock"), &workspace_lock)?;
            write_if_changed(&stamp, &workspace_lock)?;
        }
    }
    Ok(())
}

/// The `[workspace.dependencies]` entry of `name` in a Cargo.toml, as TOML.
fn workspace_dependency(cargo_toml: &str, name: &str) -> Option<String> {
    let table: toml::Table = toml::from_str(cargo_toml).ok()?;
    let spec = table.get("workspace")?.get("dependencies")?.get(name)?;
    match spec {
        toml::Value::String(version) => Some(toml::Value::String(version.clone()).to_string()),
        toml::Value::Table(entry) if !entry.contains_key("path") => {
            let fields: Vec<String> = entry.iter().map(|(k, v)| format!("{k} = {v}")).collect();
            Some(format!("{{ {} }}", fields.join(", ")))
        }
        _ => None,
    }
}

fn write_if_changed(path: &Path, text: &str) -> Result<(), Error> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(text) {
        return Ok(());
    }
    let written = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(written)?;
    // Another grader may read it meanwhile: write beside it, then rename.
    let temporary = tempfile::NamedTempFile::new_in(dir).map_err(written)?;
    std::fs::write(temporary.path(), text).map_err(written)?;
    temporary
        .persist(path)
        .map_err(|e| Error::Write {
            path: path.to_path_buf(),
            source: e.error,
        })
        .map(drop)
}

/// Builds the cache's project with cargo (a no-op when it is up to date) and
/// returns the rlib of each of [`EXERCISE_CRATES`] and the folder of their
/// dependencies.
fn build_project(rustc: &Path, cache: &Path) -> Result<(Vec<Extern>, PathBuf), Error> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let target = cache.join("target");
    let failed = |message: String| Error::Crates {
        names: EXERCISE_CRATES.join(", "),
        message,
    };
    let output = Command::new(&cargo)
        .args(["build", "--release", "--quiet", "--message-format=json"])
        .arg("--manifest-path")
        .arg(cache.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target)
        .env("RUSTC", rustc)
        .env_remove("RUSTC_WRAPPER")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_BUILD_RUSTFLAGS")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| failed(format!("cannot run cargo: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let why = stderr
            .lines()
            .find(|l| l.starts_with("error"))
            .unwrap_or("cargo build failed");
        return Err(failed(why.to_string()));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let externs = EXERCISE_CRATES
        .iter()
        .map(|name| {
            let rlib = artifact_rlib(&stdout, name)
                .ok_or_else(|| failed(format!("cargo built no library for `{name}`")))?;
            Ok(Extern {
                name: name.to_string(),
                rlib,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok((externs, target.join("release").join("deps")))
}

/// The `.rlib` that cargo's JSON messages report for the library `name`.
fn artifact_rlib(messages: &str, name: &str) -> Option<PathBuf> {
    messages
        .lines()
        .rev()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == name)
        .filter_map(|m| {
            m["filenames"]
                .as_array()?
                .iter()
                .filter_map(|f| f.as_str())
                .find(|f| f.ends_with(".rlib"))
                .map(PathBuf::from)
        })
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_dependency_is_copied_as_written() {
        let cargo_toml = "[workspace.dependencies]\nndarray = \"0.17\"\n\
                          rand = { version = \"0.9\", default-features = false }\n\
                          local = { path = \"crates/local\" }\n";
        assert_eq!(
            workspace_dependency(cargo_toml, "ndarray").unwrap(),
            "\"0.17\""
        );
        let rand = workspace_dependency(cargo_toml, "rand").unwrap();
        let parsed: toml::Table = toml::from_str(&format!("rand = {rand}")).unwrap();
        assert_eq!(parsed["rand"]["version"].as_str(), Some("0.9"));
        assert_eq!(parsed["rand"]["default-features"].as_bool(), Some(false));
        assert_eq!(workspace_dependency(cargo_toml, "local"), None);
        assert_eq!(workspace_dependency(cargo_toml, "serde"), None);
    }

    #[test]
    fn the_rlib_is_read_from_cargo_messages() {
        let messages = r#"{"reason":"compiler-artifact","target":{"name":"num_traits"},"filenames":["/t/libnum_traits-1.rlib"]}
{"reason":"compiler-artifact","target":{"name":"ndarray"},"filenames":["/t/libndarray-2.rlib","/t/libndarray-2.rmeta"]}
{"reason":"build-finished","success":true}"#;
        assert_eq!(
            artifact_rlib(messages, "ndarray"),
            Some(PathBuf::from("/t/libndarray-2.rlib"))
        );
        assert_eq!(artifact_rlib(messages, "rand"), None);
    }
}
