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
