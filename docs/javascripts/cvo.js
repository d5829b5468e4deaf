/* Our own small script (Material has no option for either):
   1. Material's language and version selectors link to the other page
      without its '#anchor'; carry the reader's anchor along, so a link to one
      rule survives a switch.
   2. An old version's banner says until when it was valid: the effective
      date of the next version, read from mike's versions.json. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[hreflang], .md-version__link, [data-cvo-latest]") : null;
    if (!link || !window.location.hash) return;
    var url = new URL(link.getAttribute("href"), window.location.href);
    if (!url.hash) {
      url.hash = window.location.hash;
      link.setAttribute("href", url.href);
    }
  }, true);

  var banner = document.querySelector(".cvo-outdated[data-cvo-effective]");
  var config = document.getElementById("__config");
  if (!banner || !config || !window.fetch) return;
  var base = new URL(JSON.parse(config.textContent).base, window.location.href);
  window.fetch(new URL("../versions.json", base)).then(function (response) {
    return response.ok ? response.json() : [];
  }).then(function (versions) {
    var from = banner.getAttribute("data-cvo-effective");
    var later = versions
      .map(function (v) { return v.properties && v.properties.effective; })
      .filter(function (date) { return date && date > from; })
      .sort();
    if (!later.length) return;
    var until = banner.querySelector("[data-cvo-until]");
    var time = until.querySelector("time");
    time.setAttribute("datetime", later[0]);
    time.textContent = new Date(later[0] + "T12:00:00").toLocaleDateString(
      document.documentElement.lang || "nl", { day: "numeric", month: "long", year: "numeric" });
    until.hidden = false;
  }).catch(function () { /* the banner still says from when it was valid */ });
})();
