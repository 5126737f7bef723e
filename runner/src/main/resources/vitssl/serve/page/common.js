// What the views share: page helpers, number formats, and each run's data as polled from /api,
// kept per run and grown by the rows written since the last poll.
"use strict";

const runs = new Map();      // id -> {cursor, rows, spec, summary, instability}
let listed = [];             // the entries of /api/runs

const $ = sel => document.querySelector(sel);
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === "class") e.className = v; else if (k.startsWith("data-")) e.setAttribute(k, v); else e[k] = v;
  });
  children.flat().forEach(c => e.appendChild(typeof c === "string" ? document.createTextNode(c) : c));
  return e;
}
async function getJson(url) {
  const r = await fetch(url, {cache: "no-store"});
  if (!r.ok) throw new Error(url + ": " + r.status + " " + (await r.text()));
  return r.json();
}
function fmt(v) {
  if (v === null || v === undefined) return "-";
  if (typeof v !== "number") return String(v);
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(1) : Number(v.toPrecision(4)).toString();
}
function ago(seconds) {
  if (seconds < 90) return Math.round(seconds) + " s ago";
  if (seconds < 5400) return Math.round(seconds / 60) + " min ago";
  return Math.round(seconds / 3600) + " h ago";
}
function stateOf(entry) {
  if (entry.finished) return {text: "finished", cls: "finished"};
  return {text: "step " + entry.last_step + ", " + ago(entry.seconds_since_update), cls: "training"};
}

// ---- polling one run ---------------------------------------------------------------------------

async function poll(id) {
  const known = runs.get(id) || {cursor: "", rows: []};
  let more = true;
  while (more) {
    const answer = await getJson("/api/run?id=" + encodeURIComponent(id) + "&cursor=" + encodeURIComponent(known.cursor));
    if (answer.metrics.restart) known.rows = [];
    known.rows.push(...answer.metrics.rows);
    known.cursor = answer.metrics.cursor;
    known.spec = answer.spec;
    known.summary = answer.summary;
    known.instability = answer.instability;
    more = answer.metrics.more;
  }
  runs.set(id, known);
  return known;
}

// The steps and values of one key of the metrics rows, where the row has it.
function series(rows, key) {
  const x = [], y = [];
  rows.forEach(r => { if (key in r && r[key] !== null) { x.push(r.step); y.push(r[key]); } });
  return {x, y};
}
function gradKeys(rows) {
  const keys = [];
  rows.forEach(r => Object.keys(r).forEach(k => { if (k.startsWith("grad_norm.") && !keys.includes(k)) keys.push(k); }));
  return keys;
}
function layerEnds(rows) {
  const keys = gradKeys(rows);
  return keys.length === 0 ? [] : keys.length === 1 ? [keys[0]] : [keys[0], keys[keys.length - 1]];
}
function spikesOf(instability, key) {
  const events = (instability && instability.spikes && instability.spikes[key.substring("grad_norm.".length)]) || [];
  return {x: events.map(e => e.peak_step), y: events.map(e => e.peak_value)};
}
function dipsOf(instability) {
  const dips = (instability && instability.dips) || [];
  return {
    starts: {x: dips.map(d => d.start_step), y: dips.map(d => d.peak)},
    bottoms: {x: dips.map(d => d.bottom_step), y: dips.map(d => d.bottom)},
  };
}

// The summary's fields, the instability headline's under "instability.".
function flatSummary(summary) {
  const out = [];
  Object.entries(summary).forEach(([k, v]) => {
    if (v !== null && typeof v === "object") Object.entries(v).forEach(([k2, v2]) => out.push(["instability." + k2, v2]));
    else out.push([k, v]);
  });
  return out;
}

