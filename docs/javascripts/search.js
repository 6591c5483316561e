// The site's search, loaded only when a reader asks for it. Until then a page fetches nothing
// of it but this file: Pagefind's search dialog (pagefind/, written by the build) comes with
// the first click on the header's search button, or the first press of "/", "s" or "f" (the
// theme's own shortcuts) or Ctrl+K / Cmd+K. Its index is then fetched in parts, as words are
// typed. Without JavaScript the button stays hidden: there is no search box that cannot work.
(() => {
  const button = document.querySelector("button[data-search-bundle]");
  if (!button) return;
  const bundle = new URL(button.dataset.searchBundle, document.baseURI);
  let loaded = null;
  let typed = null; // what the reader types while the dialog loads, given to it once open

  function load() {
    if (!loaded) {
      loaded = new Promise((resolve, reject) => {
        const styles = document.createElement("link");
        styles.rel = "stylesheet";
        styles.href = new URL("pagefind-component-ui.css", bundle).href;
        const script = document.createElement("script");
        script.src = new URL("pagefind-component-ui.js", bundle).href;
        script.onload = () => customElements.whenDefined("pagefind-modal").then(resolve);
        script.onerror = reject;
        document.head.append(styles, script);
      });
    }
    return loaded;
  }

  function open() {
    if (typed !== null) return;
    typed = "";
    load().then(() => {
      const modal = document.querySelector("pagefind-modal");
      modal.open();
      const input = modal.querySelector("input");
      if (input && typed) {
        input.value = typed;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
      typed = null;
      // Back to the button when the dialog closes, as from any dialog a button opens.
      modal.querySelector("dialog")?.addEventListener("close", () => button.focus(), { once: true });
    }).catch(() => {
      typed = null; // the page goes on as it was; a later click tries again
      loaded = null;
    });
  }

  button.hidden = false;
  button.addEventListener("click", open);
  document.addEventListener("keydown", (event) => {
    if (typed !== null) {
      // The dialog is on its way: keep the letters, so that none of the query is lost.
      if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) typed += event.key;
      else if (event.key === "Backspace") typed = typed.slice(0, -1);
      event.preventDefault();
      return;
    }
    const typing = event.target instanceof Element && event.target.closest("input, textarea, select, [contenteditable]");
    const shortcut = event.key.toLowerCase() === "k" && (event.ctrlKey || event.metaKey);
    const key = !typing && !event.ctrlKey && !event.metaKey && !event.altKey && ["/", "s", "f"].includes(event.key);
    if ((shortcut || key) && !document.querySelector("pagefind-modal dialog[open]")) {
      event.preventDefault();
      open();
    }
  });
})();
