import Crypto
import Foundation

/// The one script hoctap serves (no inline scripts: the Content-Security-Policy forbids them).
/// On an assessment form it keeps every change on the device at once and saves it to the server
/// a moment later, so a dropped village connection loses nothing; a conflicting save is reported,
/// never forced. Without JavaScript the form works as a plain form with its save button.
enum AutosaveScript {
    static let source = #"""
    (function () {
      "use strict";
      var form = document.querySelector("form[data-autosave]");
      if (!form) return;
      var status = document.getElementById("autosave-status");
      var key = "hoctap:" + form.getAttribute("data-autosave");
      var version = form.querySelector("input[name=version]");
      var timer = null, saving = false, pending = false;
      function say(text) { if (status) status.textContent = text; }
      function snapshot() {
        var values = {};
        new FormData(form).forEach(function (value, name) { if (name !== "_csrf" && name !== "version") values[name] = String(value); });
        return values;
      }
      function keep() {
        try { localStorage.setItem(key, JSON.stringify({ version: version.value, values: snapshot(), at: Date.now() })); } catch (e) {}
      }
      function restore() {
        var saved;
        try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { saved = null; }
        if (!saved || saved.version !== version.value) return;
        Object.keys(saved.values).forEach(function (name) {
          var field = form.elements.namedItem(name);
          if (!field || field.type === "file") return;
          if (field.type === "checkbox") field.checked = true; else field.value = saved.values[name];
        });
        say("Đã khôi phục những gì nhập trên máy này nhưng chưa lưu; đang lưu…");
        schedule(0);
      }
      function save() {
        if (saving) { pending = true; return; }
        saving = true;
        say("Đang lưu…");
        fetch(form.action, {
          method: "POST", credentials: "same-origin",
          headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(new FormData(form))
        }).then(function (response) {
          return response.json().then(function (body) { return { status: response.status, body: body }; });
        }).then(function (result) {
          if (result.status === 200) {
            version.value = String(result.body.version);
            try { localStorage.removeItem(key); } catch (e) {}
            say("Đã lưu lúc " + new Date().toLocaleTimeString("vi-VN") + (result.body.verdict ? " · " + result.body.verdict : ""));
          } else if (result.status === 409) {
            say("Có người khác vừa lưu phiếu này. Những gì bạn nhập vẫn giữ trên máy; hãy tải lại trang để so sánh rồi lưu.");
          } else {
            say("Chưa lưu được: " + (result.body.message || "dữ liệu không hợp lệ") + " Bấm \"Lưu kết quả\" để xem chi tiết.");
          }
        }).catch(function () {
          say("Mất kết nối: dữ liệu được giữ trên máy này và sẽ lưu khi có mạng.");
        }).then(function () {
          saving = false;
          if (pending) { pending = false; schedule(0); }
        });
      }
      function schedule(delay) { clearTimeout(timer); timer = setTimeout(save, delay); }
      form.addEventListener("input", function () { keep(); say("Chưa lưu…"); schedule(1500); });
      form.addEventListener("change", function () { keep(); schedule(800); });
      form.addEventListener("submit", function () { try { localStorage.removeItem(key); } catch (e) {} });
      window.addEventListener("online", function () { if (localStorage.getItem(key)) schedule(0); });
      restore();
    })();
    """#

    static let version: String = SHA256.hash(data: Data(source.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
}
