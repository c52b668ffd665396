// Keep browsing URLs short and shareable: empty fields (no year, no folder) are not sent.
document.addEventListener("htmx:configRequest", (event) => {
  const params = event.detail.parameters;
  for (const key of Array.from(Object.keys(params))) {
    if (params[key] === "") delete params[key];
  }
});
