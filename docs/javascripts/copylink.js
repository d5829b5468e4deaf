/* Copy-link buttons: a click copies the rule's permanent address to the
   clipboard instead of following it, and a live region says so. Without the
   Clipboard API (an http:// page) the link is simply followed, so the address
   is in the address bar. No inline script: this file is the whole handler. */
(function () {
  "use strict";

  var messages = { nl: "Link gekopieerd", en: "Link copied" };
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
    var language = (document.documentElement.lang || "nl").slice(0, 2);
    navigator.clipboard.writeText(link.href).then(function () {
      announce(messages[language] || messages.en);
    }, function () {
      window.location.href = link.href;
    });
  });
})();
