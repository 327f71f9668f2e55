// The visit's side of the page: tells the kernel what only the browser knows (its preferred
// languages and its time zone), once per page. It draws nothing. See kit/widgets/visit.py.
function languages() {
  try {
    const found = navigator.languages && navigator.languages.length
      ? navigator.languages : [navigator.language || ""];
    return Array.from(found).filter((tag) => typeof tag === "string" && tag).slice(0, 20);
  } catch (error) {
    return [];
  }
}

function zone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return "";
  }
}

export default {
  initialize({ model }) {
    let changed = false;
    const preferred = languages();
    if (preferred.length) {
      model.set("languages", preferred);
      changed = true;
    }
    const found = zone();
    if (found && model.get("zone") !== found) {
      model.set("zone", found);
      changed = true;
    }
    if (changed) {
      model.save_changes();
    }
  },
  render({ el }) {
    el.hidden = true;
  },
};
