(function () {
  'use strict';
  // Fills the about:blank iframe from the parent (no src, no srcdoc): the document stays about:blank.
  var frame = document.getElementById('blank-frame');
  function fill() {
    var doc = frame.contentDocument;
    if (!doc || !doc.body || doc.getElementById('blank-input')) return;
    var label = doc.createElement('label');
    label.htmlFor = 'blank-input';
    label.textContent = '手机号 ';
    var input = doc.createElement('input');
    input.id = 'blank-input';
    input.name = 'sjh';
    input.type = 'tel';
    input.setAttribute('data-testid', 'blank-input');
    var area = doc.createElement('textarea');
    area.name = 'yj';
    area.setAttribute('aria-label', '意见');
    area.setAttribute('data-testid', 'blank-textarea');
    doc.body.appendChild(label);
    doc.body.appendChild(input);
    doc.body.appendChild(doc.createElement('br'));
    doc.body.appendChild(area);
    frame.setAttribute('data-ready', '1');
  }
  fill();
  frame.addEventListener('load', fill);
})();
