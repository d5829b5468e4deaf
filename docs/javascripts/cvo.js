/* Our own small script (Material has no option for any of these):
   1. The language selector and the old-version banner link to the same page
      elsewhere without its '#anchor'; carry the reader's anchor along, so a
      link to one rule survives the switch. (Material's version selector keeps
      the anchor itself and must see its links unchanged.)
   2. An old version's banner says until when it was valid: the effective
      date of the next version, read from mike's versions.json.
   3. Material's version button is labelled "Select version" while it shows
      the version's title (WCAG 2.5.3, label in name): its label gets the
      visible title in front.
   4. Coming versions (published before they take effect), from the same
      versions.json that publish and activate move in one step: a page of a
      coming version keeps its "not yet in force" banner only while its date
      is later than that of the version 'latest' points to (else it is an old
      version's banner); the version in force announces the next coming
      version, with a link to that version's "what changed" page. The
      sentences are the catalog's, rendered by theme/main.html; only a date, a
      title and an address are filled in here.
   5. Material 9.8's search reads its field only on a keyup (watchSearchQuery),
      so a word that arrives without a key, pasted from a menu, dictated, or
      put in by an on-screen keyboard, was not searched at all. Each input
      event now gives the field a keyup of its own (not bubbling, so no other
      listener sees it); Material skips a value it has already searched. */
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

  var query = document.querySelector("[data-md-component=search-query]");
  if (query) {
    query.addEventListener("input", function () {
      query.dispatchEvent(new Event("keyup"));
    });
  }

  var config = document.getElementById("__config");
  var announce = document.querySelector("[data-cvo-announce]");
  if (!announce || !config || !window.fetch) return;
  var banner = document.querySelector(".cvo-outdated[data-cvo-effective]");
  var coming = document.querySelector("[data-cvo-coming]");
  var own = announce.getAttribute("data-cvo-version");
  var from = announce.getAttribute("data-cvo-effective");
  var base = new URL(JSON.parse(config.textContent).base, window.location.href);
  // Written as the build writes dates on the same page ("1 januari 2026",
  // "1 marca 2026"): the catalog's release.date and release.months, which
  // theme/main.html puts on the announcement (data-cvo-date, data-cvo-months).
  var pattern = announce.getAttribute("data-cvo-date") || "{day} {month} {year}";
  var months = (announce.getAttribute("data-cvo-months") || "").split("|");
  function writeDate(element, date) {
    var parts = date.split("-");
    var values = { day: String(Number(parts[2])), month: months[Number(parts[1]) - 1] || parts[1], year: parts[0] };
    element.textContent = pattern.replace(/\{(day|month|year)\}/g, function (_, name) { return values[name]; });
  }
  function effective(version) {
    return (version.properties && version.properties.effective) || "";
  }
  window.fetch(new URL("../versions.json", base)).then(function (response) {
    return response.ok ? response.json() : [];
  }).then(function (versions) {
    var inForce = versions.filter(function (v) { return v.aliases.indexOf("latest") >= 0; })[0];
    var later = versions.filter(function (v) { return effective(v) > from; })
      .sort(function (a, b) { return effective(a) < effective(b) ? -1 : effective(a) > effective(b) ? 1 : 0; });
    if (banner && coming && inForce && inForce.version !== own) {
      var stillComing = from > effective(inForce);
      coming.hidden = !stillComing;
      banner.hidden = stillComing;
    }
    if (banner && later.length) {
      var until = banner.querySelector("[data-cvo-until]");
      // The template leaves an empty slot: an empty <time> is invalid HTML.
      var slot = until.querySelector("[data-cvo-until-date]");
      if (slot) {
        var time = document.createElement("time");
        time.setAttribute("datetime", effective(later[0]));
        writeDate(time, effective(later[0]));
        slot.parentNode.replaceChild(time, slot);
      }
      until.hidden = false;
    }
    if (inForce && inForce.version === own && later.length) {
      var next = later[0];
      writeDate(announce.querySelector("[data-cvo-announce-date]"), effective(next));
      announce.querySelector("[data-cvo-announce-title]").textContent = next.title;
      announce.querySelector("[data-cvo-announce-link]").setAttribute(
        "href", new URL("../" + next.version + "/" + announce.getAttribute("data-cvo-announce"), base).href);
      announce.hidden = false;
    }
  }).catch(function () { /* the banners still say from when their version is valid */ });
})();
