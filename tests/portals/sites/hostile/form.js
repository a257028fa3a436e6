// The real work a cadre does on every hostile page: three fields, a file box and 提交, submitted by fetch.
(function () {
  const mode = new URLSearchParams(location.search).get('mode') || 'ok';
  const form = document.querySelector('[data-testid="form"]');
  form.addEventListener('submit', (e) => e.preventDefault());
  document.querySelector('[data-testid="submit"]').addEventListener('click', () => {
    void fetch('/api/submit?mode=' + mode, { method: 'POST', body: JSON.stringify({ n: 1 }), headers: { 'content-type': 'application/json' } }).then(
      (r) => (document.body.dataset.lastStatus = String(r.status)),
    );
  });
})();
