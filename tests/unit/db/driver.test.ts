import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { nodeDriverModule } from '../../../electron/core/node';
import { expectOk, signedInCore } from '../support/core';

// The suite runs twice in CI: under the system Node with the Node-ABI build (12.x), and under
// Node 24 (Electron 45's series) with the Node-API build (13.x) that the app's main injects
// (npm run test:node24). This test says which one is under test, so a run that silently fell
// back to the other driver fails.

const require = createRequire(__filename);

describe('the database driver under test', () => {
  it('is the build the environment asks for, and it runs the real encrypted core', async () => {
    const napi = process.env.VISITDESK_SQLITE_DRIVER === 'napi';
    expect(nodeDriverModule).toBe(
      napi ? 'better-sqlite3-multiple-ciphers-napi' : 'better-sqlite3-multiple-ciphers',
    );
    const pkg = require(`${nodeDriverModule}/package.json`) as { version: string };
    expect(pkg.version).toBe(napi ? '13.0.3' : '12.11.1');
    if (napi) expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);

    const core = await signedInCore();
    const cipher = core.app.db.pragma('cipher', { simple: true });
    expect(cipher).toBe('sqlcipher');
    expect(expectOk(await core.invoke('auth:state', {}))).toMatchObject({
      phase: 'unlocked',
      branchName: '青山农商银行石桥支行',
    });
  });
});
