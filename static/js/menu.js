// The header's menu button on a narrow screen: the menu (navigation, search,
// languages) folds behind it. Without JavaScript, or on a wide screen, the
// menu is simply shown. Escape closes it and returns to the button.
(() => {
  const button = document.querySelector(".menu-button");
  const menu = document.getElementById("site-menu");
  if (!button || !menu || !window.matchMedia) return;
  const narrow = window.matchMedia("(max-width: 47.99rem)");

  const show = (open) => {
    button.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("is-closed", !open);
  };
  const fit = () => {
    button.hidden = !narrow.matches;
    show(!narrow.matches);
  };

  button.addEventListener("click", () => {
    show(button.getAttribute("aria-expanded") !== "true");
  });
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && narrow.matches) {
      show(false);
      button.focus();
    }
  });
  narrow.addEventListener("change", fit);
  fit();
})();
