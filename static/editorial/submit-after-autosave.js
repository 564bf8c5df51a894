// Wagtail's autosave posts the page form in the background. On a new page,
// the first autosave creates the page and turns the form's address into the
// edit view's. A button pressed while that post is on its way sent the form
// to the create view a second time: two pages with one slug, and a server
// error for the second. Here a press during an autosave waits for it to
// finish, then goes to the address the autosave left.
(function () {
  const form = document.querySelector("form[data-controller~='w-autosave']");
  if (!form) {
    return;
  }
  // Should an autosave never answer, a press still goes after this long.
  const patience = 15000;
  let saving = false;
  let waiting = null;
  let timer = null;
  const settle = () => {
    saving = false;
    clearTimeout(timer);
    if (!waiting) {
      return;
    }
    const submitter = waiting;
    waiting = null;
    // The pressed button may be disabled by now (Wagtail's progress
    // spinner), and a disabled button sends nothing: its name and value go
    // as a field instead.
    if (submitter instanceof HTMLButtonElement && submitter.name) {
      const field = document.createElement("input");
      field.type = "hidden";
      field.name = submitter.name;
      field.value = submitter.value;
      form.append(field);
    }
    form.requestSubmit();
  };
  form.addEventListener("w-autosave:save", (event) => {
    // The autosave posts once every listener has run, unless one of them
    // cancelled it.
    queueMicrotask(() => {
      saving = !event.defaultPrevented;
    });
  });
  form.addEventListener("w-autosave:success", settle);
  form.addEventListener("w-autosave:error", settle);
  form.addEventListener("w-autosave:deactivated", settle);
  form.addEventListener(
    "submit",
    (event) => {
      if (!saving) {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      waiting = event.submitter || waiting || true;
      clearTimeout(timer);
      timer = setTimeout(settle, patience);
    },
    true,
  );
})();
