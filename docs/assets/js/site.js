// The site's own script (issue 12), loaded deferred on every page. Without it every
// control still works: the language menu is a <details>, the phone menu opens from
// Material's label, and the language links lead to the same page.
(function () {
  "use strict";

  // The language menu: <details> opens and closes with Enter, Space or a click by
  // itself; Escape, a click elsewhere or focus moving away closes it.
  var language = document.querySelector("[data-plansite-language]");
  if (language) {
    var summary = language.querySelector("summary");
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && language.open) {
        language.open = false;
        summary.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (language.open && !language.contains(event.target)) language.open = false;
    });
    language.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !language.contains(event.relatedTarget)) language.open = false;
    });
  }

  // A link to the same page in another language keeps the reader's place: anchors are
  // the same in every language (they come from the data's ids). The place is the
  // address's section while it is on screen; else the last anchor above the reading
  // line (a quarter of the way down the screen, under the sticky header), so a reader
  // who scrolled to the middle of the full text lands on the section they were reading;
  // at the very top, the top. Worked out when the link is about to be followed.
  var header = document.querySelector(".md-header");
  function place() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target) {
      var box = target.getBoundingClientRect();
      if (box.bottom > 0 && box.top < window.innerHeight) return location.hash;
    }
    if (window.scrollY <= 0) return "";
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var line = top + (window.innerHeight - top) / 4;
    var anchors = document.querySelectorAll("article [id]:not(h1)");
    var found = "";
    for (var i = 0; i < anchors.length; i++) {
      var rects = anchors[i].getClientRects();
      if (rects.length && rects[0].top <= line) found = "#" + anchors[i].id;
    }
    return found;
  }
  function keepSection(event) {
    event.currentTarget.hash = place();
  }
  var switches = document.querySelectorAll("a[hreflang]");
  for (var i = 0; i < switches.length; i++) {
    ["pointerdown", "focus", "click"].forEach(function (type) {
      switches[i].addEventListener(type, keepSection);
    });
  }

  // The phone menu: a real button (Enter, Space), with its state, that moves focus
  // into the menu; Escape closes the menu and returns to the button.
  var drawer = document.getElementById("__drawer");
  var button = document.querySelector("[data-plansite-drawer]");
  if (drawer && button) {
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    var sync = function () {
      button.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
    };
    var toggle = function (open) {
      if (drawer.checked !== open) drawer.click();
      sync();
    };
    button.addEventListener("click", function () {
      toggle(!drawer.checked);
      if (drawer.checked && menu) {
        var first = menu.querySelector("a[href]");
        if (first) requestAnimationFrame(function () { first.focus(); });
      }
    });
    drawer.addEventListener("change", sync);
    // From now on the closed menu is out of the keyboard's way (site.css, .plansite-menu),
    // at once: the quarter-second delay of its hiding is for a menu sliding shut, and
    // tabbing into it during that delay dropped focus on the page's body when it ended.
    // A reader who tabbed into it before this script ran (it opens while focus is inside,
    // as without JavaScript) walks on through it first, for the same reason.
    var sidebar = menu && menu.closest(".md-sidebar");
    var ready = function () {
      if (sidebar) sidebar.style.transition = "none";
      document.documentElement.classList.add("plansite-menu");
      if (sidebar) {
        getComputedStyle(sidebar).visibility;
        sidebar.style.transition = "";
      }
    };
    if (sidebar && sidebar.contains(document.activeElement)) {
      sidebar.addEventListener("focusout", function leave(event) {
        if (sidebar.contains(event.relatedTarget)) return;
        sidebar.removeEventListener("focusout", leave);
        ready();
      });
    } else {
      ready();
    }
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        toggle(false);
        button.focus();
      }
    });
    sync();
  }

  // Offline reading (issue 22). The service worker (sw.js, at the site's root two folders
  // above this script) is registered once the page has loaded. The controls to save the
  // reader's edition for reading offline and to remove it are hidden unless the browser
  // can keep it; their first press loads offline.js, which does the storing. A page the
  // worker took from the store carries the date of its copy: a notice above it says so.
  var blocks = document.querySelectorAll("[data-plansite-offline]");
  var script = document.currentScript;
  if ("serviceWorker" in navigator && window.caches && script && blocks.length) {
    var root = new URL("../../", script.src).href;
    var lang = document.documentElement.lang;
    var settings = blocks[0].dataset;
    var copied = document.documentElement.getAttribute("data-plansite-copy");
    var article = document.querySelector("article");
    if (copied && article) {
      var notice = document.createElement("p");
      notice.className = "plansite-offline-notice";
      var date = JSON.parse(settings.date);
      notice.textContent = settings.notice.replace("{date}", new Date(copied).toLocaleDateString(date[0], date[1]));
      article.insertBefore(notice, article.firstChild);
    }
    // state: "idle", "saving" or "saved"; said: what the status line says (a data- key).
    var show = function (state, said) {
      blocks.forEach(function (block) {
        var save = block.querySelector("[data-offline-save]");
        var remove = block.querySelector("[data-offline-remove]");
        var focused = block.contains(document.activeElement);
        save.hidden = state === "saved";
        save.setAttribute("aria-disabled", state === "saving" ? "true" : "false");
        remove.hidden = state !== "saved";
        block.querySelector("progress").hidden = state !== "saving";
        block.querySelector("[role=status]").textContent = said ? block.dataset[said] : "";
        // A button hidden while it had focus hands it to the one shown in its place.
        var lost = !block.contains(document.activeElement) || document.activeElement.hidden;
        if (focused && lost) (save.hidden ? remove : save).focus();
        block.hidden = false;
      });
    };
    var progress = function (done, total) {
      blocks.forEach(function (block) {
        var bar = block.querySelector("progress");
        bar.max = total;
        bar.value = done;
      });
    };
    var loading = null;
    var offline = function () {
      loading = loading || new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = root + "assets/js/offline.js";
        tag.onload = function () { resolve(window.plansiteOffline); };
        tag.onerror = function () { loading = null; tag.remove(); reject(); };
        document.head.appendChild(tag);
      });
      return loading;
    };
    var saving = false;
    document.addEventListener("click", function (event) {
      var target = event.target.closest("[data-offline-save], [data-offline-remove]");
      if (!target || saving) return;
      if (target.hasAttribute("data-offline-save")) {
        saving = true;
        show("saving", "saving");
        offline()
          .then(function (store) {
            return store.manifest(root).then(function (data) { return store.save(root, data, lang, progress); });
          })
          .then(function () {
            // Kept unless the reader clears it (Firefox asks the reader first).
            if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
            show("saved", "saved");
          }, function () { show("idle", "failed"); })
          .then(function () { saving = false; });
      } else {
        offline()
          .then(function (store) { return store.remove(root, lang); })
          .then(function () { show("idle", "removed"); });
      }
    });
    // Stored already when a cache of this edition holds its manifest (names: offline.js).
    caches.keys()
      .then(function (names) {
        var own = names.filter(function (name) {
          return name.indexOf("plansite " + root) === 0 && name.slice(-(" saved " + lang).length) === " saved " + lang;
        });
        return Promise.all(own.map(function (name) {
          return caches.open(name).then(function (cache) { return cache.match(root + "offline.json"); });
        }));
      })
      .then(function (found) { show(found.some(Boolean) ? "saved" : "idle", found.some(Boolean) ? "stored" : ""); });
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(root + "sw.js", { updateViaCache: "none" }).then(function () {
        if (navigator.serviceWorker.controller) return;
        // This page came before the worker: once it runs, it keeps the page and its files too.
        navigator.serviceWorker.ready.then(function (registration) {
          var files = performance.getEntriesByType("resource").map(function (entry) { return entry.name; });
          registration.active.postMessage({ keep: [location.href].concat(files) });
        });
      }, function () {});
    });
  }
})();
