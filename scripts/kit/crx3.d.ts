// crx3 1.1.3 ships no types; this is the one call the kit makes.
declare module 'crx3' {
  interface Crx3Options {
    keyPath: string;
    crxPath: string;
    zipPath?: string;
    xmlPath?: string;
  }
  interface Crx3Info {
    appId: string;
  }
  export default function crx3(files: string[], options: Crx3Options): Promise<Crx3Info>;
}
