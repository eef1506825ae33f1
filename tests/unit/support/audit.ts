import { openSealed, sealedEnvelope } from '../../../electron/core/audit/seal';
import type { Sqlite } from '../../../electron/core/db/sqlite';

/**
 * The readable JSON text of stored audit details, for tests that check what a row says; null
 * when there are none or they were shredded. Opened with the app's own sealedEnvelope and
 * openSealed (the viewer reads them through detailsOpener, seal.ts).
 */
export function openAuditText(db: Sqlite, text: string | null): string | null {
  if (text === null) return null;
  const envelope = sealedEnvelope(text);
  if (!envelope) return text;
  const row = db
    .prepare('SELECT key FROM audit_subject_keys WHERE borrower_id = ?')
    .get(envelope.subject) as { key: Buffer } | undefined;
  return row ? openSealed(text, row.key) : null;
}
