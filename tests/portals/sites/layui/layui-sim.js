(function () {
  'use strict';
  // Mimics layui's form module: a click on [lay-submit] collects the named fields of the enclosing .layui-form,
  // checks lay-verify="required", and the page's submit handler POSTs JSON with XMLHttpRequest.
  // ?mode=500|reset|hang is passed on to /api/save so a failing save can be simulated.
  var params = new URLSearchParams(location.search);
  var msgBox = document.getElementById('layer-msg');
  var msgTimer = null;

  function msg(text) {
    msgBox.textContent = text;
    msgBox.classList.remove('hidden');
    clearTimeout(msgTimer);
    msgTimer = setTimeout(function () { msgBox.classList.add('hidden'); }, 3000);
  }

  function collect(container) {
    var field = {};
    var els = container.querySelectorAll('input[name], select[name], textarea[name]');
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) continue;
      field[el.name] = el.value;
    }
    return field;
  }

  function verify(container) {
    var els = container.querySelectorAll('[lay-verify~="required"]');
    for (var i = 0; i < els.length; i++) {
      if (!els[i].value.trim()) {
        els[i].classList.add('layui-form-danger');
        els[i].focus();
        msg('必填项不能为空');
        return false;
      }
      els[i].classList.remove('layui-form-danger');
    }
    return true;
  }

  var handlers = {
    save: function (data) {
      var xhr = new XMLHttpRequest();
      var url = '/api/save' + (params.get('mode') ? '?mode=' + encodeURIComponent(params.get('mode')) : '');
      xhr.open('POST', url);
      xhr.setRequestHeader('Content-Type', 'application/json;charset=UTF-8');
      xhr.onload = function () {
        if (xhr.status >= 200 && xhr.status < 300) msg('保存成功');
        else msg('保存失败：' + xhr.status);
        document.body.setAttribute('data-last-status', String(xhr.status));
      };
      xhr.onerror = function () {
        msg('网络异常');
        document.body.setAttribute('data-last-status', 'error');
      };
      xhr.send(JSON.stringify(data.field));
      return false;
    }
  };

  document.addEventListener('click', function (e) {
    var btn = e.target.closest ? e.target.closest('[lay-submit]') : null;
    if (btn) {
      var container = btn.closest('.layui-form') || document;
      if (!verify(container)) return;
      var filter = btn.getAttribute('lay-filter');
      if (handlers[filter]) handlers[filter]({ elem: btn, form: container, field: collect(container) });
      return;
    }
    var reset = e.target.closest ? e.target.closest('button[type="reset"]') : null;
    if (reset) {
      var form = reset.closest('.layui-form');
      if (!form) return;
      var els = form.querySelectorAll('input, select, textarea');
      for (var i = 0; i < els.length; i++) {
        if (els[i].type === 'checkbox' || els[i].type === 'radio') els[i].checked = false;
        else els[i].value = '';
      }
    }
  });
})();
