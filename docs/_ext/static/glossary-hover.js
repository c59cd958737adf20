/* Show a term's short definition when its link is hovered or focused.
 * Data: window.HANDBOOK_GLOSSARY (glossary-data.js, generated at build time).
 * No network access, no dependencies. */
(function () {
  "use strict";
  var data = window.HANDBOOK_GLOSSARY || {};
  var tip = null;
  var current = null;

  function anchorOf(link) {
    var href = link.getAttribute("href") || "";
    var hash = href.indexOf("#");
    return hash < 0 ? null : decodeURIComponent(href.slice(hash + 1));
  }

  function hide() {
    if (tip) { tip.hidden = true; }
    if (current) { current.removeAttribute("aria-describedby"); current = null; }
  }

  function show(link) {
    var entry = data[anchorOf(link)];
    if (!entry) { return; }
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "glossary-tooltip";
      tip.className = "glossary-tooltip";
      tip.setAttribute("role", "tooltip");
      document.body.appendChild(tip);
    }
    tip.textContent = "";
    var strong = document.createElement("strong");
    strong.textContent = entry.term;
    tip.appendChild(strong);
    tip.appendChild(document.createTextNode(": " + entry.definition));
    tip.hidden = false;
    var rect = link.getBoundingClientRect();
    var top = window.scrollY + rect.bottom + 6;
    var left = Math.max(8, Math.min(window.scrollX + rect.left,
                                    window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.top = top + "px";
    tip.style.left = left + "px";
    link.setAttribute("aria-describedby", tip.id);
    current = link;
  }

  function termLink(target) {
    var link = target && target.closest ? target.closest("a.reference") : null;
    return link && link.querySelector(".std-term") ? link : null;
  }

  document.addEventListener("mouseover", function (event) {
    var link = termLink(event.target);
    if (link && link !== current) { show(link); }
  });
  document.addEventListener("mouseout", function (event) {
    var link = termLink(event.target);
    if (link && !link.contains(event.relatedTarget)) { hide(); }
  });
  document.addEventListener("focusin", function (event) {
    var link = termLink(event.target);
    if (link) { show(link); }
  });
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hide(); }
  });
})();
