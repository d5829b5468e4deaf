/* Our own small script (Material has no option for either):
   1. The language selector and the old-version banner link to the same page
      elsewhere without its '#anchor'; carry the reader's anchor along, so a
      link to one rule survives the switch. (Material's version selector keeps
      the anchor itself and must see its links unchanged.)
   2. An old version's banner says until when it was valid: the effective
      date of the next version, read from mike's versions.json.
   3. Material's version button is labelled "Select version" while it shows
      the version's title (WCAG 2.5.3, label in name): its label gets the
      visible title in front. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[hreflang], [data-cvo-latest]") : null;
    if (!link || !window.location.hash) return;
    var url = new URL(link.getAttribute("href"), window.location.href);
    if (!url.hash) {
      url.hash = window.location.hash;
      link.setAttribute("href", url.href);
    }
  }, true);

  function labelVersionButton() {
    var button = document.querySelector(".md-version__current");
    if (!button) return false;
    var visible = button.textContent.replace(/\s+/g, " ").trim();
    var label = button.getAttribute("aria-label") || "";
    if (label.indexOf(visible) !== 0) button.setAttribute("aria-label", visible + " – " + label);
    return true;
  }
  if (!labelVersionButton() && window.MutationObserver) {
    var observer = new MutationObserver(function () {
      if (labelVersionButton()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }

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
    var time = document.createElement("time");
    time.setAttribute("datetime", later[0]);
    // Written as on the rest of the page: "1 januari 2026", "1 January 2026".
    var locale = document.documentElement.lang === "en" ? "en-GB" : "nl-NL";
    time.textContent = new Date(later[0] + "T12:00:00").toLocaleDateString(
      locale, { day: "numeric", month: "long", year: "numeric" });
    var slot = until.querySelector("[data-cvo-until-date]");
    slot.parentNode.replaceChild(time, slot);
    until.hidden = false;
  }).catch(function () { /* the banner still says from when it was valid */ });
})();
