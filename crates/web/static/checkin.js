// Check-in on the day, enhanced: scan tickets with the phone's camera (BarcodeDetector, where
// the browser has it), check people in without reloading the page, and keep check-ins made
// while the connection drops in this phone's storage until they can be sent. Without this
// script the same forms work as plain HTML.
(function () {
  "use strict";
  var form = document.getElementById("ticket-form");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var status = document.getElementById("checkin-status");
  var count = document.getElementById("checkin-count");
  var queueKey = "taawun-checkin-" + form.getAttribute("action");

  function say(text, kind) {
    status.innerHTML = "";
    var box = document.createElement("div");
    box.className = kind === "error" ? "error-summary" : kind === "warning" ? "warning" : "notice";
    var p = document.createElement("p");
    p.textContent = text;
    box.appendChild(p);
    status.appendChild(box);
  }

  function queue() {
    try { return JSON.parse(localStorage.getItem(queueKey) || "[]"); } catch (e) { return []; }
  }
  function saveQueue(q) {
    try { localStorage.setItem(queueKey, JSON.stringify(q)); } catch (e) { /* storage full or off */ }
  }

  function send(body) {
    return fetch(form.getAttribute("action"), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json" },
      body: body,
      credentials: "same-origin"
    }).then(function (res) {
      return res.json().then(function (data) { return { ok: res.ok, data: data }; });
    });
  }

  function submit(formElement) {
    var body = new URLSearchParams(new FormData(formElement)).toString();
    say(form.dataset.pending, "notice");
    send(body).then(function (r) {
      if (r.ok) {
        var again = r.data.status === "already_checked_in";
        say((again ? "" : "✓ ") + r.data.message, again ? "warning" : "notice");
        if (count && r.data.count) count.textContent = r.data.count;
        var button = formElement.querySelector("button");
        if (formElement !== form && button) button.disabled = true;
      } else {
        say(r.data.message || r.data.code, "error");
      }
    }, function () {
      // No answer: keep it and send it later; a check-in is idempotent on the server.
      var q = queue();
      q.push(body);
      saveQueue(q);
      say(form.dataset.offline, "notice");
    });
  }

  function flush() {
    var q = queue();
    if (!q.length) return;
    var body = q[0];
    send(body).then(function (r) {
      saveQueue(queue().slice(1));
      if (count && r.data && r.data.count) count.textContent = r.data.count;
      flush();
    }, function () { /* still offline: try again later */ });
  }
  window.addEventListener("online", flush);
  setInterval(flush, 15000);
  flush();

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    submit(form);
    form.querySelector("#ticket").value = "";
  });
  Array.prototype.forEach.call(document.querySelectorAll(".js-checkin"), function (f) {
    f.addEventListener("submit", function (e) { e.preventDefault(); submit(f); });
  });

  var scan = document.getElementById("scan-button");
  var video = document.getElementById("scan-video");
  var field = form.querySelector("#ticket");
  // No camera here: say so and send the person to the code field rather than show a button
  // that does nothing.
  function noCamera() {
    say(form.dataset.noscan, "warning");
    scan.hidden = true;
    field.focus();
  }
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  // Some browsers have the detector but not for QR codes; show the button only where it can work.
  var formats = window.BarcodeDetector.getSupportedFormats
    ? window.BarcodeDetector.getSupportedFormats()
    : Promise.resolve(["qr_code"]);
  formats.then(function (list) {
    if (list.indexOf("qr_code") !== -1) scan.hidden = false;
  }, function () { /* leave the button hidden */ });
  scan.addEventListener("click", function () {
    var detector;
    try { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); } catch (e) { noCamera(); return; }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      var stop = function () {
        stream.getTracks().forEach(function (t) { t.stop(); });
        video.hidden = true;
      };
      var look = function () {
        detector.detect(video).then(function (codes) {
          if (codes.length) {
            stop();
            field.value = codes[0].rawValue;
            submit(form);
            field.value = "";
          } else {
            setTimeout(look, 250);
          }
        }, function () { setTimeout(look, 500); });
      };
      look();
    }, noCamera);
  });
})();
