// The visit's side of the page: tells the kernel what only the browser knows (its time
// zone), once per page. It draws nothing. See kit/widgets/visit.py.
function zone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return "";
  }
}

export default {
  initialize({ model }) {
    const found = zone();
    if (found && model.get("zone") !== found) {
      model.set("zone", found);
      model.save_changes();
    }
  },
  render({ el }) {
    el.hidden = true;
  },
};
