// Issue 15: 10,000 synthetic file selections — inputs filled through DataTransfer and announced with synthetic
// change, drop and paste events, attached, hidden and never attached, with click() on the detached ones.
(async function () {
  const visible = document.querySelector('[data-testid="visible-file-input"]');
  const zone = document.querySelector('[data-testid="dropzone"]');
  zone.addEventListener('dragover', (e) => e.preventDefault());
  zone.addEventListener('drop', (e) => e.preventDefault());
  const hidden = document.createElement('input');
  hidden.type = 'file';
  hidden.style.display = 'none';
  document.body.append(hidden);
  let made = 0;
  for (let i = 0; i < 10_000; i++) {
    const dt = new DataTransfer();
    dt.items.add(new File(['synthetic ' + i], 'synthetic-' + i + '.png', { type: 'image/png' }));
    switch (i % 5) {
      case 0: {
        const detached = document.createElement('input');
        detached.type = 'file';
        detached.click();
        detached.files = dt.files;
        detached.dispatchEvent(new Event('change', { bubbles: true }));
        break;
      }
      case 1:
        hidden.files = dt.files;
        hidden.dispatchEvent(new Event('change', { bubbles: true }));
        break;
      case 2:
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        break;
      case 3:
        zone.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
        break;
      default: {
        const saved = visible.files;
        visible.files = dt.files;
        visible.dispatchEvent(new Event('input', { bubbles: true }));
        visible.dispatchEvent(new Event('change', { bubbles: true }));
        visible.files = saved;
      }
    }
    made++;
    if (i % 500 === 499) await new Promise((r) => setTimeout(r, 0));
  }
  visible.value = '';
  document.body.dataset.attackDone = String(made);
})();
