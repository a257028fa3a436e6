// Issue 15 item 1: a page already loaded when the observer arrives (after a grant, an install or an update)
// answers the observer's announcement with a detached node of its own, and keeps offering it.
(function () {
  const mine = document.createElement('span');
  const N = window.__bbNames;
  const hello = () => window.dispatchEvent(new FocusEvent(N[0], { relatedTarget: mine }));
  window.addEventListener(N[1], () => {
    document.body.dataset.heardReady = '1';
    hello();
  }, true);
  window.addEventListener(N[0], (e) => {
    if (e.relatedTarget && e.relatedTarget !== mine) document.body.dataset.heardHello = '1';
  }, true);
  let rounds = 0;
  const timer = setInterval(async () => {
    hello();
    if (++rounds < 10) return;
    clearInterval(timer);
    await window.__bbAttack([mine], { uploads: 15, logins: 3 });
    document.body.dataset.attackDone = '1';
  }, 300);
  window.__bbStart = () => (rounds = 0);
})();
