// Live updates for the status page: fetch the rendered sections every few seconds and swap
// them in. No framework, nothing loaded from elsewhere; the server renders all the HTML.
(function () {
  "use strict";
  var PERIOD_MS = 2000;
  var live = document.getElementById("live");
  var connection = document.getElementById("connection");
  var lastOk = null;

  function show(state, text) {
    connection.setAttribute("data-state", state);
    connection.textContent = text;
  }

  function refresh() {
    fetch("/status/sections", { cache: "no-store", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        live.innerHTML = html;
        lastOk = new Date();
        show("live", "live · updated " + lastOk.toLocaleTimeString());
      })
      .catch(function (error) {
        var since = lastOk ? " since " + lastOk.toLocaleTimeString() : "";
        show("lost", "no answer from the worker" + since + " (" + error.message + "); retrying");
      })
      .then(function () { window.setTimeout(refresh, PERIOD_MS); });
  }

  show("live", "live · connecting");
  refresh();
})();
