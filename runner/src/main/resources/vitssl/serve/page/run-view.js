// One run: its curves, summary, instability markers and spec, redrawn after each poll.
"use strict";

const RUN_CHARTS = [
  ["loss", "Loss and learning rate", "loss (left), learning rate (right)"],
  ["knn", "kNN top-1 (%)", "orange circles: where a dip starts; red circles: its lowest point"],
  ["grad", "Gradient norm, first and last layer (log scale)", "open circles: spike peaks found so far"],
  ["speed", "Images per second", ""],
  ["memory", "Resident memory (MB)", ""],
];

function showRun(id) {
  const main = $("#main");
  Charts.clear();
  main.innerHTML = "";
  main.appendChild(el("h2", {id: "title"}, id));
  main.appendChild(el("div", {class: "subtitle", id: "run-state"}, "loading..."));
  const grid = el("div", {class: "charts"});
  main.appendChild(grid);
  RUN_CHARTS.forEach(([key, title, note]) => Charts.box(grid, key, title, note));
  main.appendChild(el("section", {id: "summary"}));
  main.appendChild(el("section", {id: "instability"}));
  main.appendChild(el("section", {id: "spec"}));
}

function drawRun(id, run) {
  const entry = listed.find(r => r.id === id);
  const rows = run.rows;
  const last = rows.length ? rows[rows.length - 1] : null;
  const name = run.spec && run.spec.name ? run.spec.name : id;
  $("#title").textContent = name + (name === id ? "" : "  (" + id + ")");
  const state = run.summary ? "finished" : last ? "training: step " + last.step + ", epoch " + fmt(last.epoch)
    + (entry ? ", last written " + ago(entry.seconds_since_update) : "") : "started, no step logged yet";
  const links = ["spec.json", "metrics.jsonl", ...(run.summary ? ["summary.json", "report.html"] : [])]
    .map(f => el("a", {href: "/files/" + id.split("/").map(encodeURIComponent).join("/") + "/" + f}, f));
  const subtitle = $("#run-state");
  subtitle.innerHTML = "";
  subtitle.dataset.state = run.summary ? "finished" : "training";
  subtitle.append(state, ...links);

  const chart = key => document.querySelector('.chart[data-chart="' + key + '"]');
  Charts.draw(chart("loss"), {yLabel: "loss", rightLabel: "lr", curves: [
    {label: "loss", ...series(rows, "loss")},
    {label: "learning rate", right: true, ...series(rows, "lr")},
  ]});
  const dips = dipsOf(run.instability);
  Charts.draw(chart("knn"), {yLabel: "top-1 (%)", empty: "no kNN measured yet (the run's Knn monitor sets how often)",
    curves: [
      {label: "kNN top-1", ...series(rows, "knn_top1")},
      {label: "dip start", marker: true, color: "#e08000", ...dips.starts},
      {label: "dip bottom", marker: true, color: "#d62728", ...dips.bottoms},
    ]});
  const ends = layerEnds(rows);
  Charts.draw(chart("grad"), {yLabel: "L2 norm", log: true, empty: "no gradient norms logged (GradientNorms monitor)",
    curves: ends.flatMap((key, i) => [
      {label: (i === 0 ? "first: " : "last: ") + key.substring(10), color: Charts.color(i), ...series(rows, key)},
      {label: "spikes, " + key.substring(10), marker: true, color: Charts.color(i), ...spikesOf(run.instability, key)},
    ])});
  Charts.draw(chart("speed"), {yLabel: "images/s", curves: [{label: "images/s", ...series(rows, "images_per_second")}]});
  Charts.draw(chart("memory"), {yLabel: "MB", empty: "no memory logged (add the MemoryUsage monitor)",
    curves: [{label: "resident memory", ...series(rows, "rss_mb")}]});

  drawSummary(run.summary);
  drawInstability(run.instability, ends);
  const spec = $("#spec");
  if (!spec.dataset.shown && run.spec) {
    spec.dataset.shown = "1";
    spec.append(el("h3", {}, "Spec"), el("details", {}, el("summary", {}, "spec.json"),
      el("pre", {}, JSON.stringify(run.spec, null, 2))));
  }
}

function drawSummary(summary) {
  const section = $("#summary");
  section.innerHTML = "";
  section.appendChild(el("h3", {}, "Summary"));
  if (!summary) {
    section.appendChild(el("p", {class: "hint"}, "No summary yet: the run writes summary.json after its final evaluation."));
    return;
  }
  const table = el("table", {id: "summary-table"});
  flatSummary(summary).forEach(([k, v]) =>
    table.appendChild(el("tr", {"data-field": k}, el("th", {}, k), el("td", {class: "num"}, fmt(v)))));
  section.appendChild(table);
}

function drawInstability(report, ends) {
  const section = $("#instability");
  section.innerHTML = "";
  section.appendChild(el("h3", {}, "Instability markers"));
  if (!report) { section.appendChild(el("p", {class: "hint"}, "No metrics yet.")); return; }
  if (report.error) { section.appendChild(el("p", {class: "hint"}, "Not analysed: " + report.error)); return; }
  section.appendChild(el("p", {class: "hint"}, report.final
    ? "As the run found them after its last step (instability.json)."
    : "Found in the metrics so far, with the spec's thresholds; the run writes the final ones after its last step."));
  const dips = report.dips || [];
  const table = el("table", {id: "instability-table"},
    el("tr", {}, el("th", {}, "what"), el("th", {}, "step"), el("th", {}, "detail")));
  dips.forEach(d => table.appendChild(el("tr", {}, el("td", {}, "kNN dip"), el("td", {class: "num"}, String(d.bottom_step)),
    el("td", {}, "from " + fmt(d.peak) + " at step " + d.start_step + " down to " + fmt(d.bottom)
      + (d.recovery_step !== null && d.recovery_step !== undefined ? ", recovered at step " + d.recovery_step : ", not recovered")))));
  ends.forEach(key => {
    const layer = key.substring(10);
    ((report.spikes || {})[layer] || []).forEach(s => table.appendChild(el("tr", {},
      el("td", {}, "spike, " + layer), el("td", {class: "num"}, String(s.peak_step)),
      el("td", {}, "norm " + fmt(s.peak_value) + ", " + fmt(s.peak_ratio) + "x the running median"))));
  });
  const lags = (report.lags || []).filter(l => l.lag !== null && l.lag !== undefined);
  lags.forEach(l => table.appendChild(el("tr", {}, el("td", {}, "last layer after first"),
    el("td", {class: "num"}, String(l.last_layer_step || "")), el("td", {}, "lag " + l.lag + " steps"))));
  if (table.children.length === 1) section.appendChild(el("p", {}, "No dips or spikes found."));
  else section.appendChild(table);
}

