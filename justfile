# Every recipe is a one-line wrapper over the course tool, `cargo lab`.
# Arguments are passed on as given, quotes included: just graph "(x+y)*z" x=-2 y=5 z=-4

set positional-arguments

# The lesson's exercises (the default recipe).
lesson-3 *args:
    @[ -x target/debug/lab ] || echo "first run: cargo builds lab, the course tool, once (about a minute)…" >&2
    cargo lab lesson 3 "$@"

# The hint of the current exercise, or of the one named.
hint *name:
    cargo lab lesson 3 hint "$@"

# The lecture in JupyterLab (sets up the Rust kernel on first use): just notebooks [--no-browser] [--port N]
notebooks *args:
    cargo lab notebooks "$@"

# Every test: the workspace tests, the notebooks, the book and the course self-check.
test *args:
    cargo lab test "$@"

# Only the notebooks' tests: all of them, or the files given (--timings lists the slowest cells).
test-notebooks *files:
    cargo lab test --notebooks "$@"

# The lecture as a static HTML book: just book [--out DIR]
book *args:
    cargo lab book "$@"

# Grade submission folders of lesson 3: just grade SUBMISSION… [--csv FILE]
grade *args:
    cargo lab grade 3 "$@"

# Gradient descent: just descend quartic --start 1 --lr 0.01
descend *args:
    cargo lab descend "$@"

# Analytic derivative against finite differences: just derivative quadratic --at 1
derivative *args:
    cargo lab derivative "$@"

# Backpropagation through an expression: just graph "(x+y)*z" x=-2 y=5 z=-4
graph *args:
    cargo lab graph "$@"

# Train the slides' network: just train --data moons --epochs 2000
train *args:
    cargo lab train "$@"

# The benchmarks against micrograd and numpy.
bench *args:
    cargo lab bench "$@"
