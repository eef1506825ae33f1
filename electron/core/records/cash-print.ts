import { localIn } from '../../shared/dates';
import type { HandInSheetData } from '../../shared/schemas/cash-handins';
import type { Session } from '../../shared/schemas/foundation';
import type { DocumentLang } from '../../shared/schemas/notices';
import type { Visitdesk } from '../app/visitdesk';
import { loadLetterhead } from '../notices/settings';
import { loadBranchTimeZone } from '../settings/branch-clock';
import { handInRow } from './cash';
import { loadBranchCode } from './receipts';

/**
 * The hand-in sheet (缴款单) as a print document: the hand-in on file with each receipt, under
 * the branch's letterhead, stamped with who printed it and when (branch time). Its number is
 * the branch code, JK (缴款) and the hand-in's id: QS001-JK-000012.
 */
export async function handInSheetDocument(
  app: Visitdesk,
  handInId: number,
  lang: DocumentLang,
  printedBy: Pick<Session, 'name' | 'staffNo'>,
): Promise<HandInSheetData> {
  const db = app.engine.db;
  const handIn = await handInRow(db, handInId);
  const letterhead = await loadLetterhead(db);
  const code = await loadBranchCode(db);
  const { date, time } = localIn(await loadBranchTimeZone(db), app.now());
  return {
    kind: 'cashHandInSheet',
    lang,
    referenceNo: `${code}-JK-${String(handIn.id).padStart(6, '0')}`,
    printedAt: `${date}T${time}`,
    printedBy: { name: printedBy.name, staffNo: printedBy.staffNo },
    letterhead,
    branchCode: code,
    handIn,
  };
}
