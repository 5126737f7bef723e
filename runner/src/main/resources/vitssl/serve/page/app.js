// The runs page: the list of the runs under the folder, and the view the address asks for
// (#run=ID, #compare=ID,ID,..., #open=RUN-OR-FOLDER), polled every two seconds while shown.
"use strict";

const POLL_MS = 2000;
let view = null;             // {kind: "run", ids: [id]} or {kind: "compare", ids: [...]}
let timer = null;

// ---- the list of runs -------------------------------------------------------------------------

async function refreshList() {
  const answer = await getJson("/api/runs");
  listed = answer.runs;
  $("#root-name").textContent = answer.root + "/";
  const checked = new Set([...document.querySelectorAll(".run-item input:checked")].map(i => i.value));
  const groups = new Map();
  listed.forEach(r => { if (!groups.has(r.group)) groups.set(r.group, []); groups.get(r.group).push(r); });
  const list = $("#run-list");
  list.innerHTML = "";
  if (listed.length === 0) list.appendChild(el("p", {class: "hint"}, "No runs here yet."));
  groups.forEach((members, group) => {
    const title = el("div", {class: "group-title"}, el("span", {}, group ? group + "/" : "runs"));
    if (members.length > 1) {
      title.appendChild(el("a", {href: "#compare=" + members.map(m => encodeURIComponent(m.id)).join(",")},
        "compare all"));
    }
    const box = el("div", {class: "group", "data-group": group}, title);
    members.forEach(r => {
      const state = stateOf(r);
      const input = el("input", {type: "checkbox", value: r.id, checked: checked.has(r.id)});
      input.addEventListener("change", updateCompareButton);
      const current = view && view.ids.includes(r.id);
      box.appendChild(el("div", {class: "run-item"}, input,
        el("a", {href: "#run=" + encodeURIComponent(r.id), class: current ? "current" : ""},
          group ? r.id.substring(group.length + 1) : r.id),
        el("span", {class: "state " + state.cls}, state.text)));
    });
    list.appendChild(box);
  });
  updateCompareButton();
}

function updateCompareButton() {
  const ids = [...document.querySelectorAll(".run-item input:checked")].map(i => i.value);
  const button = $("#compare-button");
  button.disabled = ids.length < 2;
  button.onclick = () => { location.hash = "compare=" + ids.map(encodeURIComponent).join(","); };
}

// ---- routing and the poll loop -----------------------------------------------------------------

let opening = null;   // the name of #open=NAME until the run or folder it names appears
let busy = false, again = false;

// #open=NAME: a run's own id, or a folder of runs (a sweep), whose runs are compared.
function resolveOpen(name) {
  const inside = listed.filter(r => r.group === name || r.group.startsWith(name + "/"));
  if (listed.some(r => r.id === name)) return {kind: "run", ids: [name]};
  if (inside.length > 1) return {kind: "compare", ids: inside.map(r => r.id)};
  if (inside.length === 1) return {kind: "run", ids: [inside[0].id]};
  return null;
}

function show(next) {
  view = next;
  if (!view) return;
  if (view.kind === "run") showRun(view.ids[0]); else showCompare(view.ids);
}

function route() {
  const hash = location.hash.substring(1);
  const kind = hash.split("=")[0], value = hash.substring(hash.indexOf("=") + 1);
  opening = null;
  if (kind === "run") show({kind: "run", ids: [decodeURIComponent(value)]});
  else if (kind === "compare") show({kind: "compare", ids: value.split(",").filter(Boolean).map(decodeURIComponent)});
  else if (kind === "open") { opening = decodeURIComponent(value); show(resolveOpen(opening)); }
  else show(null);
  tick();
}

// One round: the list, then every shown run's new rows, then the drawing. Rounds never overlap,
// so a run's rows are appended once.
async function tick() {
  if (busy) { again = true; return; }
  busy = true;
  clearTimeout(timer);
  try {
    await refreshList();
    if (opening) {
      const found = resolveOpen(opening);
      const shown = view ? view.ids.join(",") : "";
      if (found && found.ids.join(",") !== shown) show(found);
    }
    const current = view;
    if (current) {
      const polled = await Promise.all(current.ids.map(poll));
      if (current === view) {
        if (current.kind === "run") drawRun(current.ids[0], polled[0]);
        else drawCompare(current.ids, await getJson("/api/compare?" + current.ids.map(id => "id=" + encodeURIComponent(id)).join("&")));
      }
    }
    document.body.dataset.status = "ok";
  } catch (e) {
    document.body.dataset.status = "error";
    console.warn(e);
  } finally {
    busy = false;
  }
  if (again) { again = false; tick(); } else timer = setTimeout(tick, POLL_MS);
}

window.addEventListener("hashchange", route);
route();
