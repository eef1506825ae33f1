import type { Kysely } from 'kysely';
import { maskResidentId } from '../../shared/mask';
import { z } from 'zod';
import { jsonColumn } from '../db/columns';
import { idChunks } from '../db/id-chunks';
import type { DB } from '../db/schema';
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

/** `print_log.content_json`: a printed document, an object whatever its kind. */
const printedContent = jsonColumn<Json>(
  'print_log.content_json',
  z.record(z.string(), z.unknown()),
);

const blankBorrower = { name: ANONYMISED_NAME, maskedId: '', address: '' };

/** Route sheets read per query: one pass over them all, a page at a time. */
const SHEET_PAGE = 500;

/** Reads who the borrowers were; call before their rows are redacted. */
export async function peopleToRedact(tx: Kysely<DB>, ids: readonly number[]): Promise<Person[]> {
  const rows = [];
  const loans = [];
  for (const chunk of idChunks(ids)) {
    rows.push(
      ...(await tx
        .selectFrom('borrowers')
        .select(['id', 'name', 'id_number'])
        .where('id', 'in', chunk)
        .execute()),
    );
    loans.push(
      ...(await tx
        .selectFrom('loans')
        .select(['borrower_id', 'loan_no'])
        .where('borrower_id', 'in', chunk)
        .execute()),
    );
  }
  const loanNos = new Map<number, string[]>();
  for (const l of loans) {
    loanNos.set(l.borrower_id, [...(loanNos.get(l.borrower_id) ?? []), l.loan_no]);
  }
  return rows.map((r) => ({
    name: r.name,
    maskedId: maskResidentId(r.id_number),
    loanNos: new Set(loanNos.get(r.id) ?? []),
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
    // Everything on the stop that names or finds the person: name, ID, village, house, phone.
    return {
      ...stop,
      borrowerName: ANONYMISED_NAME,
      maskedId: '',
      village: '',
      address: '',
      ...('phone' in stop ? { phone: '' } : {}),
    };
  });
  return changed ? { ...doc, anonymisedAt: at, route: { ...route, stops } } : null;
}

/**
 * Blanks the borrowers in the print log, inside the caller's transaction; returns how many
 * logged documents changed.
 */
export async function redactPrintLog(
  tx: Kysely<DB>,
  ids: readonly number[],
  people: readonly Person[],
  at: string,
): Promise<number> {
  const updates: { id: number; content: string }[] = [];
  const own = [];
  for (const chunk of idChunks(ids)) {
    own.push(
      ...(await tx
        .selectFrom('print_log')
        .select(['id', 'content_json'])
        .where('borrower_id', 'in', chunk)
        .execute()),
    );
  }
  for (const row of own) {
    const doc = printedContent.read(row.content_json);
    updates.push({ id: row.id, content: printedContent.write(redactBorrowerDocument(doc, at)) });
  }
  // One pass over the route sheets for the whole batch (parsing one is a few microseconds),
  // in pages by id, so a branch's years of sheets are never all in memory at once.
  for (let after = 0; ;) {
    const sheets = await tx
      .selectFrom('print_log')
      .select(['id', 'content_json'])
      .where('kind', '=', 'dayRouteSheet')
      .where('id', '>', after)
      .orderBy('id')
      .limit(SHEET_PAGE)
      .execute();
    for (const row of sheets) {
      const redacted = redactRouteSheet(printedContent.read(row.content_json), people, at);
      if (redacted) updates.push({ id: row.id, content: printedContent.write(redacted) });
    }
    if (sheets.length < SHEET_PAGE) break;
    after = sheets[sheets.length - 1]!.id;
  }
  for (const u of updates) {
    await tx
      .updateTable('print_log')
      .set({ content_json: u.content })
      .where('id', '=', u.id)
      .execute();
  }
  return updates.length;
}
