(function () {
  'use strict';
  // Every asynchronous upload is a multipart POST to /upload (field "file"); the server answers JSON with the
  // sha256 and size of each file it received, shown in #upload-log (data-sha256 on each <li>).
  var status = document.getElementById('upload-status');
  var log = document.getElementById('upload-log');
  var count = 0;

  function upload(files, source) {
    if (!files || !files.length) return;
    var fd = new FormData();
    for (var i = 0; i < files.length; i++) fd.append('file', files[i], files[i].name || ('pasted-' + Date.now() + '.png'));
    fd.append('source', source);
    status.textContent = '上传中…';
    fetch('/upload', { method: 'POST', body: fd })
      .then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then(function (data) {
        (data.files || []).forEach(function (f) {
          count += 1;
          var li = document.createElement('li');
          li.textContent = source + '：' + f.size + ' 字节';
          li.setAttribute('data-sha256', f.sha256);
          li.setAttribute('data-source', source);
          log.appendChild(li);
        });
        status.textContent = '已上传 ' + count + ' 个文件';
        status.setAttribute('data-count', String(count));
      })
      .catch(function (err) { status.textContent = '上传失败：' + err.message; });
  }

  var hidden = document.getElementById('hidden-file');
  document.getElementById('hidden-file-button').addEventListener('click', function () { hidden.click(); });
  hidden.addEventListener('change', function () {
    upload(hidden.files, 'hidden-input');
    hidden.value = '';
  });

  var zone = document.getElementById('dropzone');
  zone.addEventListener('dragover', function (e) { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', function () { zone.classList.remove('over'); });
  zone.addEventListener('drop', function (e) {
    e.preventDefault();
    zone.classList.remove('over');
    upload(e.dataTransfer && e.dataTransfer.files, 'drop');
  });
  // a drop outside the zone must not navigate away to the file
  document.addEventListener('dragover', function (e) { e.preventDefault(); });
  document.addEventListener('drop', function (e) { e.preventDefault(); });

  var paste = document.getElementById('paste-target');
  paste.addEventListener('paste', function (e) {
    var items = (e.clipboardData && e.clipboardData.items) || [];
    var files = [];
    for (var i = 0; i < items.length; i++) {
      if (items[i].kind === 'file' && /^image\//.test(items[i].type)) {
        var f = items[i].getAsFile();
        if (f) files.push(f);
      }
    }
    if (!files.length) return; // plain text paste goes through
    e.preventDefault();
    files.forEach(function (f) {
      var img = document.createElement('img');
      img.src = URL.createObjectURL(f);
      img.alt = '截图';
      paste.appendChild(img);
    });
    upload(files, 'paste');
  });
})();
