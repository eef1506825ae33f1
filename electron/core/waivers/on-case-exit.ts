import type { CaseExitKind } from '../../shared/schemas/case-fields';
import type { Visitdesk } from '../app/visitdesk';
import { statement } from '../db/query';
import { exitWords } from '../planning/compliance';

/**
 * A case leaving doorstep collection (cases/exits.ts) takes its undecided waivers and
 * settlements with it: the bank's write-off, the court or the agency decides what is owed from
 * then on, so a proposal still awaiting approval is withdrawn with the exit as its reason, one
 * audit row each. Runs inside the exit's transaction; reopening the case does not revive them.
 */
export function withdrawWaiversOnExit(
  app: Visitdesk,
  exit: { borrowerId: number; kind: CaseExitKind; exitOn: string; reference: string },
  staffId: number,
  at: string,
): number {
  const open = statement(
    app.db,
    `SELECT id, status FROM waivers
     WHERE borrower_id = ? AND status IN ('proposed', 'first_approved') ORDER BY id`,
  ).all(exit.borrowerId) as { id: number; status: 'proposed' | 'first_approved' }[];
  const words = exitWords[exit.kind];
  // Stored once in both languages: the reason is read as written, whichever language is on.
  const reason =
    `案件于 ${exit.exitOn} 退出上门催收：${words.exit}（文号 ${exit.reference}）` +
    ` / Case left doorstep collection on ${exit.exitOn}: ${words.exitEn} (ref. ${exit.reference})`;
  const withdraw = statement(
    app.db,
    `UPDATE waivers SET status = 'withdrawn', closed_by = ?, closed_at = ?, close_reason = ?
     WHERE id = ?`,
  );
  for (const waiver of open) {
    withdraw.run(staffId, at, reason, waiver.id);
    app.audit({
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
