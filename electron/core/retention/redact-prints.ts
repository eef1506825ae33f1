import { maskResidentId } from '../../shared/mask';
import { statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { ANONYMISED_NAME } from './redact';

/**
 * The print log keeps every document exactly as printed, so a reprint is a true copy. For an
 * anonymised borrower that copy would put their name, masked ID and address back on paper:
 * the person's part of each document is blanked, the rest (reference number, loans, amounts,
 * dates, staff) stays, and the document carries `anonymisedAt`, the mark migration 008's
 * trigger requires for this one kind of change. The content hashes stay as they were: they
 * identify what was printed then.
 *
 * Route sheets list several borrowers and carry no borrower id: a stop is the borrower's when
 * it names one of their loans, or their masked ID and name as they were at anonymisation.
 */

interface Person {
  name: string;
  maskedId: string;
  loanNos: ReadonlySet<string>;
}

type Json = Record<string, unknown>;

const blankBorrower = { name: ANONYMISED_NAME, maskedId: '', address: '' };

/** Reads who the borrowers were; call before their rows are redacted. */
export function peopleToRedact(db: Sqlite, ids: readonly number[]): Person[] {
  const rows = statement(
    db,
    `SELECT b.id, b.name, b.id_number AS idNumber,
            (SELECT json_group_array(loan_no) FROM loans l WHERE l.borrower_id = b.id) AS loanNos
       FROM borrowers b WHERE b.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as { id: number; name: string; idNumber: string; loanNos: string }[];
  return rows.map((r) => ({
    name: r.name,
    maskedId: maskResidentId(r.idNumber),
    loanNos: new Set(JSON.parse(r.loanNos) as string[]),
  }));
}

function redactBorrowerDocument(doc: Json, at: string): Json {
  const redacted: Json = { ...doc, anonymisedAt: at };
  if (doc.borrower && typeof doc.borrower === 'object') redacted.borrower = blankBorrower;
  // A receipt's note is free text written at the door.
  if (doc.kind === 'paymentReceipt') redacted.note = '';
  return redacted;
}

function stopBelongsTo(stop: Json, people: readonly Person[]): boolean {
  const loanNos = Array.isArray(stop.loanNos) ? (stop.loanNos as unknown[]) : [];
  return people.some(
    (p) =>
      loanNos.some((no) => typeof no === 'string' && p.loanNos.has(no)) ||
      (stop.maskedId === p.maskedId && stop.borrowerName === p.name),
  );
}

/** Returns the redacted route sheet, or null when none of its stops is theirs. */
function redactRouteSheet(doc: Json, people: readonly Person[], at: string): Json | null {
  const route = doc.route as { stops?: unknown } | undefined;
  if (!route || !Array.isArray(route.stops)) return null;
  let changed = false;
  const stops = (route.stops as Json[]).map((stop) => {
    if (!stopBelongsTo(stop, people)) return stop;
    changed = true;
    return { ...stop, borrowerName: ANONYMISED_NAME, maskedId: '', village: '', address: '' };
  });
  return changed ? { ...doc, anonymisedAt: at, route: { ...route, stops } } : null;
}

/** Blanks the borrowers in the print log; returns how many logged documents changed. */
export function redactPrintLog(
  db: Sqlite,
  ids: readonly number[],
  people: readonly Person[],
  at: string,
): number {
  const updates: { id: number; content: string }[] = [];
  const own = statement(
    db,
    `SELECT id, content_json AS content FROM print_log
      WHERE borrower_id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as { id: number; content: string }[];
  for (const row of own) {
    const doc = JSON.parse(row.content) as Json;
    updates.push({ id: row.id, content: JSON.stringify(redactBorrowerDocument(doc, at)) });
  }
  // One pass over the route sheets for the whole batch (parsing one is a few microseconds).
  const sheets = statement(
    db,
    `SELECT id, content_json AS content FROM print_log WHERE kind = 'dayRouteSheet'`,
  ).iterate() as IterableIterator<{ id: number; content: string }>;
  for (const row of sheets) {
    const redacted = redactRouteSheet(JSON.parse(row.content) as Json, people, at);
    if (redacted) updates.push({ id: row.id, content: JSON.stringify(redacted) });
  }
  const write = statement(db, 'UPDATE print_log SET content_json = ? WHERE id = ?');
  for (const u of updates) write.run(u.content, u.id);
  return updates.length;
}
