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
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        toggle(false);
        button.focus();
      }
    });
    sync();
  }
})();
