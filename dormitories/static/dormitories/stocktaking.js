// Stocktaking: type an asset number (or scan its QR label with the phone camera, read by the
// vendored jsQR) and record it without leaving the page; the form still works without script.
(function () {
  "use strict";
  const form = document.getElementById("stock-form");
  if (!form) return;
  const input = form.querySelector("input[name=number]");
  const method = form.querySelector("input[name=method]");
  const feedback = document.getElementById("stock-feedback");
  const recent = document.getElementById("stock-recent");
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function show(text, ok) {
    feedback.textContent = text;
    feedback.className = ok ? "hint ok" : "error";
  }

  async function record(number, how) {
    const body = new FormData();
    body.append("csrfmiddlewaretoken", token);
    body.append("number", number);
    body.append("method", how);
    const response = await fetch(form.dataset.scanUrl, {
      method: "POST",
      body: body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    let data = {};
    try { data = await response.json(); } catch (e) { data = { ok: false, detail: response.statusText }; }
    show(data.detail || "", data.ok);
    if (data.ok && data.counts) {
      for (const key of Object.keys(data.counts)) {
        const cell = document.querySelector(`[data-count="${key}"]`);
        if (cell) cell.textContent = data.counts[key];
      }
      const item = document.createElement("li");
      item.textContent = data.detail;
      recent.prepend(item);
    }
    return data.ok;
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const number = input.value.trim();
    if (!number) return;
    await record(number, "typed");
    input.value = "";
    input.focus();
  });

  // Camera scanning, where the browser offers a camera and jsQR loaded.
  const start = document.getElementById("scan-start");
  const video = document.getElementById("scan-video");
  const canvas = document.getElementById("scan-canvas");
  if (!start || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  start.hidden = false;
  let last = "";
  let lastAt = 0;
  start.addEventListener("click", async function () {
    if (typeof window.jsQR !== "function") { show(start.dataset.unavailable || "jsQR", false); return; }
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    const context = canvas.getContext("2d", { willReadFrequently: true });
    const tick = async function () {
      if (video.readyState === video.HAVE_ENOUGH_DATA) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        const image = context.getImageData(0, 0, canvas.width, canvas.height);
        const code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
        const now = Date.now();
        if (code && code.data && (code.data !== last || now - lastAt > 3000)) {
          last = code.data;
          lastAt = now;
          if (navigator.vibrate) navigator.vibrate(80);
          await record(code.data, "scan");
        }
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
})();
