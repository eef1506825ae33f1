import { expectOk } from '../support/core';
import { addAccountOn } from '../support/desk';
import type { EngineKind } from '../support/engines';
import { recordsCoreOn } from '../records/desk-records';

/**
 * The records core on `kind` (records/desk-records.ts's branch: 2026-05-20 10:00 in Beijing; a
 * borrower with two loans of ¥30,000.00 outstanding principal and ¥200.00 overdue interest
 * each), with a penalty of ¥150.00 on the first loan set through the app's writes, an auditor
 * and a second manager. The manager is signed in.
 */
export async function waiverCoreOn(kind: EngineKind) {
  const core = await recordsCoreOn(kind);
  await core.app.write((tx) =>
    tx.updateTable('loans').set({ penalty_fen: 15000 }).where('id', '=', core.loanId).execute(),
  );
  const auditor = await addAccountOn(core, {
    username: 'sun.hui',
    role: 'auditor',
    name: '孙慧',
    staffNo: 'A301',
  });
  const deputy = await addAccountOn(core, {
    username: 'zhou.gang',
    role: 'manager',
    name: '周刚',
    staffNo: 'M002',
  });
  return { ...core, auditor, deputy };
}
export type WaiverCoreOn = Awaited<ReturnType<typeof waiverCoreOn>>;

export const penaltyWaiver = (
  core: { borrowerId: number; loanId: number },
  extra: Record<string, unknown> = {},
) => ({
  borrowerId: core.borrowerId,
  loanId: core.loanId,
  kind: 'penalty',
  waivedFen: 15000,
  reason: '借款人因病住院，罚息全免',
  ...extra,
});

/** Proposed by the officer; returns the proposal's id, signed in as the officer. */
export async function proposedByOfficer(core: WaiverCoreOn, extra: Record<string, unknown> = {}) {
  await core.signInAs(core.officer);
  return expectOk(await core.invoke('waivers:propose', penaltyWaiver(core, extra))).id;
}

/** The waivers' audit actions, oldest first, read on the app's engine. */
export async function actionsOn(core: WaiverCoreOn): Promise<string[]> {
  const rows = await core.app.engine.db
    .selectFrom('audit_log')
    .select('action')
    .where('entity', '=', 'waiver')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}
