import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeDriver } from '../../../electron/core/node';
import { openEncrypted } from '../../../electron/core/db/open';
import { newDatabaseKey, parseRecoveryKey } from '../../../electron/core/db/keyslots';
import { AppFailure } from '../../../electron/shared/result';
import { expectOk, MANAGER, signedInCore, tempDir } from '../support/core';

describe('encrypted database', () => {
  it('stores nothing readable on disk', async () => {
    const core = await signedInCore();
    expectOk(await core.invoke('settings:branch', {}));
    core.app.lock('signOut');
    const raw = Buffer.concat(
      fs
        .readdirSync(core.dir)
        .filter((f) => f.startsWith('visitdesk.db'))
        .map((f) => fs.readFileSync(path.join(core.dir, f))),
    );
    expect(raw.length).toBeGreaterThan(4096);
    expect(raw.includes(Buffer.from('青山农商银行石桥支行'))).toBe(false);
    expect(raw.includes(Buffer.from('王建国'))).toBe(false);
    expect(raw.includes(Buffer.from('SQLite format 3'))).toBe(false);
  });

  it('opens with the safe pragmas: WAL, synchronous FULL, memory temp store, no mmap', () => {
    const file = path.join(tempDir(), 'a.db');
    const db = openEncrypted(file, newDatabaseKey(), { driver: nodeDriver, create: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    expect(db.pragma('mmap_size', { simple: true })).toBe(0);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(Number(db.pragma('cache_size', { simple: true }))).toBeLessThanOrEqual(-32768);
    expect(db.pragma('cipher', { simple: true })).toBe('sqlcipher');
    db.close();
  });

  it('refuses a wrong key with WRONG_KEY on the first read', () => {
    const file = path.join(tempDir(), 'a.db');
    const db = openEncrypted(file, newDatabaseKey(), { driver: nodeDriver, create: true });
    db.exec('CREATE TABLE t (x TEXT) STRICT; INSERT INTO t VALUES (1)');
    db.close();
    expect(() => openEncrypted(file, newDatabaseKey(), { driver: nodeDriver })).toThrowError(
      expect.objectContaining({ code: 'WRONG_KEY' }) as Error,
    );
  });

  it('never creates a missing database unless asked', () => {
    const file = path.join(tempDir(), 'missing.db');
    let error: unknown;
    try {
      openEncrypted(file, newDatabaseKey(), { driver: nodeDriver });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppFailure);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('opens with the recovery key as a plain SQLCipher 4 raw key', async () => {
    const core = await signedInCore();
    core.app.lock('signOut');
    const hex = parseRecoveryKey(core.recoveryKey).toString('hex');
    const db = new nodeDriver(core.dbFile, { fileMustExist: true });
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${hex}'"`);
    const row = db.prepare('SELECT name FROM branch').get() as { name: string };
    expect(row.name).toBe('青山农商银行石桥支行');
    db.close();
    expect(MANAGER.username).toBe('admin');
  });
});
