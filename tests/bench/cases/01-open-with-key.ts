import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { defineCase } from '../harness';
import type { SeededBranch } from '../seed';

/**
 * Opening the branch database once the key is known (the key slot's scrypt is separate and
 * deliberately slow): the core's safe open sequence (cipher, key, a read that proves it, WAL,
 * synchronous, temp store, cache size) and the migration check, then close.
 */
export default defineCase<SeededBranch>({
  name: 'open with key',
  about: 'openEncrypted + migrate check + close; baseline: open the plain file, read, close',
  target: { figure: 'median', maxMs: 200 },
  iterations: 20,
  warmup: 3,
  setup: (ctx) => ctx.branch,
  run(branch) {
    const db = openEncrypted(branch.dbFile, branch.key, { driver: nodeDriver });
    migrate(db);
    db.close();
  },
  baseline(branch) {
    const db = new nodeDriver(branch.plainFile, { fileMustExist: true });
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    db.pragma('user_version', { simple: true });
    db.close();
  },
});
