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
  const question = event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
