// The page: its controls, the calls to the server and the step view. The
// network trains on the server; this file only shows what it sends.
"use strict";

const $ = (id) => document.getElementById(id);
const page = {
  settings: readSettings(),
  csv: null, // the text of the user's CSV file
  run: null, // the server's number of this run
  setup: null, // points and extent, sent once per run
  frame: null, // the latest frame
  events: null, // the EventSource of the frames
  history: [], // the loss curves
  playing: false,
  step: null, // the step view, or null
  effective: { seed: "0" }, // every setting of the run, as the server read them
  framesShown: 0,
};

function showMessage(text) {
  $("message").textContent = text;
  $("message").hidden = !text;
}

// A call to the server; its error message, or the HTTP status, on failure.
async function api(path, options) {
  let response;
  try {
    response = await fetch(path, options);
  } catch (error) {
    throw new Error("the playground server does not answer: is `cargo lab playground` still running?");
  }
  let body = null;
  try {
    body = await response.json();
  } catch (error) {
    // a response without JSON: the status says what happened
  }
  if (!response.ok) throw new Error((body && body.error) || `${response.status} ${response.statusText}`);
  return body;
}

async function newRun() {
  closeEvents();
  writeSettings(page.settings);
  hideControls(page.settings);
  try {
    const reply = await api("/api/runs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ settings: sentSettings(page.settings), csv: page.csv }),
    });
    showMessage("");
    Object.assign(page, { run: reply.run, setup: reply.setup, history: [], playing: false, step: null });
    fillControls(reply.settings);
    showFrame(reply.frame);
    openEvents();
    await refreshStep();
  } catch (error) {
    page.run = null;
    showMessage(error.message);
    showRejected(page.settings);
  }
}

// After a bad setting: the controls show what the URL asked for, to fix it.
function showRejected(settings) {
  for (const element of document.querySelectorAll("[data-setting]")) {
    if (element.dataset.setting in settings) element.value = settings[element.dataset.setting];
  }
}

function openEvents() {
  page.events = new EventSource(`/api/runs/${page.run}/events`);
  page.events.addEventListener("frame", (event) => {
    // A frame sent before a pause may arrive after it: only the server's
    // answers to play and pause, or a run that stopped itself, change the button.
    const frame = JSON.parse(event.data);
    if (!frame.playing) page.playing = false;
    showFrame(frame);
  });
  page.events.onerror = () => {
    if (page.events && page.events.readyState === EventSource.CLOSED) {
      showMessage("the connection to the playground server was lost: reload the page");
    }
  };
}

function closeEvents() {
  if (page.events) page.events.close();
  page.events = null;
}

function fillControls(settings) {
  page.effective = settings;
  for (const element of document.querySelectorAll("[data-setting]")) {
    element.value = settings[element.dataset.setting];
  }
  $("noise-value").textContent = settings.noise;
  $("train-value").textContent = settings.train;
  $("csv-control").hidden = settings.data !== "csv";
}

const percent = (share) => (share === null ? "–" : `${(100 * share).toFixed(1)} %`);
const number = (value) => (value === null ? "–" : decimals(value));

function showFrame(frame) {
  page.frame = frame;
  page.framesShown += 1;
  $("play").textContent = page.playing ? "❚❚ pause" : "▶ play";
  $("epoch").textContent = frame.epoch;
  $("train-loss").textContent = number(frame.train_loss);
  $("test-loss").textContent = number(frame.test_loss);
  $("train-accuracy").textContent = percent(frame.train_accuracy);
  $("test-accuracy").textContent = percent(frame.test_accuracy);
  if (page.history.length > 2000) page.history = page.history.filter((_, i) => i % 2 === 0);
  page.history.push({ epoch: frame.epoch, train: frame.train_loss, test: frame.test_loss });
  drawBoundary($("boundary"), page.setup, frame.boundary, {
    showTest: $("show-test").checked,
    selected: page.step ? page.step.index : null,
  });
  drawLosses($("losses"), page.history);
  drawNetwork($("network"), page.setup.sizes, frame.weights, page.step);
  if (frame.error) showMessage(frame.error);
}

async function togglePlay() {
  if (page.run === null) return;
  try {
    const frame = await api(`/api/runs/${page.run}/${page.playing ? "pause" : "play"}`, { method: "POST" });
    page.playing = frame.playing;
    showFrame(frame);
    await refreshStep();
  } catch (error) {
    showMessage(error.message);
  }
}

async function stepOnce() {
  if (page.run === null) return;
  try {
    const frame = await api(`/api/runs/${page.run}/step`, { method: "POST" });
    page.playing = frame.playing;
    showFrame(frame);
    await refreshStep();
  } catch (error) {
    showMessage(error.message);
  }
}

