/* The session page's WebSocket glue (htmx ws extension does the swapping).

   - Every fragment carries #stream-state[data-last-seq]; a (re)connection asks for what came after
     it, by rewriting last_seq in the socket URL, so a reconnect never repeats or loses an event.
   - A batch the page already has is dropped, and a turn already on the page is never appended twice.
   - The ws extension itself retries only abnormal closes (1006, 1011-1013); any other drop while the
     session is open is retried here with backoff. A finished session closes its socket.
*/
(function () {
  "use strict";
  var SELF_RETRIED = [1006, 1011, 1012, 1013];
  var GIVE_UP = { 4401: "Your sign-in has expired: reload the page to sign in again.",
                  4403: "Your access to this session has ended (signed out, or your role changed).",
                  4404: "This session cannot be found, or you no longer have access to it." };
  var retries = 0;
  var leaving = false;
  var closingOnPurpose = false;
  var opened = false;
  var failedOpens = 0;
  var app = window.medaction = window.medaction || {};

  function stream() { return document.getElementById("stream-state"); }
  function lastSeq() { var s = stream(); return s ? parseInt(s.getAttribute("data-last-seq") || "0", 10) : 0; }
  function sessionOpen() { var s = stream(); return !!s && s.getAttribute("data-open") === "true"; }
  function connection(state, text) {
    var el = document.getElementById("connection");
    if (el) { el.setAttribute("data-state", state); el.textContent = text; }
  }

  if (window.htmx && htmx.createWebSocket) {
    var create = htmx.createWebSocket;
    htmx.createWebSocket = function (url) {
      var u = new URL(url, window.location.href);
      u.searchParams.set("last_seq", String(lastSeq()));
      var socket = create(u.toString());
      app.socket = socket;
      return socket;
    };
  }

  document.addEventListener("htmx:wsConnecting", function () { opened = false; });
  document.addEventListener("htmx:wsOpen", function () {
    retries = 0;
    opened = true;
    failedOpens = 0;
    connection("live", "Connected");  // the socket's state, not live-patient mode
  });

  // A refused handshake (signed out, access gone) reaches the browser as 1006, the same as a
  // network drop; after two refusals ask the page itself, and stop for good if it is gone.
  function giveUp(text) {
    var socketElt = document.getElementById("session-socket");
    if (socketElt) { socketElt.remove(); }  // the ws extension stops retrying a detached element
    connection("lost", "Disconnected");
    var box = document.getElementById("ws-error");
    if (box) { box.textContent = text; box.className = "alert alert-error"; }
  }
  function checkAccess() {
    window.fetch(window.location.pathname, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then(function (response) {
        if (response.redirected && response.url.indexOf("/accounts/login/") >= 0) { giveUp(GIVE_UP[4401]); }
        else if (response.status === 404 || response.status === 403) { giveUp(GIVE_UP[4404]); }
      })
      .catch(function () { /* offline: keep retrying */ });
  }

  document.addEventListener("htmx:wsBeforeMessage", function (evt) {
    var message = String(evt.detail.message || "");
    var last = /id="stream-state"[^>]*data-last-seq="(\d+)"/.exec(message);
    if (last && parseInt(last[1], 10) <= lastSeq()) { evt.preventDefault(); }
  });

  document.addEventListener("htmx:oobBeforeSwap", function (evt) {
    var target = evt.detail.target;
    var fragment = evt.detail.fragment;
    if (!target || target.id !== "turns" || !fragment || !fragment.firstElementChild) { return; }
    var id = fragment.firstElementChild.id;
    if (id && document.getElementById(id)) { evt.detail.shouldSwap = false; }
  });

  document.addEventListener("htmx:wsAfterMessage", function (evt) {
    app.messages = (app.messages || 0) + 1;
    if (!sessionOpen()) {
      connection("closed", "Finished");
      closingOnPurpose = true;
      var wrapper = evt.detail.socketWrapper;
      if (app.socket && app.socket.readyState === WebSocket.OPEN) { app.socket.close(1000); }
      if (wrapper && wrapper.queue) { wrapper.queue.length = 0; }
    }
  });

  document.addEventListener("htmx:wsClose", function (evt) {
    var code = evt.detail.event ? evt.detail.event.code : 1005;
    if (leaving) { return; }
    if (closingOnPurpose || !sessionOpen()) { connection("closed", "Finished"); return; }
    if (GIVE_UP[code]) { giveUp(GIVE_UP[code]); return; }
    connection("reconnecting", "Reconnecting…");
    if (!opened) {
      failedOpens += 1;
      if (failedOpens >= 2) { checkAccess(); }
    }
    if (SELF_RETRIED.indexOf(code) >= 0) { return; }
    var wrapper = evt.detail.socketWrapper;
    var delay = Math.min(10000, 250 * Math.pow(2, retries)) * (0.5 + Math.random() / 2);
    retries += 1;
    window.setTimeout(function () {
      if (!leaving && sessionOpen() && wrapper && wrapper.reconnect) { wrapper.reconnect(); }
    }, delay);
  });

  window.addEventListener("pagehide", function () { leaving = true; });
})();
