// wagtail-localize's translation editor writes its section's title in
// English in every admin language ("polski to English translation": the
// words are in its script, not its catalogues). Here that title is written
// again in the admin's language, from the pattern the server translated
// (editorial/admin_language_hooks.py), each time the editor draws it.
(function () {
  const script = document.currentScript;
  const editor = document.querySelector(".js-translation-editor[data-props]");
  if (!script || !editor) {
    return;
  }
  let props;
  try {
    props = JSON.parse(editor.dataset.props);
  } catch (error) {
    return;
  }
  const source = props.sourceLocale && props.sourceLocale.displayName;
  const target = props.locale && props.locale.displayName;
  if (!source || !target) {
    return;
  }
  const english = `${source} to ${target} translation`;
  const title = script.dataset.title
    .replace("%(source)s", source)
    .replace("%(target)s", target);
  const rewrite = () => {
    editor.querySelectorAll("section h3").forEach((heading) => {
      if (heading.textContent === english) {
        heading.textContent = title;
      }
    });
  };
  new MutationObserver(rewrite).observe(editor, { childList: true, subtree: true });
  rewrite();
})();
