// Line charts drawn by uPlot: curves that may have different steps, optional markers (points
// without lines), an optional second axis on the right, an optional log scale. A chart is kept
// per container and given new data on each poll; it is rebuilt only when its curves change.
"use strict";

const Charts = (() => {
  const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
                   "#17becf", "#bcbd22", "#7f7f7f", "#d62728"];
  const plots = new Map();
  // Steps are whole numbers: ticks at 1, 2, 5, 10, 20, 25, 50, ... apart, never 2.5.
  const STEP_INCREMENTS = [1, 2, 5].flatMap(m => [1, 10, 100, 1e3, 1e4, 1e5, 1e6].map(p => m * p))
    .concat([25, 250, 2500, 25000]).sort((a, b) => a - b);

  function color(i) { return PALETTE[i % PALETTE.length]; }

  // Axis labels that stay readable for a learning rate (1e-5) as well as for a loss (2.3).
  function ticks(u, splits) {
    const span = Math.max(...splits.map(Math.abs));
    return splits.map(v => v === null ? "" : v === 0 ? "0"
      : span < 0.01 || span >= 1e5 ? v.toExponential(1) : Number(v.toPrecision(4)).toString());
  }

  // One x array (the union of the curves' steps) and one y array per curve, null where a curve
  // has no value at that step: the aligned table uPlot draws.
  function align(curves) {
    const xs = Array.from(new Set(curves.flatMap(c => c.x))).sort((a, b) => a - b);
    const at = new Map(xs.map((x, i) => [x, i]));
    const ys = curves.map(c => {
      const y = new Array(xs.length).fill(null);
      c.x.forEach((x, i) => { y[at.get(x)] = c.y[i]; });
      return y;
    });
    return [xs, ...ys];
  }

  // A finite number, or null (a gap); on a log scale also null for values <= 0.
  function clean(v, log) {
    if (typeof v !== "number" || !isFinite(v)) return null;
    return log && v <= 0 ? null : v;
  }

  // spec: {title, yLabel, log, curves: [{label, x, y, color, right, marker}], rightLabel}
  // A curve with marker: true is drawn as points only.
  function draw(container, spec) {
    const curves = spec.curves
      .map(c => ({...c, y: c.y.map(v => clean(v, spec.log))}))
      .filter(c => c.y.some(v => v !== null));
    const points = curves.filter(c => !c.marker).reduce((n, c) => n + c.y.filter(v => v !== null).length, 0);
    container.dataset.points = String(points);
    container.dataset.curves = curves.filter(c => !c.marker).map(c => c.label).join("|");
    container.dataset.markers = String(curves.filter(c => c.marker)
      .reduce((n, c) => n + c.y.filter(v => v !== null).length, 0));
    const body = container.querySelector(".plot");
    if (curves.length === 0) {
      forget(container);
      body.innerHTML = "";
      const empty = document.createElement("div");
      empty.className = "empty";
      empty.textContent = spec.empty || "nothing logged yet";
      body.appendChild(empty);
      return;
    }
    const data = align(curves);
    const signature = JSON.stringify([curves.map(c => c.label), spec.log]);
    const known = plots.get(container);
    if (known && known.signature === signature) {
      known.plot.setData(data);
      return;
    }
    forget(container);
    body.innerHTML = "";
    const hasRight = curves.some(c => c.right);
    const opts = {
      width: Math.max(480, body.clientWidth || 520),
      height: 240,
      scales: Object.assign({x: {time: false}, y: spec.log ? {distr: 3} : {}}, hasRight ? {r: {}} : {}),
      axes: [
        {label: "step", incrs: STEP_INCREMENTS},
        {label: spec.yLabel || "", size: 60, values: spec.log ? undefined : ticks},
        ...(hasRight ? [{scale: "r", side: 1, label: spec.rightLabel || "", size: 70, values: ticks,
          grid: {show: false}}] : []),
      ],
      series: [{label: "step"}, ...curves.map((c, i) => c.marker ? {
        label: c.label, scale: c.right ? "r" : "y", stroke: c.color || color(i), fill: c.color || color(i),
        paths: () => null, points: {show: true, size: 9, width: 2, stroke: c.color || color(i), fill: "#fff"},
      } : {
        label: c.label, scale: c.right ? "r" : "y", stroke: c.color || color(i), width: 1.5,
        spanGaps: true, points: {show: false},
      })],
      legend: {live: true},
    };
    plots.set(container, {signature, plot: new uPlot(opts, data, body)});
  }

  function forget(container) {
    const known = plots.get(container);
    if (known) { known.plot.destroy(); plots.delete(container); }
  }

  // A titled chart box; draw() fills it.
  function box(parent, key, title, note) {
    const div = document.createElement("div");
    div.className = "chart";
    div.dataset.chart = key;
    const h = document.createElement("h3");
    h.textContent = title;
    div.appendChild(h);
    if (note) {
      const p = document.createElement("div");
      p.className = "marker-note";
      p.textContent = note;
      div.appendChild(p);
    }
    const body = document.createElement("div");
    body.className = "plot";
    div.appendChild(body);
    parent.appendChild(div);
    return div;
  }

  function clear() { plots.forEach(k => k.plot.destroy()); plots.clear(); }

  return {draw, box, clear, color};
})();
