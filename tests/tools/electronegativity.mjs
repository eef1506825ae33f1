// Runs @doyensec/electronegativity over the Electron sources and fails on any finding at
// the given severity or above (the tool itself always exits 0, so its result is read here).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const failAt = new Set((process.env.ELECTRONEGATIVITY_FAIL_AT ?? 'HIGH,MEDIUM').split(','));

// Stage what ships: the Electron sources and the renderer's HTML (whose meta tag carries the
// CSP), without node_modules.
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
fs.cpSync(path.join(root, 'electron'), path.join(stage, 'electron'), { recursive: true });
fs.cpSync(path.join(root, 'renderer'), path.join(stage, 'renderer'), { recursive: true });

const run =
  require('@doyensec/electronegativity').default ?? require('@doyensec/electronegativity');
const silence = console.log;
console.log = () => {};
let result;
try {
  result = await run({
    input: stage,
    electronVersionOverride: '45.5.0',
    isRelative: true,
    severitySet: 'informational',
    confidenceSet: 'tentative',
  });
} finally {
  console.log = silence;
  fs.rmSync(stage, { recursive: true, force: true });
}
const issues = result.issues ?? result;
const fatal = issues.filter((i) => failAt.has(i.severity.name ?? String(i.severity)));
for (const i of issues) {
  const severity = i.severity.name ?? String(i.severity);
  const marker = failAt.has(severity) ? 'FAIL' : 'info';
  console.log(`electronegativity ${marker} ${severity} ${i.id} ${i.file}:${i.location.line}`);
}
if (fatal.length) {
  console.error(`electronegativity: ${fatal.length} finding(s) at ${[...failAt].join('/')}`);
  process.exit(1);
}
console.log(`electronegativity: no ${[...failAt].join('/')} findings (${issues.length} lower)`);
