import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { rawRows, statement } from '../../../electron/core/db/query';
import { recordStatements, Replay } from '../../bench/replay';

function twoRows(): Sqlite {
  const db = new Database(':memory:') as unknown as Sqlite;
  db.exec(
    "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t VALUES (1, '甲'), (2, '乙');",
  );
  return db;
}

describe('read replay for baselines', () => {
  it('replays the statements the app ran, as objects or as raw arrays like the app read them', async () => {
    const app = twoRows();
    const plain = twoRows();
    const { result, calls } = await recordStatements(app, () => [
      statement(app, 'SELECT id, name FROM t WHERE id = ?').get(2),
      rawRows(app, 'SELECT id, name FROM t ORDER BY id', []),
    ]);
    expect(result).toEqual([
      { id: 2, name: '乙' },
      [
        [1, '甲'],
        [2, '乙'],
      ],
    ]);
    expect(calls.map((c) => [c.method, c.raw ?? false])).toEqual([
      ['get', false],
      ['all', true],
    ]);
    // The replay returns what the last statement read, in the same shape.
    expect(new Replay(plain, calls).run()).toEqual([
      [1, '甲'],
      [2, '乙'],
    ]);
    expect(new Replay(plain, calls.slice(0, 1)).run()).toEqual({ id: 2, name: '乙' });
  });
});
