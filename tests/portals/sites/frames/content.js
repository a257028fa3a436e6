(function () {
  'use strict';
  // Old-style rich text editor: the parent switches the iframe document to designMode = 'on'
  // (data-ready="1" on the iframe once that is done) and copies the HTML into a hidden field on submit.
  var frame = document.getElementById('editor');
  function enable() {
    var doc = frame.contentDocument;
    if (!doc || doc.designMode === 'on' || !doc.body) return;
    doc.designMode = 'on';
    frame.setAttribute('data-ready', '1');
  }
  frame.addEventListener('load', enable);
  if (frame.contentDocument && frame.contentDocument.readyState === 'complete' && frame.contentDocument.URL !== 'about:blank') enable();
  document.getElementById('doc-form').addEventListener('submit', function () {
    var doc = frame.contentDocument;
    document.getElementById('body').value = doc && doc.body ? doc.body.innerHTML : '';
  });
})();
