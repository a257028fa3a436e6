(function () {
  'use strict';
  // 保存草稿: POSTs the form by fetch (urlencoded) without leaving the page.
  var btn = document.getElementById('save-draft');
  var form = document.getElementById('apply-form');
  var msg = document.getElementById('form-msg');
  if (!btn || !form) return;
  btn.addEventListener('click', function () {
    var body = new URLSearchParams(new FormData(form));
    fetch(btn.getAttribute('data-draft-action'), { method: 'POST', body: body })
      .then(function (r) {
        msg.className = r.ok ? 'msg ok' : 'msg';
        msg.textContent = r.ok ? '草稿已保存' : '保存失败（HTTP ' + r.status + '）';
      })
      .catch(function () { msg.className = 'msg'; msg.textContent = '网络错误'; });
  });
})();
