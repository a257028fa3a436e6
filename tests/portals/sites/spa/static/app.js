(function () {
  'use strict';
  // A hand-written stand-in for a React/Vue app:
  //  - routes are real paths under /spa/ changed with history.pushState (the server returns this shell for /spa/*);
  //  - inputs are "controlled": every input event updates the state and the script writes the value back;
  //  - <sim-field> is a custom element whose <input> lives in an open shadow root;
  //  - "上传附件" creates an <input type=file> that is never attached to the document, clicks it, and uploads the
  //    chosen files with fetch + FormData to /api/upload;
  //  - "提交" is an Element-UI-style primary button (type=button) inside a <form>; it POSTs JSON to /api/submit.
  // ?mode=500|reset|hang on the page URL is passed on to /api/submit.
  var app = document.getElementById('app');
  var state = { name: '', idcard: '', phone: '', address: '', company: '', remark: '' };
  var uploaded = [];

  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === 'text') el.textContent = attrs[k];
        else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), attrs[k]);
        else el.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (c) { el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return el;
  }

  // Open shadow root with a labelled input; re-dispatches a composed event so the app can see changes.
  class SimField extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      var root = this.attachShadow({ mode: 'open' });
      var id = 'f-' + this.getAttribute('name');
      var label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = this.getAttribute('label') || '';
      label.style.cssText = 'display:inline-block;width:120px;text-align:right;padding-right:10px';
      var input = document.createElement('input');
      input.id = id;
      input.name = this.getAttribute('name');
      input.type = 'text';
      input.setAttribute('data-testid', 'shadow-input');
      input.style.cssText = 'width:320px;padding:5px';
      var host = this;
      input.addEventListener('input', function () {
        host.dispatchEvent(new CustomEvent('sim-input', { detail: input.value, bubbles: true, composed: true }));
      });
      root.appendChild(label);
      root.appendChild(input);
    }
  }
  customElements.define('sim-field', SimField);

  function controlled(label, name, opts) {
    opts = opts || {};
    var attrs = { id: 'in-' + name, name: name, 'data-testid': opts.testid || name };
    if (opts.type !== 'textarea') attrs.type = opts.type || 'text';
    var el = h(opts.type === 'textarea' ? 'textarea' : 'input', attrs);
    el.value = state[name];
    el.addEventListener('input', function (e) {
      var v = e.target.value;
      if (opts.transform) v = opts.transform(v);
      state[name] = v;
      // "re-render": the framework writes the controlled value back on every input event
      el.value = state[name];
    });
    return h('div', { 'class': 'row' }, [h('label', { 'for': 'in-' + name, text: label }), el]);
  }

  function pickFiles() {
    var input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.accept = 'image/*,.pdf,.doc,.docx,.xls,.xlsx,.wps,.ofd,.zip';
    input.addEventListener('change', function () {
      var fd = new FormData();
      for (var i = 0; i < input.files.length; i++) fd.append('file', input.files[i]);
      var status = document.getElementById('upload-status');
      status.textContent = '上传中…';
      fetch('/api/upload', { method: 'POST', body: fd })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          (data.files || []).forEach(function (f) { uploaded.push(f); });
          status.textContent = '已上传 ' + uploaded.length + ' 个附件';
          status.setAttribute('data-count', String(uploaded.length));
        })
        .catch(function () { status.textContent = '上传失败'; });
    });
    input.click(); // never attached to the document
  }

  function submit(e) {
    e.preventDefault();
    var params = new URLSearchParams(location.search);
    var url = '/api/submit' + (params.get('mode') ? '?mode=' + encodeURIComponent(params.get('mode')) : '');
    var msg = document.getElementById('submit-msg');
    fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ form: state, files: uploaded.length }) })
      .then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        navigate('/spa/done');
      })
      .catch(function (err) { msg.textContent = '提交失败：' + err.message; });
  }

  var routes = {
    '/spa/': function () {
      return [h('h1', { text: '首页' }), h('p', { text: '欢迎使用网上办事。' }),
        h('a', { href: '/spa/apply', 'data-link': '', 'data-testid': 'start-apply', text: '开始申请' })];
    },
    '/spa/apply': function () {
      var shadowField = document.createElement('sim-field');
      shadowField.setAttribute('label', '工作单位');
      shadowField.setAttribute('name', 'company');
      shadowField.setAttribute('data-testid', 'shadow-host');
      shadowField.addEventListener('sim-input', function (e) { state.company = e.detail; });
      var form = h('form', { 'class': 'el-form', 'data-testid': 'spa-form', onsubmit: function (e) { e.preventDefault(); } }, [
        controlled('姓名', 'name'),
        controlled('身份证号', 'idcard', { transform: function (v) { return v.toUpperCase(); }, testid: 'id-number' }),
        controlled('手机号', 'phone', { type: 'tel' }),
        controlled('住址', 'address'),
        h('div', { 'class': 'row' }, [shadowField]),
        controlled('情况说明', 'remark', { type: 'textarea' }),
        h('div', { 'class': 'row' }, [h('span', { 'class': 'label', text: '附件' }),
          h('button', { type: 'button', 'class': 'el-button secondary', 'data-testid': 'upload-button', onclick: pickFiles, text: '上传附件' }),
          h('span', { id: 'upload-status', 'data-testid': 'upload-status', 'data-count': String(uploaded.length) })]),
        h('p', { 'class': 'msg', id: 'submit-msg', 'data-testid': 'submit-message' }),
        h('div', { 'class': 'row' }, [h('span', { 'class': 'label' }),
          h('button', { type: 'button', 'class': 'el-button el-button--primary', 'data-testid': 'submit', onclick: submit }, [h('span', { text: '提交' })])])
      ]);
      return [h('h1', { text: '新建申请' }), form];
    },
    '/spa/done': function () {
      return [h('h1', { 'data-testid': 'done-title', text: '提交成功' }), h('a', { href: '/spa/records', 'data-link': '', 'data-testid': 'to-records', text: '查看记录' })];
    },
    '/spa/records': function () {
      // A note box like a chat input or a tag editor: the page's own keydown handler takes the value on Enter and
      // empties the field at once, so an observer that reads the field later finds nothing.
      var notes = h('ul', { 'data-testid': 'notes' });
      var note = h('input', { type: 'text', name: 'note', 'data-testid': 'note-input', placeholder: '添加备注，回车保存' });
      note.addEventListener('keydown', function (e) {
        if (e.key !== 'Enter') return;
        e.preventDefault();
        notes.appendChild(h('li', { text: note.value }));
        note.value = '';
      });
      return [h('h1', { text: '我的记录' }), h('p', { 'data-testid': 'records-empty', text: '暂无记录' }),
        h('div', { 'class': 'row' }, [h('label', { 'for': 'note', text: '备注' }), note]), notes];
    }
  };

  function render() {
    var p = location.pathname === '/spa' ? '/spa/' : location.pathname;
    var view = routes[p] || function () { return [h('h1', { text: '页面不存在' })]; };
    app.textContent = '';
    view().forEach(function (n) { app.appendChild(n); });
    app.setAttribute('data-route', p);
    document.title = (app.querySelector('h1') || { textContent: '' }).textContent + ' - 网上办事';
  }

  function navigate(p) {
    history.pushState(null, '', p);
    render();
  }

  document.addEventListener('click', function (e) {
    var a = e.target.closest ? e.target.closest('a[data-link]') : null;
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    navigate(a.getAttribute('href'));
  });
  window.addEventListener('popstate', render);
  render();
})();
