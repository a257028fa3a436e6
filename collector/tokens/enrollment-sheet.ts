import QRCode from 'qrcode';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * A printable A4 sheet of slips, one enrollment code each, with a QR code of the code (the settings page reads
 * the typed code; the QR code is for a phone or scanner that types it). The sheet is the only place the codes
 * exist: the collector keeps their hashes. Cut the slips and hand one to each cadre, not by name.
 */
export async function enrollmentSheetHtml(codes: readonly string[], campaign: string): Promise<string> {
  const slips = await Promise.all(
    codes.map(async (code) => {
      const svg = await QRCode.toString(code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      return `<div class="slip"><div class="qr">${svg}</div><div class="text">
  <p class="title">减负晴雨表 报名码 · Burden Barometer enrollment code</p>
  <p class="code">${escapeHtml(code)}</p>
  <p class="how">在扩展的“设置 → 报名码”中输入一次。报名码只证明您是本次调查的一位干部，不会随周报发出。<br>
  Enter it once in the extension's Settings → Enrollment code. It proves you are one cadre of this campaign and is never sent with your report.</p>
  <p class="campaign">${escapeHtml(campaign)}</p></div></div>`;
    }),
  );
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>报名码 ${escapeHtml(campaign)}</title>
<style>
  @page { size: A4; margin: 12mm; }
  body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 0; }
  .slip { display: flex; gap: 6mm; align-items: center; border-bottom: 1px dashed #888; padding: 4mm 0; break-inside: avoid; }
  .qr svg { width: 32mm; height: 32mm; }
  .code { font: 600 15pt ui-monospace, monospace; letter-spacing: 0.08em; margin: 1mm 0; }
  .title, .how, .campaign { margin: 0; font-size: 8.5pt; }
  .campaign { color: #555; }
</style></head><body>
${slips.join('\n')}
</body></html>
`;
}
