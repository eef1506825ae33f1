import type { Kysely } from 'kysely';
import type { CaseExitKind } from '../../shared/schemas/case-fields';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import { exitWords } from '../planning/compliance';

/**
 * A case leaving doorstep collection (cases/exits.ts) takes its undecided waivers and
 * settlements with it: the bank's write-off, the court or the agency decides what is owed from
 * then on, so a proposal still awaiting approval is withdrawn with the exit as its reason, one
 * audit row each. Runs on the exit's write `tx`; reopening the case does not revive them.
 */
export async function withdrawWaiversOnExit(
  app: Visitdesk,
  tx: Kysely<DB>,
  exit: { borrowerId: number; kind: CaseExitKind; exitOn: string; reference: string },
  staffId: number,
  at: string,
): Promise<number> {
  const open = await tx
    .selectFrom('waivers')
    .select(['id', 'status'])
    .where('borrower_id', '=', exit.borrowerId)
    .where('status', 'in', ['proposed', 'first_approved'])
    .orderBy('id')
    .execute();
  const words = exitWords[exit.kind];
  // Stored once in both languages: the reason is read as written, whichever language is on.
  const reason =
    `案件于 ${exit.exitOn} 退出上门催收：${words.exit}（文号 ${exit.reference}）` +
    ` / Case left doorstep collection on ${exit.exitOn}: ${words.exitEn} (ref. ${exit.reference})`;
  for (const waiver of open) {
    await tx
      .updateTable('waivers')
      .set({ status: 'withdrawn', closed_by: staffId, closed_at: at, close_reason: reason })
      .where('id', '=', waiver.id)
      .execute();
    await app.record(tx, {
      action: 'waiver.withdraw',
      entity: 'waiver',
      entityId: waiver.id,
      subject: exit.borrowerId,
      before: { status: waiver.status },
      after: { status: 'withdrawn', closeReason: reason, caseExit: exit.kind },
    });
  }
  return open.length;
}
