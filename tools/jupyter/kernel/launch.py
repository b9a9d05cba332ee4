"""Starts the evcxr Jupyter kernel of the course in a build folder kept
between kernels.

The kernelspec that `cargo lab notebooks` and `cargo lab test` install runs
`python launch.py EVCXR_JUPYTER ARGS...`. This script takes the first build
folder no other kernel holds (kernel-0, kernel-1, ...; a lock file per folder,
held until the kernel exits), writes the cargo settings above it, and replaces
itself with evcxr_jupyter building there. Every notebook loads the same crates
(the `lecture` facade), so the next kernel, for any notebook, finds them
compiled and compiles only its cells. A folder that is new (a second kernel
open at the same time) starts as a copy of the most recently used folder's
build, which takes seconds where compiling the crates again would take
about 20 s even from evcxr's `:cache` (init.evcxr).

The folders are in the temporary folder, as evcxr's own: outside the workspace
(cargo would take a kernel's crate inside it for a member) and away from the
Rust toolchain's folder (a build folder beside it gets a wrong relative rpath
to the standard library).

On a class server (`cargo lab hub`) two variables change this: every
student's kernels build in the student's own folder, `LAB_KERNEL_BUILDS`,
and a new build folder starts as a copy of `LAB_KERNEL_SEED`, a build of the
notebooks' crates compiled once by `cargo lab hub --setup` and never written
by a kernel, so no student's first `:dep` compiles them.
"""

import fcntl
import hashlib
import itertools
import os
import shutil
import sys
import tempfile
from pathlib import Path

SETTINGS = Path(__file__).resolve().parent


def build_root() -> Path:
    """The folder holding this workspace's kernel build folders:
    `LAB_KERNEL_BUILDS` when set, else one per workspace and user in the
    temporary folder."""
    if os.environ.get("LAB_KERNEL_BUILDS"):
        root = Path(os.environ["LAB_KERNEL_BUILDS"])
    else:
        workspace = SETTINGS.parent.parent.parent
        key = hashlib.sha256(str(workspace).encode()).hexdigest()[:12]
        root = Path(tempfile.gettempdir()) / f"lab-notebooks-{os.getuid()}" / f"{workspace.name}-{key}"
    (root / ".cargo").mkdir(parents=True, exist_ok=True)
    settings = (SETTINGS / "cargo-config.toml").read_text()
    config = root / ".cargo" / "config.toml"
    if not config.exists() or config.read_text() != settings:
        config.write_text(settings)
    return root


def copy_seed(seed: Path, folder: Path) -> None:
    """Copies the shared build `seed` (its `target` and `Cargo.lock`, so the
    same versions resolve) into a new build folder, writable by its owner
    although the seed is read-only; when the copy fails the folder builds
    cold: slower, correct."""
    try:
        shutil.copytree(seed / "target", folder / "target", symlinks=True)
        if (seed / "Cargo.lock").is_file():
            shutil.copy2(seed / "Cargo.lock", folder / "Cargo.lock")
        for directory, _, files in os.walk(folder / "target"):
            for path in [directory, *(os.path.join(directory, name) for name in files)]:
                if not os.path.islink(path):
                    os.chmod(path, os.stat(path).st_mode | 0o200)
    except OSError:
        shutil.rmtree(folder / "target", ignore_errors=True)


def seed_build(folder: Path, root: Path) -> None:
    """Gives a new build folder a copy of the shared seed (`LAB_KERNEL_SEED`)
    or else of the most recently used folder's `target`, so a second kernel
    starts with the crates compiled. A used folder is copied only while no
    build runs there (cargo's own locks, held meanwhile); otherwise, or if
    the copy fails, the folder builds cold: slower, correct."""
    if (folder / "target").exists():
        return
    seed = Path(os.environ.get("LAB_KERNEL_SEED", ""))
    if os.environ.get("LAB_KERNEL_SEED") and (seed / "target").is_dir():
        copy_seed(seed, folder)
        return
    used = [f for f in root.glob("kernel-*") if (f / "target").is_dir() and (f / "Cargo.toml").exists()]
    if not used:
        return
    newest = max(used, key=lambda f: (f / "Cargo.toml").stat().st_mtime) / "target"
    locks = [open(lock, "a") for lock in newest.glob("*/debug/.cargo-lock")]
    try:
        for lock in locks:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        shutil.copytree(newest, folder / "target", symlinks=True)
    except OSError:
        shutil.rmtree(folder / "target", ignore_errors=True)
    finally:
        for lock in locks:
            lock.close()


def main() -> None:
    evcxr, *args = sys.argv[1:]
    root = build_root()
    for slot in itertools.count():
        lock = open(root / f"kernel-{slot}.lock", "w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            continue
        folder = root / f"kernel-{slot}"
        folder.mkdir(exist_ok=True)
        seed_build(folder, root)
        # The lock stays held by evcxr_jupyter, which inherits the file.
        os.set_inheritable(lock.fileno(), True)
        os.environ["EVCXR_TMPDIR"] = str(folder)
        os.environ.setdefault("EVCXR_CONFIG_DIR", str(SETTINGS))
        os.execv(evcxr, [evcxr, *args])


if __name__ == "__main__":
    main()
