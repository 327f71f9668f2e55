// Keeps what is being typed on a worksheet's page, a moment after typing stops, so that
// leaving in a hurry (quick exit, a closed tab) loses nothing: the kernel keeps it as a
// draft in the journal. Text boxes tell the kernel their text only when they are left, so
// this piece listens to the typing itself. It draws nothing. See kit/widgets/drafts.py.
function fieldOf(target, fields) {
  const box = target.closest(".kit-field");
  if (!box || box.parentElement.closest(".kit-list-entry")) {
    return null;
  }
  const name = [...box.classList].find((c) => c.startsWith("kit-field-"));
  const id = name ? name.slice("kit-field-".length) : null;
  return id && fields.has(id) ? id : null;
}

export default {
  render({ model, el }) {
    el.hidden = true;
    const fields = new Set(model.get("fields"));
    let pending = {};
    let timer = null;
    const flush = () => {
      clearTimeout(timer);
      timer = null;
      if (Object.keys(pending).length) {
        model.set("typed", { ...model.get("typed"), ...pending });
        model.save_changes();
        pending = {};
      }
    };
    // The piece may be drawn before it is placed in the page, so its form is looked up
    // when typing happens, not now.
    document.addEventListener("input", (event) => {
      const target = event.target;
      const typing = target instanceof HTMLTextAreaElement
        || (target instanceof HTMLInputElement && target.type !== "password");
      const form = el.closest(".kit-form");
      const mine = typing && form !== null && form.contains(target);
      const id = mine ? fieldOf(target, fields) : null;
      if (id) {
        pending[id] = target.value;
        clearTimeout(timer);
        timer = setTimeout(flush, model.get("delay_ms"));
      }
    });
    // Leaving now: quick exit (the button or Escape) says so before it goes, and a closed
    // tab hides the page. Either way, what is pending is kept.
    document.addEventListener("kit-leave", flush);
    window.addEventListener("pagehide", flush);
  },
};
