(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var service = params.get('service');
  if (service) {
    document.getElementById('service').value = service;
    var otp = document.getElementById('otp-link');
    if (otp) otp.href = '/otp?service=' + encodeURIComponent(service);
  }
  var img = document.getElementById('captcha-img');
  if (img) {
    img.addEventListener('click', function () {
      img.src = '/captcha.svg?t=' + Date.now();
    });
  }
})();
