(function () {
  "use strict";
  // Source texts, keyed by source number; offsets count Unicode code points, as Python does.
  var texts = JSON.parse(document.getElementById("memo-sources").textContent);
  var viewer = document.getElementById("viewer");
  var heading = document.getElementById("viewer-title");
  var body = document.getElementById("viewer-text");
  var active = null;

  function show(source, start, end, marker) {
    var chars = Array.from(texts[source] || "");
    body.textContent = "";
    body.appendChild(document.createTextNode(chars.slice(0, start).join("")));
    var mark = document.createElement("mark");
    mark.id = "highlight";
    mark.textContent = chars.slice(start, end).join("");
    body.appendChild(mark);
    body.appendChild(document.createTextNode(chars.slice(end).join("")));
    var entry = document.getElementById("src-" + source);
    heading.textContent = "[" + source + "] " + (entry ? entry.getAttribute("data-title") : "");
    viewer.classList.add("open");
    if (active) { active.classList.remove("active"); }
    active = marker;
    if (marker) { marker.classList.add("active"); }
    body.scrollTop = Math.max(0, mark.offsetTop - body.clientHeight / 3);
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var cite = target && target.closest("a.cite");
    if (cite) {
      event.preventDefault();
      show(cite.getAttribute("data-source"), Number(cite.getAttribute("data-start")),
           Number(cite.getAttribute("data-end")), cite);
      return;
    }
    var button = target && target.closest("button.show-text");
    if (button) { show(button.getAttribute("data-source"), 0, 0, null); }
  });
  document.getElementById("viewer-close").addEventListener("click", function () {
    viewer.classList.remove("open");
  });
})();
