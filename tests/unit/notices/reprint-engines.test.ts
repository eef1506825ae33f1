import { describe, expect, it } from 'vitest';
import { expectOk } from '../support/core';
import { signedInCoreOn } from '../support/desk';
import { engineKinds } from '../support/engines';

/**
 * A printed document reprinted as a copy through the dispatcher, on either engine (issue 19).
 * The print log keeps the document as JSON: text on SQLite, jsonb on PostgreSQL, which pg hands
 * back already parsed; the end-to-end run on PostgreSQL found the reprint parsing it again and
 * failing there.
 */

const NOW = new Date('2026-11-29T02:00:00.000Z');

describe.each(engineKinds)('a reprint, on %s', (kind) => {
  it('is the same document marked as a copy, logged against its original and audited', async () => {
    const core = await signedInCoreOn(kind, { now: () => NOW });
    expectOk(await core.invoke('cases:loadDemo', {}));
    const log = expectOk(await core.invoke('notices:log', { limit: 5 }));
    const original = log.find((row) => !row.isCopy)!;
    expect(original).toBeDefined();

    const { documents, logIds } = expectOk(
      await core.invoke('notices:reprint', { printLogId: original.id }),
    );
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ isCopy: true, referenceNo: original.referenceNo });

    const copy = await core.app.engine.db
      .selectFrom('print_log')
      .select(['original_id', 'reference_no', 'content_sha256'])
      .where('id', '=', logIds[0]!)
      .executeTakeFirstOrThrow();
    const first = await core.app.engine.db
      .selectFrom('print_log')
      .select(['content_sha256'])
      .where('id', '=', original.id)
      .executeTakeFirstOrThrow();
    // The same content as the original (the copy mark is not part of what was printed).
    expect(copy).toEqual({
      original_id: original.id,
      reference_no: original.referenceNo,
      content_sha256: first.content_sha256,
    });
    const audited = await core.app.engine.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'notices.reprint')
      .execute();
    expect(audited).toHaveLength(1);

    // A copy of the copy is logged against the same original.
    const again = expectOk(await core.invoke('notices:reprint', { printLogId: logIds[0]! }));
    const second = await core.app.engine.db
      .selectFrom('print_log')
      .select('original_id')
      .where('id', '=', again.logIds[0]!)
      .executeTakeFirstOrThrow();
    expect(second.original_id).toBe(original.id);
  });
});
