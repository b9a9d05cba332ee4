#!/bin/sh
# The single-user image's set-up (tools/hub/image/Dockerfile): the same
# set-up as `cargo lab hub --setup` on one server, run in the course
# checkout. It installs, without root, what is missing: evcxr_jupyter (with
# cargo), the .venv with JupyterLab and JupyterHub (pip), JupyterHub's proxy
# (npm), and compiles the notebooks' crates once into the shared build,
# $LAB_HUB_DIR/seed/kernel-0, read-only, which every kernel in the image
# starts from. It then checks what a student's server needs is there.
#
#     LAB_HUB_DIR=/srv/hub tools/hub/image/setup.sh
set -eu
cd "$(dirname "$0")/../../.."
: "${LAB_HUB_DIR:?set LAB_HUB_DIR to the folder of the shared build}"
cargo lab hub --setup
test -x .venv/bin/jupyterhub-singleuser
test -f .venv/share/jupyter/kernels/rust/kernel.json
test -d "$LAB_HUB_DIR/seed/kernel-0/target"
echo "image set-up: ready (shared build in $LAB_HUB_DIR/seed/kernel-0)"
