"""The lecture's network in numpy: the reference that `cargo lab bench network`
times side by side with the Rust crate.

It is the same network as crates/network, written the way the course's numpy
notebook writes it: sigmoid layers, weights of shape (units in l, units in
l-1) drawn from [-eps, eps) with eps = 1/sqrt(units in l-1), zero biases, the batch
forward pass with the transpose, J = 1/(2m) sum (p - y)^2, backpropagation
with gradients averaged over the batch, and the update in place.

Usage: numpy_reference.py SIZES DATA ROWS BATCH MIN_SECONDS
  SIZES  e.g. 2,4,1      DATA  moons | random      ROWS  examples
  BATCH  0 = full batch, else the mini-batch size (shuffled every epoch)
Prints one JSON line: {"ms_per_epoch": ..., "rounds": [...], "loss": ...}, where
ms_per_epoch is the median of the 10 rounds' milliseconds per epoch.
"""

import json
import statistics
import sys
import time

import numpy as np

ROUNDS = 10


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def moons(m, noise, rng):
    upper, lower = m // 2, m - m // 2
    t_upper = np.linspace(0.0, np.pi, upper)
    t_lower = np.linspace(0.0, np.pi, lower)
    x = np.vstack([
        np.column_stack([np.cos(t_upper), np.sin(t_upper)]),
        np.column_stack([1.0 - np.cos(t_lower), 0.5 - np.sin(t_lower)]),
    ])
    x += rng.normal(0.0, noise, x.shape)
    y = np.concatenate([np.zeros(upper), np.ones(lower)]).reshape(-1, 1)
    return x, y


def random_rows(m, inputs, outputs, rng):
    x = rng.uniform(0.0, 1.0, (m, inputs))
    y = np.eye(outputs)[rng.integers(0, outputs, m)]
    return x, y


def init(sizes, rng):
    layers = []
    for inputs, units in zip(sizes[:-1], sizes[1:]):
        r = 1.0 / np.sqrt(inputs)
        layers.append((rng.uniform(-r, r, (units, inputs)), np.zeros(units)))
    return layers


def step(layers, x, y, learning_rate):
    """Forward pass, backpropagation and update on one batch; returns J."""
    activations = [x]
    for weights, bias in layers:
        activations.append(sigmoid(activations[-1] @ weights.T + bias))
    p = activations[-1]
    m = x.shape[0]
    loss = np.sum((p - y) ** 2) / (2 * m)
    delta = (p - y) * p * (1 - p)  # delta_p times sigma'(z_p)
    for l in reversed(range(len(layers))):
        weights, bias = layers[l]
        a = activations[l]
        grad_weights = delta.T @ a / m
        grad_bias = delta.sum(axis=0) / m
        if l > 0:
            delta = (delta @ weights) * a * (1 - a)  # (Theta^l)^T delta, times sigma'
        weights -= learning_rate * grad_weights
        bias -= learning_rate * grad_bias
    return loss


def epoch(layers, x, y, learning_rate, batch, rng):
    m = x.shape[0]
    if batch == 0 or batch >= m:
        return step(layers, x, y, learning_rate)
    order = rng.permutation(m)
    total = 0.0
    for start in range(0, m, batch):
        rows = order[start:start + batch]
        total += len(rows) * step(layers, x[rows], y[rows], learning_rate)
    return total / m


def main():
    sizes = [int(s) for s in sys.argv[1].split(",")]
    data, rows, batch = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    min_seconds = float(sys.argv[5])
    rng = np.random.default_rng(0)
    if data == "moons":
        x, y = moons(rows, 0.1, rng)
    else:
        x, y = random_rows(rows, sizes[0], sizes[-1], rng)
    layers = init(sizes, rng)
    learning_rate = 0.5
    epoch(layers, x, y, learning_rate, batch, rng)  # warm-up
    # ROUNDS rounds of at least min_seconds / ROUNDS each; the median round
    # is the figure least disturbed by other work on the machine.
    round_ms = []
    for _ in range(ROUNDS):
        epochs, start = 0, time.perf_counter()
        while True:
            loss = epoch(layers, x, y, learning_rate, batch, rng)
            epochs += 1
            elapsed = time.perf_counter() - start
            if elapsed >= min_seconds / ROUNDS and epochs >= 3:
                break
        round_ms.append(elapsed * 1e3 / epochs)
    print(json.dumps({"ms_per_epoch": statistics.median(round_ms), "rounds": round_ms, "loss": float(loss)}))

if __name__ == "__main__":
    main()
