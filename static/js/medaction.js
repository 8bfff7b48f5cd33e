/* MedAction page helpers (every page): visible errors for htmx actions, extra rows in the live form. */
(function () {
  "use strict";

  // Where to say why: the form's own slot beside its buttons (the live-results form, long on a
  // phone), else the page's alert under the header.
  function alertSlot(evt) {
    var elt = evt && evt.detail && evt.detail.elt;
    var form = elt && elt.closest ? elt.closest("form") : null;
    return (form && form.querySelector("[data-error-slot]")) || document.getElementById("action-alert");
  }

  // An htmx action the server refused (409 closed session, 400 bad input, 5xx): say why, in text.
  document.addEventListener("htmx:responseError", function (evt) {
    var slot = alertSlot(evt);
    if (!slot) { return; }
    var xhr = evt.detail.xhr;
    var text = (xhr && xhr.status < 500 && xhr.responseText) ? xhr.responseText : "The server could not do that (" + (xhr ? xhr.status : "no answer") + "). Try again.";
    slot.textContent = text.slice(0, 500);
  });
  document.addEventListener("htmx:sendError", function (evt) {
    var slot = alertSlot(evt);
    if (slot) { slot.textContent = "The server cannot be reached. Check the connection and try again."; }
  });
  document.addEventListener("htmx:beforeRequest", function (evt) {
    [document.getElementById("action-alert"), alertSlot(evt)].forEach(function (slot) {
      if (slot) { slot.textContent = ""; }
    });
  });

  // "Add another finding": copy the first extra row with empty fields and the next index.
  document.addEventListener("click", function (evt) {
    var button = evt.target.closest && evt.target.closest("[data-add-row]");
    if (!button) { return; }
    var box = document.getElementById(button.getAttribute("data-add-row"));
    if (!box || !box.firstElementChild) { return; }
    var index = box.children.length;
    var row = box.firstElementChild.cloneNode(true);
    row.querySelectorAll("input, textarea").forEach(function (input) {
      input.value = "";
      input.name = input.name.replace(/^extra-\d+-/, "extra-" + index + "-");
    });
    box.appendChild(row);
    var first = row.querySelector("input");
    if (first) { first.focus(); }
  });
})();