// The step view of the chosen example, when step mode is on.
async function refreshStep() {
  if (!$("step-on").checked || page.run === null) {
    page.step = null;
    $("step-view").replaceChildren();
  } else {
    try {
      page.step = await api(`/api/runs/${page.run}/example/${$("example").value}`);
      showMessage("");
      $("step-view").replaceChildren(unitTable(page.step), edgeTable(page.step));
    } catch (error) {
      page.step = null;
      $("step-view").replaceChildren();
      showMessage(error.message);
    }
  }
  if (page.frame) showFrame(page.frame);
}

function table(caption, headers, rows) {
  const element = document.createElement("table");
  element.createCaption().textContent = caption;
  const head = element.createTHead().insertRow();
  for (const text of headers) head.appendChild(document.createElement("th")).textContent = text;
  const body = element.createTBody();
  for (const { cells, saturated } of rows) {
    const row = body.insertRow();
    if (saturated) row.className = "saturated";
    for (const [text, id, value] of cells) {
      const cell = row.insertCell();
      cell.textContent = text;
      if (id) [cell.id, cell.dataset.value] = [id, value];
    }
  }
  return element;
}

// [shown text, id, exact value] of a number, or a dash.
const cell = (value, id) => (value === null ? ["–"] : [decimals(value), id, String(value)]);

function unitTable(step) {
  const last = step.layers.length - 1;
  const rows = step.layers.flatMap((units, l) =>
    units.map((unit, i) => ({
      saturated: unit.saturated,
      cells: [
        [l === 0 ? `input x${i + 1}` : l === last ? "output p" : `layer ${l}, unit ${i + 1}`],
        cell(unit.a, `a-${l}-${i}`),
        cell(unit.sigma_prime, `sigma-prime-${l}-${i}`),
        cell(unit.delta_a, `delta-a-${l}-${i}`),
        cell(unit.delta_z, `delta-z-${l}-${i}`),
        [unit.saturated ? "saturated" : ""],
      ],
    })),
  );
  const caption = `Example ${step.index}: y = ${step.y}, J = ½ (p − y)² = ${decimals(step.loss)}`;
  return table(caption, ["unit", "a = σ(z)", "σ'(z) = a (1 − a)",
    "δ_a: δ_p = p − y at the output, (Θˡ⁺¹)ᵀ δ_z below", "δ_z = δ_a ∘ σ'(z)", ""], rows);
}

function edgeTable(step) {
  const rows = step.grad_weights.flatMap((grad, layer) =>
    grad.flatMap((row, i) =>
      row.map((g, j) => ({
        cells: [
          [`Θ${layer + 1}[${i + 1},${j + 1}]`],
          cell(step.layers[layer][j].a, null),
          cell(step.layers[layer + 1][i].delta_z, null),
          cell(g, `grad-${layer + 1}-${i}-${j}`),
        ],
      })),
    ),
  );
  return table("The gradient of every weight", ["edge Θˡ_ij", "a_j (below)", "δ_z,i (above)",
    "∂J/∂Θˡ_ij = a_j δ_z,i"], rows);
}

function changeSetting(key, value) {
  page.settings[key] = value;
  if (key === "data" && value !== "csv") page.csv = null;
  newRun();
}

function changeLayers(delta) {
  const hidden = $("hidden").value.split(",").filter((units) => units.trim() !== "");
  if (delta > 0) hidden.push(hidden.length ? hidden[hidden.length - 1] : "4");
  else hidden.pop();
  changeSetting("hidden", hidden.join(","));
}

function wireControls() {
  for (const element of document.querySelectorAll("[data-setting]")) {
    element.addEventListener("change", () => changeSetting(element.dataset.setting, element.value));
  }
  $("play").addEventListener("click", togglePlay);
  $("step").addEventListener("click", stepOnce);
  $("reset").addEventListener("click", newRun);
  $("regenerate").addEventListener("click", () =>
    changeSetting("seed", String(Number(page.effective.seed) + 1)));
  $("add-layer").addEventListener("click", () => changeLayers(1));
  $("remove-layer").addEventListener("click", () => changeLayers(-1));
  $("show-test").addEventListener("change", () => page.frame && showFrame(page.frame));
  $("step-on").addEventListener("change", refreshStep);
  $("example").addEventListener("change", refreshStep);
  $("boundary").addEventListener("click", (event) => {
    const index = page.setup && nearestPoint($("boundary"), page.setup, event);
    if (index === null) return;
    $("example").value = index;
    $("step-on").checked = true;
    refreshStep();
  });
  $("csv").addEventListener("change", async () => {
    const file = $("csv").files[0];
    page.csv = file ? await file.text() : null;
    newRun();
  });
  window.addEventListener("hashchange", () => {
    page.settings = readSettings();
    newRun();
  });
}

// Frames drawn per second, shown beside the epoch counter.
setInterval(() => {
  $("fps").textContent = page.framesShown;
  page.framesShown = 0;
}, 1000);

wireControls();
newRun();
