(function () {
  'use strict';
  // Submits with fetch to /submit?mode=<mode>; mode comes from the select, preset by ?mode= on the page URL.
  // #status gets data-result = ok | http-<status> | network-error | pending.
  var params = new URLSearchParams(location.search);
  var mode = document.getElementById('mode');
  if (params.get('mode')) mode.value = params.get('mode');
  var status = document.getElementById('status');
  var form = document.getElementById('fail-form');
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var body = new URLSearchParams();
    body.set('xm', document.getElementById('xm').value);
    body.set('sm', document.getElementById('sm').value);
    status.textContent = '提交中…';
    status.setAttribute('data-result', 'pending');
    fetch('/submit?mode=' + encodeURIComponent(mode.value), { method: 'POST', body: body })
      .then(function (r) {
        status.className = r.ok ? 'msg ok' : 'msg';
        status.textContent = r.ok ? '提交成功' : '提交失败：HTTP ' + r.status;
        status.setAttribute('data-result', r.ok ? 'ok' : 'http-' + r.status);
      })
      .catch(function () {
        status.className = 'msg';
        status.textContent = '网络错误';
        status.setAttribute('data-result', 'network-error');
      });
  });
})();
