/**
 * The update manifest Chromium fetches from the forcelist URL: which version of which id, and where its CRX is.
 * Written here rather than by the CRX packer because the packer puts the URL into the XML unescaped.
 */
export function updateManifestXml(opts: { extensionId: string; version: string; crxUrl: string; minimumChromeVersion?: string }): string {
  const min = opts.minimumChromeVersion ? ` prodversionmin="${attr(opts.minimumChromeVersion)}"` : '';
  return [
    `<?xml version='1.0' encoding='UTF-8'?>`,
    `<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>`,
    `  <app appid='${attr(opts.extensionId)}'>`,
    `    <updatecheck codebase='${attr(opts.crxUrl)}' version='${attr(opts.version)}'${min.replace(/"/g, "'")} />`,
    `  </app>`,
    `</gupdate>`,
    '',
  ].join('\n');
}

/** The CRX sits next to updates.xml on the office server. */
export function crxUrlBeside(updateUrl: string, crxName: string): string {
  return new URL(crxName, updateUrl).href;
}

function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');
}
