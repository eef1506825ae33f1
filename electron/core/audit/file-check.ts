import type { z } from 'zod';
import type { fileCheckInput } from '../../shared/schemas/file-check';
import type { Visitdesk } from '../app/visitdesk';
import { verifyAudit } from './viewer';

/**
 * The whole database file checked, for `verify` on the command line: SQLite's full
 * integrity_check (slower than the quick_check the app runs, and enough for a file a moment's
 * command opens), then the audit chain against every signed checkpoint and each head carried
 * in from outside.
 */
export async function checkDatabaseFile(app: Visitdesk, outside: z.output<typeof fileCheckInput>) {
  const integrity = fileIntegrityProblems(app);
  const chain = await verifyAudit(app, outside.heads, outside.checkpoints);
  const { rows, head, firstBadId } = chain;
  return {
    ok: integrity.length === 0 && chain.ok,
    integrity,
    audit: { ok: firstBadId === null, rows, head, firstBadId },
    checkpoints: chain.checkpoints,
    heads: chain.anchors,
  };
}

/**
 * Engine-specific: SQLite checks its own file's pages. A PostgreSQL server keeps its own
 * storage, checked by its administrators' tools, so there is no file here to check.
 */
function fileIntegrityProblems(app: Visitdesk): string[] {
  if (app.engine.kind !== 'sqlite') return [];
  const found = app.db.pragma('integrity_check') as { integrity_check: string }[];
  return found.map((r) => r.integrity_check).filter((r) => r !== 'ok');
}
