// The settings live in the URL, as in TensorFlow Playground's state.ts:
// #data=moons&noise=0.1&hidden=4,2&lr=3&batch=10 is a link an instructor can
// put on a slide. NAME_hide=true hides the control NAME for an exercise.
// The server knows the defaults and checks every value; this file only reads
// and writes the URL.
"use strict";

function readSettings() {
  const settings = {};
  for (const [key, value] of new URLSearchParams(location.hash.slice(1))) {
    settings[key] = value;
  }
  return settings;
}

function writeSettings(settings) {
  const hash = new URLSearchParams(settings).toString();
  history.replaceState(null, "", "#" + hash);
}

// The settings for the server: the URL's pairs without the _hide switches.
function sentSettings(settings) {
  const sent = {};
  for (const [key, value] of Object.entries(settings)) {
    if (!key.endsWith("_hide")) sent[key] = value;
  }
  return sent;
}

// Hides every control whose setting the URL marks NAME_hide=true.
function hideControls(settings) {
  for (const element of document.querySelectorAll("[data-setting]")) {
    const hidden = settings[element.dataset.setting + "_hide"] === "true";
    element.closest(".control").hidden = hidden;
  }
}
