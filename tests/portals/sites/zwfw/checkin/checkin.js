(function () {
  'use strict';
  var btn = document.getElementById('checkin-btn');
  var msg = document.getElementById('checkin-msg');
  btn.addEventListener('click', function () {
    fetch('/checkin/api/sign', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ date: new Date().toISOString().slice(0, 10) })
    })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        msg.className = 'msg ok';
        msg.textContent = data.msg + '，积分 +' + data.points;
        btn.textContent = '已签到';
        btn.disabled = true;
      })
      .catch(function () { msg.textContent = '签到失败'; });
  });
})();
