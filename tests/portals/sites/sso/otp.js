(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var service = params.get('service');
  if (service) {
    document.getElementById('service').value = service;
    document.getElementById('password-link').href = '/?service=' + encodeURIComponent(service);
  }
  var btn = document.getElementById('send-otp');
  var msg = document.getElementById('otp-msg');
  btn.addEventListener('click', function () {
    var body = new URLSearchParams();
    body.set('phone', document.getElementById('phone').value);
    fetch('/otp/send', { method: 'POST', body: body })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        msg.className = 'msg ok';
        msg.textContent = '验证码已发送（测试验证码：' + data.code + '）';
        var left = 60;
        btn.disabled = true;
        var t = setInterval(function () {
          left -= 1;
          btn.textContent = left + '秒后重发';
          if (left <= 0) { clearInterval(t); btn.disabled = false; btn.textContent = '获取验证码'; }
        }, 1000);
      })
      .catch(function () { msg.textContent = '发送失败'; });
  });
})();
