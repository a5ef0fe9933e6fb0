// FundWatch: the little script the pages use. Everything works without it; it adds
// confirmation before irreversible actions and checks ledger inclusion proofs in the browser.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  // Ask before a dismissal, a reveal of personal data, or another action marked as dangerous.
  document.querySelectorAll("button.danger").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm("确定执行“" + button.textContent.trim() + "”吗？此操作将记入存证日志。")) {
        event.preventDefault();
      }
    });
  });
  verifyInclusion();
});

function hex(bytes) {
  return Array.from(new Uint8Array(bytes)).map(function (b) { return b.toString(16).padStart(2, "0"); }).join("");
}

function fromHex(text) {
  var out = new Uint8Array(text.length / 2);
  for (var i = 0; i < out.length; i++) out[i] = parseInt(text.substr(2 * i, 2), 16);
  return out;
}

function concat(prefix, a, b) {
  var out = new Uint8Array(1 + a.length + (b ? b.length : 0));
  out[0] = prefix;
  out.set(a, 1);
  if (b) out.set(b, 1 + a.length);
  return out;
}

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

// RFC 9162 §2.1.3.2: the root an inclusion proof leads to from a leaf.
async function rootFromProof(index, size, leaf, proof) {
  var fn = index, sn = size - 1, r = leaf;
  for (var i = 0; i < proof.length; i++) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(concat(1, proof[i], r));
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
      }
    } else {
      r = await sha256(concat(1, r, proof[i]));
    }
    fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

async function verifyInclusion() {
  var badge = document.getElementById("browser-verify");
  var entry = document.getElementById("entry-text");
  if (!badge || !entry) return;
  if (!window.crypto || !crypto.subtle) { badge.textContent = "浏览器不支持核验"; return; }
  try {
    var proof = Array.from(document.querySelectorAll("#proof code")).map(function (c) { return fromHex(c.textContent.trim()); });
    var leaf = await sha256(concat(0, new TextEncoder().encode(entry.textContent)));
    var root = await rootFromProof(Number(badge.dataset.index), Number(badge.dataset.size), leaf, proof);
    var ok = root !== null && hex(root) === badge.dataset.root;
    badge.textContent = ok ? "包含证明有效（浏览器已核验）" : "核验失败";
    badge.classList.add(ok ? "ok" : "sev-red");
  } catch (e) {
    badge.textContent = "核验出错";
    badge.classList.add("sev-red");
  }
}

// Live red alerts: the server pushes each new red alert of the user's region (Server-Sent
// Events); each shows as a notice with a short tone, and links to the alert.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("live-alerts");
  if (!box || !window.EventSource) return;
  var source = new EventSource(box.dataset.source);
  source.addEventListener("alert", function (event) {
    var alert;
    try { alert = JSON.parse(event.data); } catch (e) { return; }
    var note = document.createElement("div");
    note.className = "live-alert";
    var close = document.createElement("button");
    close.type = "button";
    close.setAttribute("aria-label", "关闭");
    close.textContent = "×";
    close.addEventListener("click", function () { note.remove(); });
    var title = document.createElement("a");
    title.href = "/alerts/" + encodeURIComponent(alert.findingID);
    title.textContent = "红色预警 · " + (alert.regionName || "") + " · " + alert.ruleID;
    var text = document.createElement("p");
    text.textContent = alert.explanation;
    note.appendChild(close);
    note.appendChild(title);
    note.appendChild(text);
    box.prepend(note);
    while (box.children.length > 5) box.lastChild.remove();
    beep();
  });
});

function beep() {
  var Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return;
  try {
    var ctx = new Context();
    var osc = ctx.createOscillator();
    var gain = ctx.createGain();
    osc.frequency.value = 880;
    gain.gain.value = 0.1;
    osc.connect(gain);
    gain.connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.3);
  } catch (e) { /* no sound allowed before the user interacts with the page */ }
}
