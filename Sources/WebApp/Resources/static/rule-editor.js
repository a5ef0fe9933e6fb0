// FundWatch rule editor: checks the draft as one types by POSTing it to the rules API, which
// runs the same checker as the save, and lists the problems with their line and column.
// The form works without this script (the server checks again on save).
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("rule-form");
  var area = document.getElementById("rule-yaml");
  var out = document.getElementById("rule-check");
  if (!form || !area || !out) return;
  var csrf = form.querySelector("input[name=_csrf]");
  var timer = null;
  var sent = 0;

  function show(result) {
    out.textContent = "";
    var p = document.createElement("p");
    if (result.ok) {
      p.className = "ok";
      p.textContent = "检查通过：" + result.id + " 第 " + result.version + " 版（" + result.title + "）";
      out.appendChild(p);
      return;
    }
    p.className = "alert-box";
    p.textContent = "检查未通过：";
    out.appendChild(p);
    var list = document.createElement("ul");
    result.problems.forEach(function (problem) {
      var item = document.createElement("li");
      var where = problem.line ? "第 " + problem.line + " 行" + (problem.column ? "第 " + problem.column + " 列" : "") + "：" : "";
      item.textContent = where + problem.message;
      list.appendChild(item);
    });
    out.appendChild(list);
  }

  function check() {
    var ticket = ++sent;
    fetch(form.getAttribute("data-check"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf ? csrf.value : "" },
      body: JSON.stringify({ yaml: area.value })
    }).then(function (response) {
      return response.json();
    }).then(function (result) {
      // Only the answer to the latest draft is shown.
      if (ticket === sent) show(result.problems ? result : { ok: false, problems: [{ message: result.message || "检查失败" }] });
    }).catch(function () {
      if (ticket === sent) show({ ok: false, problems: [{ message: "无法连接服务器进行检查；保存时仍会检查" }] });
    });
  }

  area.addEventListener("input", function () {
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, 400);
  });
});
