//! The shared build: the crates the notebooks load (the `lecture` facade,
//! with and without its `network` feature, and everything below it)
//! compiled once by the course kernel into `seed/kernel-0`, then made
//! read-only. Every student's new kernel build folder starts as a copy of
//! it (`LAB_KERNEL_SEED`, see `tools/jupyter/kernel/launch.py`), so the
//! first `:dep` of every student finds the crates compiled.

use crate::Hub;
use anyhow::{Context, Result};
use jupyter::Environment;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use walkdir::WalkDir;

/// The folder the seed's kernel builds in (its `LAB_KERNEL_BUILDS`).
pub fn folder(hub: &Hub) -> PathBuf {
    hub.state.join("seed")
}

/// The seed itself, what `LAB_KERNEL_SEED` names: the build folder of the
/// seed's kernel.
pub fn build(hub: &Hub) -> PathBuf {
    folder(hub).join("kernel-0")
}

/// evcxr's `:cache` of compiled crates.io dependencies, shared by the seed
/// and every student (evcxr keeps it in `$XDG_CACHE_HOME/evcxr`).
pub fn cache(hub: &Hub) -> PathBuf {
    hub.state.join("cache")
}

/// The file whose time says when the seed was completed.
fn marker(hub: &Hub) -> PathBuf {
    folder(hub).join("ready")
}

/// The seed, compiled when it is missing or older than the crates or the
/// kernel settings it was compiled from.
///
/// # Errors
/// When the seed's kernel fails (one line: the failing cell's message), or
/// the seed cannot be written.
pub fn ensure(hub: &Hub, environment: &Environment) -> Result<PathBuf> {
    let sources = [
        hub.workspace.root().join("crates"),
        jupyter::kernel::settings_dir(&hub.workspace),
    ];
    let ready = modified(&marker(hub));
    let newest = sources.iter().filter_map(|dir| newest_in(dir)).max();
    if ready.is_some() && newest <= ready {
        return Ok(build(hub));
    }
    let folder = folder(hub);
    eprintln!(
        "lab: compiling the notebooks' crates once for every student into {} \
         (minutes the first time)",
        folder.display()
    );
    if folder.exists() {
        set_read_only(&folder, false)?;
        std::fs::remove_dir_all(&folder)
            .with_context(|| format!("cannot remove {}", folder.display()))?;
    }
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("cannot create {}", folder.display()))?;
    let mut seed = environment.python();
    seed.arg(hub.tool_dir().join("python").join("seed.py"))
        .arg(hub.workspace.notebooks())
        .env("LAB_KERNEL_BUILDS", &folder)
        .env_remove("LAB_KERNEL_SEED")
        .env("XDG_CACHE_HOME", cache(hub));
    jupyter::output_of(&mut seed, || "the shared build failed".into())?;
    set_read_only(&build(hub).join("target"), true)?;
    std::fs::write(marker(hub), "")
        .with_context(|| format!("cannot write {}", marker(hub).display()))?;
    Ok(build(hub))
}

/// The library files (`.rlib`) of a kernel build folder that are not the
/// seed's own: compiled by that kernel rather than copied from the seed
/// (a copy keeps the seed file's length and modification time).
///
/// # Errors
/// When either folder cannot be read.
pub fn compiled_beside(build_folder: &Path, seed: &Path) -> Result<Vec<PathBuf>> {
    let mut compiled = Vec::new();
    for library in libraries(build_folder)? {
        let relative = library.strip_prefix(build_folder)?;
        let same = |path: &Path| -> Option<(u64, SystemTime)> {
            let meta = std::fs::metadata(path).ok()?;
            Some((meta.len(), meta.modified().ok()?))
        };
        if same(&library).is_none() || same(&library) != same(&seed.join(relative)) {
            compiled.push(relative.to_path_buf());
        }
    }
    Ok(compiled)
}

/// Every `.rlib` under a build folder's `target`.
///
/// # Errors
/// When the folder cannot be read.
pub fn libraries(build_folder: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in WalkDir::new(build_folder.join("target")) {
        let entry = entry.with_context(|| format!("cannot read {}", build_folder.display()))?;
        if entry.path().extension().is_some_and(|ext| ext == "rlib") {
            found.push(entry.into_path());
        }
    }
    Ok(found)
}

/// When a file was last modified, if it exists.
fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path)
        .and_then(|meta| meta.modified())
        .ok()
}

/// The latest modification time of anything under `dir`.
fn newest_in(dir: &Path) -> Option<SystemTime> {
    WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|entry| entry.metadata().ok()?.modified().ok())
        .max()
}

/// Makes everything under `dir` read-only (the shared build, which kernels
/// only copy), or writable again to remove it.
fn set_read_only(dir: &Path, read_only: bool) -> Result<()> {
    // Folders after their contents when locking, before them when unlocking.
    for entry in WalkDir::new(dir).contents_first(read_only) {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        if entry.path_is_symlink() {
            continue;
        }
        let mode = entry.metadata()?.permissions().mode();
        let mode = if read_only {
            mode & !0o222
        } else {
            mode | 0o200
        };
        std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode))
            .with_context(|| format!("cannot change {}", entry.path().display()))?;
    }
    Ok(())
}
