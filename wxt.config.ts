import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/**
 * Public half of the signing key. It pins the extension id (acemmocmmejcchndbjkabafmkbiajlgj) so office policy,
 * install lists and the test bed can name the extension before it is installed. Chromium only; Firefox uses
 * browser_specific_settings.gecko.id instead and rejects `key`.
 */
export const MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1oUByr6PxWF73PWMrmhZ8tQm8MXo92fpKZhmn9DJgGDl8MPn/KW7Uy5hR9dwlyST3YjQAT7BJmmIRtsa2avCam09p7kQNONrcaYIlEem1flC9kOjuVY4XZrCwG6F6D+DvZ4UXbfR19D3loNwN2JLZL+3CVqCUk7Cr+CbBP0xYxkaeCN+v/VkidZTxDznk+Xo/GFhlLEvJsP3L+b5OPsxvmcNkwuO4p8wLmc1PP9YyGLRAzv4ER17FkeJjKnS/96IJw0gSLBE4EAQeiTI0NqF1admfqJuy2nY0aAzPfHh0YJn/3uMHPac420cxs6z20uz7WhNavCqiGeQZaXDD6UeIQIDAQAB';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  outDir: '.output',
  // Firefox too: MV3 keeps optional host permissions and the scripting API the same on both.
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Chromium 109 is the last release on Windows 7, still common on office machines.
    minimum_chrome_version: '109',
    incognito: 'not_allowed',
    // webRequest: observe (never block, never read bodies) that a portal page's POST/PUT happened and how it
    // ended, for submissions and failed submissions. It sees only origins granted per portal.
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'scripting', 'idle', 'webRequest'],
    // Nothing up front: every origin is asked for per portal, from a user click.
    host_permissions: [],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    storage: { managed_schema: 'managed_schema.json' },
    // The file hasher (entrypoints/file-hasher) runs WebAssembly SHA-256; nothing else in the extension compiles
    // WebAssembly, and no other code source is allowed.
    content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" },
    // The observer frames the file hasher into portal pages while it fingerprints an upload. A page can load it
    // only through the per-session dynamic URL, so it cannot probe the pinned id to learn the extension is
    // installed. Not a host permission: it lets pages embed this one page, and gives the extension nothing.
    web_accessible_resources: [
      {
        resources: ['file-hasher.html'],
        matches: ['http://*/*', 'https://*/*'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: {
          gecko: {
            id: 'burden-barometer@jianfu.local',
            strict_min_version: '128.0',
            // Nothing reaches the developers; a report leaves only to the office's endpoint, on the cadre's click.
            data_collection_permissions: { required: ['none'] },
          },
        } }
      : { key: MANIFEST_KEY }),
  }),
});
