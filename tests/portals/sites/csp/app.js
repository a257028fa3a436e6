(function () {
  'use strict';
  // External script only: the page is served with script-src 'self' (no inline, no eval, no WASM).
  document.getElementById('script-ok').className = 'csp-shown';
  document.body.setAttribute('data-script', 'ok');
  var input = document.getElementById('async-file');
  var status = document.getElementById('upload-status');
  var count = 0;
  input.addEventListener('change', function () {
    if (!input.files.length) return;
    var fd = new FormData();
    fd.append('file', input.files[0]);
    fetch('/upload', { method: 'POST', body: fd })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        count += (data.files || []).length;
        status.className = 'msg ok';
        status.textContent = '已上传 ' + count + ' 个文件';
        status.setAttribute('data-count', String(count));
      })
      .catch(function () { status.textContent = '上传失败'; });
  });
})();
