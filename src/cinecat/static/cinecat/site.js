// Keep browsing URLs short and shareable: empty fields (no year, no folder) are not sent.
document.addEventListener("htmx:configRequest", (event) => {
  const params = event.detail.parameters;
  for (const key of Array.from(Object.keys(params))) {
    if (params[key] === "") delete params[key];
  }
});

// The side panel's counts come in a request of their own, after the list: when it fails, the
// panel says so and offers to count again, instead of "Counting…" for ever.
for (const failure of ["htmx:responseError", "htmx:sendError"]) {
  document.addEventListener(failure, (event) => {
    const panel = event.detail.elt;
    if (!panel.matches("aside.sidebar")) return;
    panel.innerHTML =
      '<p class="muted" role="alert">The counts could not be loaded. ' +
      '<button type="button" class="retry">Count again</button></p>';
    panel.querySelector(".retry").addEventListener("click", () => htmx.trigger(panel, "retry"));
  });
}

// Filters and folders: beside the list on a wide screen, in a drawer the results come before on
// a phone (closed until opened, and closed again after a choice so the results show).
const narrow = window.matchMedia("(max-width: 760px)");
function fitDrawers(root) {
  for (const drawer of root.querySelectorAll("[data-drawer]")) {
    drawer.open = !narrow.matches;
  }
}
document.addEventListener("DOMContentLoaded", () => fitDrawers(document));
document.addEventListener("htmx:afterSettle", (event) => {
  if (event.detail.target.id === "browse") fitDrawers(document);
});
narrow.addEventListener("change", () => fitDrawers(document));

// "Go back" on an error page, where there is a page to go back to.
for (const link of document.querySelectorAll("[data-back]")) {
  if (window.history.length > 1) {
    link.hidden = false;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      window.history.back();
    });
  }
}

// A form that asks first (deleting): one question, then the form goes.
document.addEventListener("submit", (event) => {
  const question = event.submitter?.dataset.confirm || event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

// A form that could not be saved: its summary read first, the first field in error focused.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  const first = document.querySelector(".has-error input, .has-error select, .has-error textarea");
  (first || summary).focus();
  (first || summary).scrollIntoView({ block: "center" });
});

// Cast, crew, plots and a box set's films: rows added, moved and removed in place, as many as
// wanted in one visit. Without a script the order is typed and a blank row is there to fill.
function renumber(table) {
  table.querySelectorAll("[data-rows] > tr").forEach((row, place) => {
    const order = row.querySelector("input[name$='-ORDER']");
    if (order) order.value = place + 1;
  });
}
function enhance(table) {
  if (table.dataset.enhanced) return;
  table.dataset.enhanced = "yes";
  table.classList.add("enhanced");
  table.querySelectorAll("[data-move]").forEach((button) => (button.hidden = false));
  renumber(table);
}
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("table[data-formset]").forEach(enhance);
});
document.addEventListener("click", (event) => {
  const move = event.target.closest("[data-move]");
  if (move) {
    const row = move.closest("tr");
    const sibling = move.dataset.move === "-1" ? row.previousElementSibling : row.nextElementSibling;
    if (sibling) {
      if (move.dataset.move === "-1") sibling.before(row);
      else sibling.after(row);
      renumber(row.closest("table"));
      move.focus();
    }
    return;
  }
  const add = event.target.closest("[data-add-row]");
  if (!add) return;
  const prefix = add.dataset.addRow;
  const total = document.querySelector(`input[name='${prefix}-TOTAL_FORMS']`);
  const template = document.querySelector(`template[data-empty-row='${prefix}']`);
  const table = document.querySelector(`table[data-formset='${prefix}']`);
  const html = template.innerHTML.replaceAll("__prefix__", total.value);
  table.querySelector("[data-rows]").insertAdjacentHTML("beforeend", html);
  total.value = Number(total.value) + 1;
  const row = table.querySelector("[data-rows] > tr:last-child");
  row.querySelectorAll("[data-move]").forEach((button) => (button.hidden = false));
  renumber(table);
  htmx.process(row);
  row.querySelector("input:not([type=hidden]), textarea, select")?.focus();
});
document.addEventListener("change", (event) => {
  if (!event.target.matches("input[name$='-DELETE']")) return;
  event.target.closest("tr").classList.toggle("removed", event.target.checked);
});

// Picking copies for a batch change: the picks are kept while the list changes page, search or
// order, and after a change is applied, until cleared; the bar says how many there are.
function pickedStore(bar) {
  const key = `cinecat:picked:${bar.dataset.batch}`;
  return {
    read: () => new Set(JSON.parse(sessionStorage.getItem(key) || "[]")),
    write: (picked) => sessionStorage.setItem(key, JSON.stringify([...picked])),
  };
}
function showPicked(bar) {
  const store = pickedStore(bar);
  const picked = store.read();
  document.querySelectorAll("input.pick").forEach((box) => (box.checked = picked.has(box.value)));
  const all = bar.querySelector("[data-pick-matching]");
  const total = all.closest("label").textContent.match(/[\d,]+/)[0];
  const count = all.checked ? total : String(picked.size);
  const said = `${count} selected`;
  bar.querySelector("[data-picked-count]").textContent = count === "0" ? "" : `(${said})`;
  const remove = bar.querySelector("[data-confirm-count]");
  remove.dataset.confirm = `Move ${count} cop${count === "1" ? "y" : "ies"} to the trash?`;
  // Picks on other pages go with the form too.
  const form = bar.querySelector("form");
  form.querySelectorAll("input[data-picked-elsewhere]").forEach((input) => input.remove());
  const here = new Set([...document.querySelectorAll("input.pick")].map((box) => box.value));
  for (const value of picked) {
    if (here.has(value)) continue;
    form.insertAdjacentHTML(
      "beforeend",
      `<input type="hidden" name="copies" value="${Number(value)}" data-picked-elsewhere>`,
    );
  }
}
function batchBar() {
  return document.querySelector("[data-batch]");
}
document.addEventListener("DOMContentLoaded", () => batchBar() && showPicked(batchBar()));
document.addEventListener("htmx:afterSettle", () => batchBar() && showPicked(batchBar()));
window.addEventListener("pageshow", () => batchBar() && showPicked(batchBar()));
document.addEventListener("change", (event) => {
  const bar = batchBar();
  if (!bar) return;
  if (event.target.matches("input.pick")) {
    const store = pickedStore(bar);
    const picked = store.read();
    if (event.target.checked) picked.add(event.target.value);
    else picked.delete(event.target.value);
    store.write(picked);
  }
  if (event.target.matches("input.pick, [data-pick-matching]")) showPicked(bar);
});
document.addEventListener("click", (event) => {
  const bar = batchBar();
  if (!bar) return;
  const store = pickedStore(bar);
  if (event.target.matches("[data-pick-page]")) {
    const picked = store.read();
    document.querySelectorAll("input.pick").forEach((box) => picked.add(box.value));
    store.write(picked);
    showPicked(bar);
  } else if (event.target.matches("[data-pick-clear]")) {
    store.write(new Set());
    bar.querySelector("[data-pick-matching]").checked = false;
    showPicked(bar);
  }
});
document.addEventListener("submit", (event) => {
  const bar = batchBar();
  if (!bar || event.target.id !== "batch-form" || event.defaultPrevented) return;
  // What goes to the trash leaves the list, and the selection with it.
  if (event.submitter?.value === "trash") pickedStore(bar).write(new Set());
});
