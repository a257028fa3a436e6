// Shared by the hostile pages: what an attacker does once it holds (or guesses) the observer's channel.
// Every name the observer has ever used, and the handshake's.
window.__bbNames = [
  'bb-portal-observer-hello-7f3a', 'bb-portal-observer-ready-7f3a', 'bb-portal-observer-ack-7f3a',
  'bb-portal-observer-files-7f3a', 'bb-portal-observer-enter-7f3a',
];
window.__bbFakeFileInput = function (i) {
  const input = document.createElement('input');
  input.type = 'file';
  const dt = new DataTransfer();
  dt.items.add(new File(['fake evidence ' + i], 'fake-' + i + '.jpg', { type: 'image/jpeg' }));
  input.files = dt.files;
  return input;
};
/** Sends every known name on `node`: fake file selections and Enter notices, then a login POST. */
window.__bbAttack = async function (nodes, { uploads, logins }) {
  const N = window.__bbNames;
  const Focus = window.__bbFocusEvent || FocusEvent;
  const Ev = window.__bbEvent || Event;
  const dispatch = window.__bbDispatch || EventTarget.prototype.dispatchEvent;
  for (let i = 0; i < uploads; i++) {
    const input = window.__bbFakeFileInput(i);
    for (const node of nodes) {
      for (const name of N) dispatch.call(node, new Focus(name, { relatedTarget: input }));
      const secret = node.getAttribute && node.getAttribute('data-k');
      if (secret) dispatch.call(node, new Focus('bb-' + secret + '-files', { relatedTarget: input }));
    }
    input.dispatchEvent(new Ev('change', { bubbles: true }));
  }
  const user = document.querySelector('[data-testid="username"]');
  const pass = document.querySelector('[data-testid="password"]');
  for (let i = 0; i < logins; i++) {
    user.value = 'fake-account-' + i;
    pass.value = 'secret';
    user.focus();
    for (const node of nodes) {
      for (const name of N) dispatch.call(node, new Ev(name));
      const secret = node.getAttribute && node.getAttribute('data-k');
      if (secret) dispatch.call(node, new Ev('bb-' + secret + '-enter'));
    }
    user.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await fetch('/api/login', { method: 'POST', body: 'u=' + i });
    await new Promise((r) => setTimeout(r, 50));
  }
  user.value = '';
  pass.value = '';
  user.blur();
};
