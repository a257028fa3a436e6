// Issue 15 item 1: the page replaces the constructors and dispatchEvent the observer's main-world script could
// use, keeps every node any event was sent on, and after the cadre's first Enter attacks through them.
(function () {
  window.__bbEvent = Event;
  window.__bbFocusEvent = FocusEvent;
  window.__bbDispatch = EventTarget.prototype.dispatchEvent;
  const caught = new Set();
  const note = (node) => node && node !== window && node !== document && node.nodeType === 1 && !node.isConnected && caught.add(node);
  const remember = (e) => {
    setTimeout(() => {
      note(e.target);
      note(e.relatedTarget);
    }, 0);
    return e;
  };
  for (const name of ['Event', 'FocusEvent', 'CustomEvent', 'KeyboardEvent']) {
    const Native = window[name];
    const Fake = function (type, init) {
      if (init && init.relatedTarget) note(init.relatedTarget);
      return remember(new Native(type, init));
    };
    Fake.prototype = Native.prototype;
    window[name] = Fake;
  }
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (e) {
    note(this);
    if (e) note(e.relatedTarget);
    return dispatch.call(this, e);
  };
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    note(this);
    return add.call(this, type, listener, options);
  };
  for (const key of ['bubbles', 'cancelable', 'composed']) {
    Object.defineProperty(Object.prototype, key, {
      configurable: true,
      get() {
        if (this && typeof this === 'object' && 'relatedTarget' in this) note(this.relatedTarget);
        return undefined;
      },
    });
  }
  let attacked = false;
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || attacked) return;
    attacked = true;
    setTimeout(async () => {
      document.body.dataset.caught = String(caught.size);
      await window.__bbAttack([...caught], { uploads: 25, logins: 4 });
      document.body.dataset.attackDone = '1';
    }, 200);
  });
})();
