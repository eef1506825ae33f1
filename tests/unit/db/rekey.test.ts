import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { openEncrypted } from '../../../electron/core/db/open';
import { rekeyDatabase } from '../../../electron/core/db/rekey';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';

describe('rekey', () => {
  it('re-encrypts a WAL database: the new key opens it, the old one no longer does', () => {
    const file = path.join(tempDir(), 'r.db');
    const oldKey = newDatabaseKey();
    const newKey = newDatabaseKey();
    const db = openEncrypted(file, oldKey, { driver: nodeDriver, create: true });
    db.exec("CREATE TABLE t (name TEXT) STRICT; INSERT INTO t VALUES ('张三')");
    rekeyDatabase(db, newKey);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.prepare("INSERT INTO t VALUES ('李四')").run();
    db.close();

    expect(() => openEncrypted(file, oldKey, { driver: nodeDriver })).toThrowError(
      expect.objectContaining({ code: 'WRONG_KEY' }) as Error,
    );
    const reopened = openEncrypted(file, newKey, { driver: nodeDriver });
    expect(reopened.prepare('SELECT name FROM t ORDER BY rowid').all()).toEqual([
      { name: '张三' },
      { name: '李四' },
    ]);
    reopened.close();
  });
});
