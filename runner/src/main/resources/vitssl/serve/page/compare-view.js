// Several runs side by side: overlaid curves, the spec fields that differ, the summaries.
"use strict";

const COMPARE_CHARTS = [
  ["loss", "Loss", "loss", false, "loss"],
  ["lr", "Learning rate", "learning rate", false, "lr"],
  ["knn", "kNN top-1 (%)", "top-1 (%)", false, "knn_top1"],
  ["grad-first", "Gradient norm, first layer (log scale)", "L2 norm", true, "first"],
  ["grad-last", "Gradient norm, last layer (log scale)", "L2 norm", true, "last"],
  ["speed", "Images per second", "images/s", false, "images_per_second"],
  ["memory", "Resident memory (MB)", "MB", false, "rss_mb"],
];

function showCompare(ids) {
  const main = $("#main");
  Charts.clear();
  main.innerHTML = "";
  main.appendChild(el("h2", {id: "title"}, "Comparing " + ids.length + " runs"));
  main.appendChild(el("div", {class: "subtitle"}, ids.join(" · ")));
  const grid = el("div", {class: "charts"});
  main.appendChild(grid);
  COMPARE_CHARTS.forEach(([key, title]) => Charts.box(grid, key, title,
    key === "knn" ? "circles: the lowest point of each dip" : key.startsWith("grad") ? "circles: spike peaks" : ""));
  main.appendChild(el("section", {id: "spec-diff"}));
  main.appendChild(el("section", {id: "summaries"}));
}

function drawCompare(ids, comparison) {
  const chart = key => document.querySelector('.chart[data-chart="' + key + '"]');
  COMPARE_CHARTS.forEach(([key, , yLabel, log, metric]) => {
    const curves = [];
    ids.forEach((id, i) => {
      const run = runs.get(id);
      if (!run) return;
      const color = Charts.color(i);
      if (metric === "first" || metric === "last") {
        const ends = layerEnds(run.rows);
        if (ends.length === 0) return;
        const k = metric === "first" ? ends[0] : ends[ends.length - 1];
        curves.push({label: id, color, ...series(run.rows, k)});
        curves.push({label: id + " spikes", color, marker: true, ...spikesOf(run.instability, k)});
      } else {
        curves.push({label: id, color, ...series(run.rows, metric)});
        if (metric === "knn_top1") curves.push({label: id + " dips", color, marker: true, ...dipsOf(run.instability).bottoms});
      }
    });
    Charts.draw(chart(key), {yLabel, log, curves, empty: "none of these runs logged it"});
  });
  if (comparison) drawDiff(ids, comparison);
}

function drawDiff(ids, comparison) {
  const diff = $("#spec-diff");
  diff.innerHTML = "";
  diff.appendChild(el("h3", {}, "Spec fields that differ"));
  if (comparison.spec_diff.length === 0) diff.appendChild(el("p", {}, "The specs are the same."));
  else {
    const table = el("table", {id: "spec-diff-table"}, el("tr", {}, el("th", {}, "field"), ...ids.map(id => el("th", {}, id))));
    comparison.spec_diff.forEach(f => table.appendChild(el("tr", {"data-field": f.field}, el("th", {}, f.field),
      ...f.values.map(v => el("td", {}, v === null ? "—" : v)))));
    diff.appendChild(table);
  }
  const sums = $("#summaries");
  sums.innerHTML = "";
  sums.appendChild(el("h3", {}, "Summaries"));
  const fields = [];
  comparison.summaries.forEach(s => { if (s) flatSummary(s).forEach(([k]) => { if (!fields.includes(k)) fields.push(k); }); });
  const table = el("table", {id: "summary-table"}, el("tr", {}, el("th", {}, "field"), ...ids.map(id => el("th", {}, id))));
  table.appendChild(el("tr", {"data-field": "state"}, el("th", {}, "state"),
    ...comparison.summaries.map(s => el("td", {}, s ? "finished" : "training"))));
  fields.forEach(k => table.appendChild(el("tr", {"data-field": k}, el("th", {}, k),
    ...comparison.summaries.map(s => {
      const value = s ? Object.fromEntries(flatSummary(s))[k] : null;
      return el("td", {class: "num"}, fmt(value));
    }))));
  sums.appendChild(table);
}

