import * as fs from 'node:fs';
import { EXT_DIR, removePolicy } from './harness';

export default function setup() {
  if (!fs.existsSync(`${EXT_DIR}/manifest.json`)) throw new Error('build the extension first: npm run build');
  removePolicy(); // a policy file left by an interrupted run would leak into every test
  return () => removePolicy();
}
