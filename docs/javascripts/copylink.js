/* Copy-link buttons (and the copy buttons further down): a click copies the
   rule's permanent address to the clipboard instead of following it, and a
   live region says so, in the words of the button's data-cvo-copied (the
   catalog's sentence in the page's language, written by the build: this
   script has no words of its own). Without the Clipboard API (an http://
   page) the link is simply followed, so the address is in the address bar.
   No inline script: this file is the whole handler. */
(function () {
  "use strict";

  var status = null;
  var timer = null;

  function announce(text) {
    if (!status) {
      status = document.createElement("div");
      status.className = "cvo-copied";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = text;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { status.textContent = ""; }, 2500);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-cvo-copylink]") : null;
    if (!link || !navigator.clipboard || !window.isSecureContext) return;
    event.preventDefault();
    navigator.clipboard.writeText(link.href).then(function () {
      announce(link.getAttribute("data-cvo-copied") || "");
    }, function () {
      window.location.href = link.href;
    });
  });

  /* Copy buttons (the poster page's HTML snippets): a button names the
     element whose text it copies and the words that say it is done. They are
     hidden without the Clipboard API, so they are shown here when it is there. */
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-cvo-copy]") : null;
    var source = button ? document.getElementById(button.getAttribute("data-cvo-copy")) : null;
    if (!source || !navigator.clipboard || !window.isSecureContext) return;
    navigator.clipboard.writeText(source.textContent).then(function () {
      announce(button.getAttribute("data-cvo-copied") || "");
    });
  });

  if (navigator.clipboard && window.isSecureContext) {
    var buttons = document.querySelectorAll("button[data-cvo-copy][hidden]");
    for (var i = 0; i < buttons.length; i += 1) buttons[i].hidden = false;
  }
})();
