/**
 * A reader for .reg files, written for the tests from the format regedit documents rather than from the writer,
 * so the writer cannot agree with itself by construction.
 */
export type RegData = Map<string, Map<string, string | number>>;

export function readRegFile(bytes: Uint8Array): { header: string; keys: RegData; deletedKeys: string[]; deletedValues: [string, string][] } {
  if (bytes[0] !== 0xff || bytes[1] !== 0xfe) throw new Error('no UTF-16LE byte-order mark');
  if (bytes.length % 2 !== 0) throw new Error('odd byte count for UTF-16');
  const text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (/[^\r]\n|^\n/.test(text) || /\r(?!\n)/.test(text)) throw new Error('line ends are not CRLF');
  const lines = text.split('\r\n');
  const header = lines.shift() ?? '';
  const keys: RegData = new Map();
  const deletedKeys: string[] = [];
  const deletedValues: [string, string][] = [];
  let current: string | undefined;
  for (const line of lines) {
    if (line === '') continue;
    const section = /^\[(-?)(HKEY_[A-Z_]+\\[^\]]+)\]$/.exec(line);
    if (section) {
      current = section[2]!;
      if (section[1]) {
        deletedKeys.push(current);
        current = undefined;
      } else if (!keys.has(current)) keys.set(current, new Map());
      continue;
    }
    if (!current) throw new Error(`value outside a key: ${line}`);
    const value = /^"((?:[^"\\]|\\.)*)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-f]{8})|(-))$/.exec(line);
    if (!value) throw new Error(`not a registry value line: ${line}`);
    const name = unescape(value[1]!);
    if (value[4]) deletedValues.push([current, name]);
    else keys.get(current)!.set(name, value[3] !== undefined ? parseInt(value[3], 16) : unescape(value[2]!));
  }
  return { header, keys, deletedKeys, deletedValues };
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}
