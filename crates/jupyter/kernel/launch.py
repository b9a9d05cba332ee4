"""Starts the evcxr Jupyter kernel of the course in a build folder kept
between kernels.

The kernelspec that `cargo lab notebooks` and `cargo lab test` install runs
`python launch.py EVCXR_JUPYTER ARGS...`. This script takes the first build
folder no other kernel holds (kernel-0, kernel-1, ...; a lock file per folder,
held until the kernel exits), writes the cargo settings above it, and replaces
itself with evcxr_jupyter building there. Every notebook loads the same crates
(the `lecture` facade), so the next kernel, for any notebook, finds them
compiled and compiles only its cells; evcxr's `:cache` (init.evcxr) keeps the
crates.io dependencies for folders that are new.

The folders are in the temporary folder, as evcxr's own: outside the workspace
(cargo would take a kernel's crate inside it for a member) and away from the
Rust toolchain's folder (a build folder beside it gets a wrong relative rpath
to the standard library).
"""

import fcntl
import hashlib
import itertools
import os
import sys
import tempfile
from pathlib import Path

SETTINGS = Path(__file__).resolve().parent


def build_root() -> Path:
    """The folder holding this workspace's kernel build folders."""
    workspace = SETTINGS.parent.parent.parent
    key = hashlib.sha256(str(workspace).encode()).hexdigest()[:12]
    root = Path(tempfile.gettempdir()) / f"lab-notebooks-{os.getuid()}" / f"{workspace.name}-{key}"
    (root / ".cargo").mkdir(parents=True, exist_ok=True)
    settings = (SETTINGS / "cargo-config.toml").read_text()
    config = root / ".cargo" / "config.toml"
    if not config.exists() or config.read_text() != settings:
        config.write_text(settings)
    return root


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
        # The lock stays held by evcxr_jupyter, which inherits the file.
        os.set_inheritable(lock.fileno(), True)
        os.environ["EVCXR_TMPDIR"] = str(folder)
        os.environ.setdefault("EVCXR_CONFIG_DIR", str(SETTINGS))
        os.execv(evcxr, [evcxr, *args])


if __name__ == "__main__":
    main()
