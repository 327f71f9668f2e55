// The app's side of the visit (kit/widgets/app.py): which page is asked for (the address's
// fragment, a neutral number), the browser's preferred languages and time zone, whether the person is still there,
// and that they are leaving. It also moves the keyboard's focus to a page's heading when
// the page changes, and says the page's name to screen readers. It draws no more than a
// line for screen readers, hidden from sight.

// The page asked for: the fragment, or the start page ("00") when there is none.
function route() {
  return decodeURIComponent(window.location.hash.replace(/^#/, "")) || "00";
}

function preferred() {
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

function base() {
  const path = window.location.pathname;
  const at = path.indexOf("voila/");
  return at >= 0 ? path.slice(0, at) : "/";
}

function headingOf(number) {
  const page = document.querySelector(`.kit-page-${number}`);
  if (!page || page.offsetParent === null) {
    return null;
  }
  return page.querySelector("h1, h2");
}

// The new page's widgets are drawn a moment after the kernel puts them on the page.
function focusWhenDrawn(number, tries) {
  const heading = headingOf(number);
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
    window.scrollTo(0, 0);
    return;
  }
  if (tries > 0) {
    window.setTimeout(() => focusWhenDrawn(number, tries - 1), 50);
  }
}

export default {
  initialize({ model }) {
    const kept = window.sessionStorage.getItem("kit-route");
    if (kept) {
      window.sessionStorage.removeItem("kit-route");
      if (!window.location.hash) {
        window.history.replaceState(null, "", `#${kept}`);
      }
    }
    model.set("languages", preferred());
    model.set("zone", zone());
    model.set("route", route());
    model.save_changes();
    window.addEventListener("hashchange", () => {
      model.set("route", route());
      model.save_changes();
    });

    // Voila shuts a page's kernel down when the page is left, with a request that needs the
    // server's _xsrf cookie; the page itself does not set it, the file list does.
    if (!/(^|;\s*)_xsrf=/.test(document.cookie)) {
      window.fetch(`${base()}voila/tree`, { credentials: "same-origin" }).catch(() => {});
    }

    // Still there? Any key, touch, click or scroll counts; after idle_after seconds without
    // one, the kernel is told (and locks a locked journal again).
    let last = Date.now();
    const active = () => {
      last = Date.now();
      if (model.get("idle")) {
        model.set("idle", false);
        model.save_changes();
      }
    };
    for (const kind of ["pointerdown", "keydown", "scroll", "touchstart"]) {
      document.addEventListener(kind, active, { passive: true, capture: true });
    }
    const look = () => {
      const limit = model.get("idle_after") * 1000;
      if (limit > 0 && Date.now() - last >= limit && !model.get("idle")) {
        model.set("idle", true);
        model.save_changes();
      }
    };
    window.setInterval(look, 1000);

    // Still in touch? While the person uses the page, ask the kernel every few seconds; after
    // lost_after seconds without an answer, say so calmly, with a way back (a reload, which
    // a hub answers by starting the server again). The words came ahead, in the page's
    // language. A late answer (a busy kernel) takes the notice away again.
    let asked = 0;
    let heard = Date.now();
    let notice = null;
    model.on("msg:custom", (message) => {
      if (message && message.pong !== undefined) {
        heard = Date.now();
        if (notice) {
          notice.remove();
          notice = null;
        }
      }
    });
    const lostNotice = () => {
      const words = model.get("lost_words") || {};
      const box = document.createElement("div");
      box.className = "kit-lost";
      box.setAttribute("role", "status");
      const heading = document.createElement("p");
      heading.className = "kit-lost-heading";
      heading.textContent = words.heading || "";
      const body = document.createElement("p");
      body.textContent = words.body || "";
      const again = document.createElement("button");
      again.type = "button";
      again.textContent = words.reload || "";
      again.addEventListener("click", () => {
        // A hub that starts the server again drops the fragment on its way back: keep the
        // page's number (a neutral number, for this tab only) to open it again.
        window.sessionStorage.setItem("kit-route", route());
        window.location.reload();
      });
      box.append(heading, body, again);
      document.body.appendChild(box);
      return box;
    };
    const touch = () => {
      if (model.get("idle") || document.hidden) {
        heard = Date.now(); // not asked while away: the count starts again on return
        return;
      }
      asked += 1;
      try {
        model.send({ ping: asked });
      } catch (error) {
        // A connection already closed: the notice below says so.
      }
      const limit = model.get("lost_after") * 1000;
      if (limit > 0 && Date.now() - heard > limit && !notice) {
        notice = lostNotice();
      }
    };
    window.setInterval(touch, 5000);

    // Quick exit says so before it goes (kit_exit.html): the journal's key is dropped.
    document.addEventListener("kit-leave", () => {
      model.set("leaving", true);
      model.save_changes();
    });
  },

  render({ model, el }) {
    el.classList.add("kit-announce");
    el.setAttribute("role", "status");
    el.setAttribute("aria-live", "polite");
    const shown = () => {
      const number = model.get("shown");
      el.textContent = model.get("shown_title");
      if (model.get("moves") > 0) {
        focusWhenDrawn(number, 60);
      }
    };
    model.on("change:moves", shown);
    // The page's language, for screen readers and the browser's own words (spelling, ...).
    const lang = () => {
      document.documentElement.lang = model.get("lang") || "en";
      // Quick exit and the page's own words follow (kit_exit.html).
      document.dispatchEvent(new CustomEvent("kit-language", { detail: model.get("lang") }));
    };
    lang();
    model.on("change:lang", lang);
  },
};
