// The filters of a list: on a wide screen, open beside the results; on a
// narrow one, folded into "Filters (n)" above them, so the results come
// first. Without JavaScript the disclosure is simply closed until opened.
(() => {
  if (!window.matchMedia) return;
  const wide = window.matchMedia("(min-width: 48rem)");
  const fit = () => {
    document.querySelectorAll("details[data-open-when-wide]").forEach((details) => {
      details.open = wide.matches;
    });
  };
  wide.addEventListener("change", fit);
  fit();
})();
