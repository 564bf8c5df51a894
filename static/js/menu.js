// The header's menu button on a narrow screen. The style sheet folds the
// menu (navigation, search) behind the button there from the first paint;
// this opens and closes it. Without JavaScript, no-script.css shows the menu
// and hides the button. Escape closes the menu and returns to the button.
(() => {
  const button = document.querySelector(".menu-button");
  const menu = document.getElementById("site-menu");
  if (!button || !menu) return;

  const show = (open) => {
    button.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("is-open", open);
  };
  button.addEventListener("click", () => {
    show(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", (event) => {
    const open = button.getAttribute("aria-expanded") === "true";
    if (event.key === "Escape" && open && button.offsetParent !== null) {
      show(false);
      button.focus();
    }
  });
})();
