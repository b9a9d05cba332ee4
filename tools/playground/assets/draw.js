// Drawing: the decision boundary as a heat map with the points, the loss
// curves and the network diagram. Nothing here talks to the server.
"use strict";

const ORANGE = [245, 147, 34]; // class 0, p near 0
const BLUE = [8, 119, 189]; // class 1, p near 1
const SVG = "http://www.w3.org/2000/svg";

// A number with 4 decimals, or in scientific notation when those would
// show only zeros: a δ of a well-learnt example is tiny, not 0.
function decimals(value) {
  if (value === 0 || Math.abs(value) >= 0.0005 || !Number.isFinite(value)) return value.toFixed(4);
  return value.toExponential(1);
}

// The colour of p = byte / 255: orange through white to blue.
const PALETTE = Array.from({ length: 256 }, (_, byte) => {
  const p = byte / 255;
  const [end, t] = p < 0.5 ? [ORANGE, 1 - 2 * p] : [BLUE, 2 * p - 1];
  return end.map((c) => Math.round(255 + (c - 255) * t * 0.75));
});

function drawBoundary(canvas, setup, boundary, options) {
  const n = setup.grid;
  const cells = new ImageData(n, n);
  boundary.forEach((byte, k) => {
    cells.data.set([...PALETTE[byte], 255], 4 * k);
  });
  const small = new OffscreenCanvas(n, n);
  small.getContext("2d").putImageData(cells, 0, 0);
  const context = canvas.getContext("2d");
  context.imageSmoothingEnabled = true;
  context.drawImage(small, 0, 0, canvas.width, canvas.height);
  drawPoints(canvas, setup, setup.train, "white", options.selected);
  if (options.showTest) drawPoints(canvas, setup, setup.test, "black", null);
}

// Canvas pixel of the point (x1, x2).
function toPixel(canvas, extent, x1, x2) {
  const px = ((x1 - extent.x_min) / (extent.x_max - extent.x_min)) * canvas.width;
  const py = ((extent.y_max - x2) / (extent.y_max - extent.y_min)) * canvas.height;
  return [px, py];
}

function drawPoints(canvas, setup, points, edge, selected) {
  const context = canvas.getContext("2d");
  points.forEach(([x1, x2, cls], i) => {
    const [px, py] = toPixel(canvas, setup.extent, x1, x2);
    context.beginPath();
    context.arc(px, py, i === selected ? 7 : 3.5, 0, 2 * Math.PI);
    context.fillStyle = `rgb(${(cls ? BLUE : ORANGE).join(",")})`;
    context.fill();
    context.lineWidth = i === selected ? 3 : 1;
    context.strokeStyle = i === selected ? "crimson" : edge;
    context.stroke();
  });
}

// The training point nearest to a click, or null.
function nearestPoint(canvas, setup, event) {
  const box = canvas.getBoundingClientRect();
  const cx = ((event.clientX - box.left) / box.width) * canvas.width;
  const cy = ((event.clientY - box.top) / box.height) * canvas.height;
  let best = null;
  let bestDistance = 15 * 15;
  setup.train.forEach(([x1, x2], i) => {
    const [px, py] = toPixel(canvas, setup.extent, x1, x2);
    const d = (px - cx) ** 2 + (py - cy) ** 2;
    if (d < bestDistance) [best, bestDistance] = [i, d];
  });
  return best;
}

// history: [{epoch, train, test}], the test loss null without test data.
function drawLosses(canvas, history) {
  const context = canvas.getContext("2d");
  context.clearRect(0, 0, canvas.width, canvas.height);
  if (history.length < 2) return;
  const finite = history.flatMap((h) => [h.train, h.test]).filter(Number.isFinite);
  const top = Math.max(...finite, 1e-9);
  const last = history[history.length - 1].epoch || 1;
  for (const [key, colour] of [["test", "#999"], ["train", "#222"]]) {
    context.beginPath();
    history.forEach((h, i) => {
      if (!Number.isFinite(h[key])) return;
      const x = (h.epoch / last) * canvas.width;
      const y = canvas.height - (h[key] / top) * (canvas.height - 4);
      if (i === 0) context.moveTo(x, y);
      else context.lineTo(x, y);
    });
    context.strokeStyle = colour;
    context.lineWidth = 1.5;
    context.stroke();
  }
}

function svgElement(name, attributes, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

// The unit positions: layer l in column l, units centred vertically.
function unitPositions(sizes, width, height) {
  const column = width / sizes.length;
  const row = Math.min(58, (height - 30) / Math.max(...sizes));
  return sizes.map((units, l) =>
    Array.from({ length: units }, (_, i) => [
      column * (l + 0.5),
      height / 2 + (i - (units - 1) / 2) * row,
    ]),
  );
}

// The diagram: every weight an edge, blue for Θ > 0, orange for Θ < 0,
// wider for larger |Θ|. With a step view, each unit shows its a and δ's.
function drawNetwork(svg, sizes, weights, step) {
  svg.replaceChildren();
  const width = svg.viewBox.baseVal.width;
  const height = svg.viewBox.baseVal.height;
  const at = unitPositions(sizes, width, height);
  weights.forEach((theta, layer) => {
    theta.forEach((row, i) =>
      row.forEach((w, j) => {
        const [[x1, y1], [x2, y2]] = [at[layer][j], at[layer + 1][i]];
        const colour = `rgb(${(w > 0 ? BLUE : ORANGE).join(",")})`;
        const line = svgElement("line", {
          x1, y1, x2, y2, stroke: colour,
          "stroke-width": Math.min(0.5 + Math.abs(w) * 1.2, 8),
          "stroke-opacity": 0.8,
          id: `edge-${layer + 1}-${i}-${j}`,
        });
        const grad = step ? `, ∂J/∂Θ = ${decimals(step.grad_weights[layer][i][j])}` : "";
        line.append(svgElement("title", {}, `Θ${layer + 1}[${i + 1},${j + 1}] = ${w.toFixed(3)}${grad}`));
        svg.append(line);
      }),
    );
  });
  at.forEach((units, l) => units.forEach(([x, y], i) => drawUnit(svg, x, y, l, i, step)));
}

function drawUnit(svg, x, y, l, i, step) {
  const unit = step ? step.layers[l][i] : null;
  const saturated = unit && unit.saturated;
  const group = svgElement("g", { class: saturated ? "unit saturated" : "unit", id: `unit-${l}-${i}` });
  group.append(svgElement("circle", { cx: x, cy: y, r: 14 }));
  if (unit) {
    group.append(svgElement("text", { x, y: y + 4, class: "value" }, unit.a.toFixed(2)));
    const delta = l === 0 ? `δ_x ${decimals(unit.delta_a)}` : `δ_z ${decimals(unit.delta_z)}`;
    group.append(svgElement("text", { x, y: y + 26, class: "delta" }, delta));
    const sigma = l === 0 ? "input" : `σ'(z) = ${decimals(unit.sigma_prime)}${saturated ? ": saturated" : ""}`;
    group.append(svgElement("title", {}, `a = ${decimals(unit.a)}, ${sigma}`));
  }
  svg.append(group);
}
