"""The Python reference of `lab bench graph`: the same graphs built, evaluated
and backpropagated with micrograd's `Value`.

Usage: python micrograd_reference.py SECONDS
Prints one JSON object: for each graph, the graphs done, the nodes in one
graph, the seconds taken and the output value (to check both sides agree).

The graphs mirror `benchmarks::graph` (tools/bench/src/graph.rs):
- neuron: the slide's sigmoid neuron 1/(1 + exp(-(w0*x0 + w1*x1 + w2))) at
  w = (2, -3, -3), x = (-1, -2). micrograd has no exp gate; `exp` below adds
  one the way micrograd's engine writes its gates. micrograd builds -z, 1 + e
  and 1/d from its own primitives, so its graph has more nodes than ours.
- mlp: a 2-16-16-1 perceptron unrolled into scalars, each neuron
  b + w1*x1 + w2*x2 + ..., ReLU on the hidden layers (as micrograd's nn.MLP),
  parameters sin(0.7 i) in order, input (0.5, -1.5).
"""

import json
import math
import sys
import time

from micrograd.engine import Value


def exp(v):
    out = Value(math.exp(v.data), (v,), "exp")

    def _backward():
        v.grad += out.data * out.grad

    out._backward = _backward
    return out


def parameter(i):
    return math.sin(0.7 * i)


def neuron():
    w0, x0, w1, x1, w2 = Value(2.0), Value(-1.0), Value(-3.0), Value(-2.0), Value(-3.0)
    return 1 / (1 + exp(-(w0 * x0 + w1 * x1 + w2)))


MLP_SIZES = [2, 16, 16, 1]
MLP_PARAMETERS = [parameter(i) for i in range(sum((a + 1) * b for a, b in zip(MLP_SIZES, MLP_SIZES[1:])))]
MLP_INPUT = [0.5, -1.5]


def mlp():
    parameters = iter(MLP_PARAMETERS)
    layer = [Value(x) for x in MLP_INPUT]
    for depth, size in enumerate(MLP_SIZES[1:], start=1):
        hidden = depth + 1 < len(MLP_SIZES)
        next_layer = []
        for _ in range(size):
            weights = [Value(next(parameters)) for _ in layer]
            activation = Value(next(parameters))
            for w, x in zip(weights, layer):
                activation = activation + w * x
            next_layer.append(activation.relu() if hidden else activation)
        layer = next_layer
    return layer[0]


def count_nodes(output):
    seen, stack = set(), [output]
    while stack:
        v = stack.pop()
        if v not in seen:
            seen.add(v)
            stack.extend(v._prev)
    return len(seen)


def throughput(build, seconds):
    graphs, start = 0, time.perf_counter()
    while graphs == 0 or time.perf_counter() - start < seconds:
        for _ in range(16):
            output = build()
            output.backward()
        graphs += 16
    elapsed = time.perf_counter() - start
    output = build()
    return {"graphs": graphs, "nodes": count_nodes(output), "seconds": elapsed, "value": output.data}


if __name__ == "__main__":
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    print(json.dumps({"neuron": throughput(neuron, seconds), "mlp": throughput(mlp, seconds)}))
