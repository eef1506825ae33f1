import { expect } from '@playwright/test';
import { appImportDesk } from '../../../electron/core/imports/desk';
import { importSourceFor } from '../../../electron/core/imports/prepare';
import { importCasesOn } from '../../../electron/core/imports/service';
import type { Role } from '../../../electron/shared/roles';
import { residentIdCheckChar } from '../../../electron/shared/idcard';
import type { Result } from '../../../electron/shared/result';
import { importFields } from '../../../electron/shared/schemas/imports';
import type { BridgedCore } from './bridge';

/**
 * Seeding for the end-to-end specs, on the real core: borrowers through the case channel (so
 * the case search finds them) or the case importer, loans and visits written as the import and
 * the planning feature leave them (no channel adds a loan or a past visit by hand), certified
 * officers, and working days picked from the branch calendar on the real clock.
 */

export type Invoke = BridgedCore['invoke'];

/** The data of an answer the core gave, or a thrown error naming its refusal. */
export function unwrap<T>(answer: Result<T>): T {
  if (!answer.ok) throw new Error(`core refused: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

/** `unwrap` for a call still under way: `await ok(core.invoke(...))`. */
export async function ok<T>(result: Promise<Result<T>>): Promise<T> {
  return unwrap(await result);
}

// ---- Dates: ISO days, counted in whole UTC days so no time zone shifts them ----

export const iso = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (date: string, days: number) =>
  iso(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
/** 0 for Sunday to 6 for Saturday. */
export const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
/** Today at the branch (the core runs on the real clock in Asia/Shanghai). */
export const shanghaiToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/**
 * The first `count` consecutive weekdays within one Monday-to-Friday week, starting at least
 * three days ahead (the notice rule wants 24 hours' notice), none of them a public holiday.
 */
async function workingDays(invoke: Invoke, count: number): Promise<string[]> {
  const today = shanghaiToday();
  const holidays = await ok(invoke('planning:holidays', { from: today, to: addDays(today, 60) }));
  const closed = new Set(holidays.days.filter((d) => d.kind === 'holiday').map((d) => d.date));
  for (let k = 3; k < 50; k++) {
    const first = addDays(today, k);
    const days = Array.from({ length: count }, (_, i) => addDays(first, i));
    if (weekday(first) >= 1 && weekday(first) <= 6 - count && days.every((d) => !closed.has(d))) {
      return days;
    }
  }
  throw new Error(`no ${count} working days in the next 50`);
}

/** A working day at least three days ahead, for a visit and its notice. */
export async function visitDay(invoke: Invoke): Promise<string> {
  return (await workingDays(invoke, 1))[0]!;
}

/** Monday to Wednesday (or later in the week), so all three sit in one week view. */
export async function planningDays(invoke: Invoke): Promise<[string, string, string]> {
  return (await workingDays(invoke, 3)) as [string, string, string];
}

// ---- People ----

export interface ResidentIdShape {
  /** The issuing division (six digits). */
  region?: string;
  birthYear?: number;
  /** A fixed birth month; by default it follows the seed (1 + seed mod 12). */
  birthMonth?: number;
  birthDay?: number;
  /** Added to the seed for the three-digit sequence number. */
  serialFrom?: number;
}

/**
 * A checked resident ID (GB 11643-1999), distinct per seed within one shape; born 1972 by
 * default, so the borrower is not elderly (60+) by the ID in the years the tests run. Specs that seed
 * several groups of borrowers give each group its own shape so the IDs never collide.
 */
export function residentId(
  seed: number,
  {
    region = '330102',
    birthYear = 1972,
    birthMonth,
    birthDay = 15,
    serialFrom = 0,
  }: ResidentIdShape = {},
): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const month = birthMonth ?? 1 + (seed % 12);
  const first17 = `${region}${birthYear}${two(month)}${two(birthDay)}${String(serialFrom + seed).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

export interface BorrowerOptions {
  /** 东村 unless given. */
  village?: string;
  /** `residentId(seed)` unless given. */
  idNumber?: string;
  mobile?: string;
  /** The overdue principal, in fen; 80,000 + 1,000 × seed unless given. */
  overdueFen?: number;
  /** Left as the case channel sets it unless given. */
  brokenPromises?: number;
  /** The loan is `<prefix>-<seed>`; E2E unless given. */
  loanPrefix?: string;
  disbursedOn?: string;
  overdueSince?: string;
}

/**
 * A borrower created through the case channel (so the case search finds them), with one
 * overdue loan of ¥50,000 written as the case import leaves it: no channel adds a loan by hand.
 */
export async function seedBorrower(
  core: BridgedCore,
  seed: number,
  name: string,
  {
    village = '东村',
    idNumber = residentId(seed),
    mobile,
    overdueFen = 80_000 + seed * 1000,
    brokenPromises,
    loanPrefix = 'E2E',
    disbursedOn = '2024-06-01',
    overdueSince = '2025-11-20',
  }: BorrowerOptions = {},
): Promise<number> {
  const { id } = await ok(
    core.invoke('cases:create', {
      name,
      idNumber,
      ...(mobile === undefined ? {} : { mobile }),
      township: '石桥镇',
      village,
    }),
  );
  const at = new Date().toISOString();
  // On the app's engine, so the same seeding serves a desk on either engine.
  await core.app.write(async (tx) => {
    await tx
      .insertInto('loans')
      .values({
        loan_no: `${loanPrefix}-${seed}`,
        borrower_id: id,
        principal_fen: 5_000_000,
        disbursed_on: disbursedOn,
        overdue_principal_fen: overdueFen,
        overdue_since: overdueSince,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await tx
      .updateTable('borrowers')
      .set({
        overdue_since: overdueSince,
        total_overdue_fen: overdueFen,
        ...(brokenPromises === undefined ? {} : { broken_promises: brokenPromises }),
      })
      .where('id', '=', id)
      .execute();
  });
  return id;
}

/** An officer with a training certificate valid for about two years (or until `expiresOn`). */
export async function certifiedOfficer(
  invoke: Invoke,
  staffNo: string,
  name: string,
  expiresOn = addDays(shanghaiToday(), 700),
): Promise<number> {
  const staff = await ok(invoke('staff:create', { staffNo, name, role: 'officer' }));
  await ok(
    invoke('staff:addCertificate', {
      staffId: staff.id,
      kind: 'training',
      number: `PX-${staffNo}`,
      issuedOn: '2025-01-01',
      expiresOn,
    }),
  );
  return staff.id;
}

/** Negotiation visits on one day through `planning:planVisit`, each as [borrower, start, end]. */
export async function planNegotiationVisits(
  invoke: Invoke,
  date: string,
  staffIds: number[],
  visits: readonly (readonly [borrowerId: number, start: string, end: string])[],
): Promise<void> {
  for (const [borrowerId, start, end] of visits) {
    await ok(
      invoke('planning:planVisit', {
        date,
        start,
        end,
        borrowerId,
        staffIds,
        purpose: 'negotiation',
      }),
    );
  }
}

// ---- Through the case importer ----

export interface ImportedBorrower {
  /** Numbers the borrower's ID (through `idNumber`) and loan. */
  seq: number;
  name: string;
  /** The outstanding principal in yuan, as the head office's file writes it; 30000 unless given. */
  outstanding?: string;
}

export interface ImportOptions {
  village: string;
  /** The loan is `<prefix>-<seq>`. */
  loanPrefix: string;
  idNumber: (seq: number) => string;
}

/**
 * Imports one row per borrower as of `asOf` through the case importer's own function: one loan
 * each, ¥3,000 principal and ¥200 interest overdue since mid-January. Returns the borrowers' ids
 * in the order given.
 */
export async function importLoans(
  core: BridgedCore,
  borrowers: ImportedBorrower[],
  asOf: string,
  { village, loanPrefix, idNumber }: ImportOptions,
): Promise<number[]> {
  const cells = (b: ImportedBorrower): Record<string, string> => ({
    name: b.name,
    id_number: idNumber(b.seq),
    township: '石桥镇',
    village,
    loan_no: `${loanPrefix}-${b.seq}`,
    principal: '50000',
    disbursed_on: '2024-03-01',
    outstanding_principal: b.outstanding ?? '30000',
    overdue_principal: '3000',
    overdue_interest: '200',
    overdue_since: '2026-01-15',
  });
  const lines = [importFields.map((f) => f.zh).join(',')];
  for (const b of borrowers) lines.push(importFields.map((f) => cells(b)[f.field] ?? '').join(','));
  const fileName = `loans-${asOf}.csv`;
  const bytes = new Uint8Array(Buffer.from(lines.join('\r\n'), 'utf8'));
  // The importer's own function on the app's engine and its writes, as imports:run runs it.
  const result = await importCasesOn(appImportDesk(core.app), {
    fileName,
    source: await importSourceFor(fileName, bytes, 'auto'),
    mode: 'all-or-nothing',
    asOf,
    staffId: 1,
  });
  expect(result.written, JSON.stringify(result.errors)).toBe(true);
  const ids: number[] = [];
  for (const b of borrowers) {
    const row = await core.app.engine.db
      .selectFrom('borrowers')
      .select('id')
      .where('id_number', '=', idNumber(b.seq))
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

/**
 * A 09:00–10:00 negotiation visit in 石桥镇 as the planning feature leaves it: `notified` with
 * its notice printed (for visits in the past), or just `planned`.
 */
export async function insertVisit(
  core: BridgedCore,
  borrowerId: number,
  date: string,
  staffIds: number[],
  { village, status = 'notified' }: { village: string; status?: 'planned' | 'notified' },
): Promise<number> {
  const at = new Date().toISOString();
  const notified = status === 'notified';
  return core.app.write(async (tx) => {
    const { id } = await tx
      .insertInto('visits')
      .values({
        borrower_id: borrowerId,
        date,
        start_time: '09:00',
        end_time: '10:00',
        purpose: 'negotiation',
        township: '石桥镇',
        village,
        status,
        notice_status: notified ? 'printed' : 'none',
        notice_at: notified ? at : null,
        planned_by: 1,
        planned_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('visit_staff')
      .values(staffIds.map((staffId) => ({ visit_id: id, staff_id: staffId })))
      .execute();
    return id;
  });
}

/**
 * A staff member of `role` with an account (passphrase "<username> passphrase"), written
 * straight into the core's staff table (no certificate or leave to set up) and given its
 * account through the dispatcher.
 */
export async function staffAccount(
  core: BridgedCore,
  staffNo: string,
  name: string,
  role: string,
  username: string,
) {
  const at = new Date().toISOString();
  const { id: staffId } = await core.app.write((tx) =>
    tx
      .insertInto('staff')
      .values({ staff_no: staffNo, name, role: role as Role, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  const passphrase = `${username} passphrase`;
  await ok(core.invoke('accounts:create', { staffId, username, passphrase, confirm: passphrase }));
  return { staffId, username, passphrase };
}

/**
 * The audit rows of one action in order, their before and after as values on either engine
 * (JSON text in SQLite, jsonb in PostgreSQL).
 */
export async function auditAfter(
  core: BridgedCore,
  action: string,
): Promise<{ before: unknown; after: unknown }[]> {
  const rows = await core.app.engine.db
    .selectFrom('audit_log')
    .select(['before', 'after'])
    .where('action', '=', action)
    .orderBy('id')
    .execute();
  const value = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
  return rows.map((r) => ({ before: value(r.before), after: value(r.after) }));
}
