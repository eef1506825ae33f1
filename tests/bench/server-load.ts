import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Visitdesk } from '../../electron/core/app/visitdesk';
import { verifyChain } from '../../electron/core/audit/chain';
import type { DB } from '../../electron/core/db/schema';
import type { Invoke } from '../../electron/core/ipc/dispatch';
import { enrolWithServer, RemoteDesk } from '../../electron/core/remote/desk';
import { loadOrCreateServerCertificate } from '../../electron/core/server/certificate';
import { startBranchServer, type BranchServer } from '../../electron/core/server/http';
import { addDays } from '../../electron/shared/dates';
import type { Result } from '../../electron/shared/result';
import type { RecordVisitInput } from '../../electron/shared/schemas/records';
import { percentile } from './stats';
import { promiseOutcome, type OpenVisit } from './visit-outcome';

/**
 * The branch server under load (issue 20): desks calling one server at once with a mix of what
 * a branch's staff do all day (reads of the case list, the calendar and the worklist; planning
 * visits; recording visits with cash taken and a receipt given), each call timed at the desk,
 * and afterwards a check that nothing was lost: every answered write is in the database once,
 * the receipts of each series and year run without a gap, and the audit chain verifies.
 *
 * The same mix can be run in-process (the core's own `invoke`), so the ratio between the two is
 * what the network, TLS and the server's per-request work add under load.
 */

/** What a desk calls: RemoteDesk.invoke over HTTPS, or the core's dispatcher in-process. */
type CallFn = (channel: string, payload: unknown) => Promise<Result<unknown>>;

export const callKinds = [
  'cases:list',
  'planning:calendar',
  'planning:worklist',
  'plan',
  'record',
] as const;
export type CallKind = (typeof callKinds)[number];

/**
 * One round of 25 calls: 60% reads (8 case-list pages, 6 calendar weeks and 1 worklist, which
 * ranks every open case), 5 visits planned (20%) and 5 visits recorded with a payment (20%).
 */
const round: readonly CallKind[] = [
  'cases:list',
  'planning:calendar',
  'plan',
  'cases:list',
  'record',
  'planning:calendar',
  'cases:list',
  'plan',
  'record',
  'planning:calendar',
  'cases:list',
  'planning:worklist',
  'plan',
  'record',
  'cases:list',
  'planning:calendar',
  'plan',
  'cases:list',
  'record',
  'planning:calendar',
  'cases:list',
  'plan',
  'planning:calendar',
  'record',
  'cases:list',
];

/** The kind of a desk's i-th call. */
export const kindOf = (i: number): CallKind => round[i % round.length]!;

/** How many calls of each kind `calls` calls make. */
export function kindCounts(calls: number): Record<CallKind, number> {
  const counts = Object.fromEntries(callKinds.map((k) => [k, 0])) as Record<CallKind, number>;
  for (let i = 0; i < calls; i++) counts[kindOf(i)] += 1;
  return counts;
}

export interface LoadDesk {
  call: CallFn;
  /** The two staff this desk plans its visits for (its own officer and a partner). */
  staffIds: [number, number];
}

/** What the desks work on; each borrower planned for and each open visit recorded at most once. */
export interface LoadWork {
  /** The branch's today (a record is of a visit held earlier that day). */
  today: string;
  /** Borrowers to plan visits for, taken in order. */
  borrowerIds: readonly number[];
  /** Days to plan on, taken in order, `slotsPerDay` visits a day per desk. */
  planDates: readonly string[];
  /** Open visits with a loan and active staff, taken in order, each recorded with a payment. */
  openVisits: readonly OpenVisit[];
  /** Sample reads: cases:list and planning:calendar inputs, cycled. */
  caseListInputs: readonly unknown[];
  calendarInputs: readonly unknown[];
}

/** The visit hours a desk plans in, 45 minutes each. */
const slots = [
  ['08:30', '09:15'],
  ['09:30', '10:15'],
  ['10:30', '11:15'],
  ['13:30', '14:15'],
  ['14:30', '15:15'],
  ['15:30', '16:15'],
] as const;

export interface CallAnswer {
  desk: number;
  kind: CallKind;
  ms: number;
  /** ok, refused by a rule the branch set (a cap, a double booking), or failed. */
  outcome: 'ok' | 'refused' | 'failed';
  code?: string;
  /** A planned visit's id, or the visit a record was saved for. */
  visitId?: number;
  receiptNo?: string;
}

/** Codes a branch's rules answer with: a call refused this way lost nothing. */
const refusals = new Set(['RULE_VIOLATION', 'CONFLICT', 'NEEDS_APPROVAL']);

/** A record of `visit` with ¥100 (plus a fen per visit id, so amounts differ) taken in cash. */
export function paidOutcome(visit: OpenVisit, today: string): RecordVisitInput {
  const form = promiseOutcome(visit, today);
  return {
    ...form,
    outcome: 'partial_payment',
    borrowerWords: '今天先还一百元现金，其余月底前还清。',
    promise: undefined,
    payment: { loanId: visit.loanId, amountFen: 10_000 + (visit.id % 100), method: 'cash' },
  };
}

export interface LoadOptions {
  desks: readonly LoadDesk[];
  work: LoadWork;
  /** Calls per desk. */
  calls: number;
  /** The whole load must end within this; a desk still calling then stops, and the load fails. */
  deadlineMs: number;
}

export interface LoadRun {
  answers: CallAnswer[];
  wallMs: number;
  /** Calls not made because the deadline passed. */
  notMade: number;
}

/**
 * Runs `calls` calls on every desk at once, each desk one call after another as a person works.
 * The borrowers and open visits are shared out in the order the desks ask for them, so no two
 * calls plan for one borrower or record one visit.
 */
export async function runLoad(options: LoadOptions): Promise<LoadRun> {
  const { work, calls } = options;
  const needs = kindCounts(calls);
  const desks = options.desks.length;
  if (work.openVisits.length < needs.record * desks) {
    throw new Error(
      `${needs.record * desks} records need as many open visits; there are ${work.openVisits.length}`,
    );
  }
  if (work.planDates.length * slots.length < needs.plan) {
    throw new Error(`${needs.plan} plans a desk need ${Math.ceil(needs.plan / slots.length)} days`);
  }
  let nextBorrower = 0;
  let nextVisit = 0;
  const answers: CallAnswer[] = [];
  const started = performance.now();
  const deadline = started + options.deadlineMs;
  let notMade = 0;

  const deskLoop = async (desk: LoadDesk, d: number) => {
    let plans = 0;
    for (let i = 0; i < calls; i++) {
      if (performance.now() > deadline) {
        notMade += calls - i;
        return;
      }
      const kind = kindOf(i);
      let channel: string;
      let payload: unknown;
      let visitId: number | undefined;
      if (kind === 'cases:list') {
        channel = kind;
        payload = work.caseListInputs[(i + d) % work.caseListInputs.length];
      } else if (kind === 'planning:calendar') {
        channel = kind;
        payload = work.calendarInputs[(i + d) % work.calendarInputs.length];
      } else if (kind === 'planning:worklist') {
        channel = kind;
        payload = { limit: 50 };
      } else if (kind === 'plan') {
        channel = 'planning:planVisit';
        const [start, end] = slots[plans % slots.length]!;
        payload = {
          borrowerId: work.borrowerIds[nextBorrower++ % work.borrowerIds.length],
          staffIds: desk.staffIds,
          date: work.planDates[Math.floor(plans / slots.length)],
          start,
          end,
          purpose: 'reminder',
          note: `load desk ${d + 1}`,
        };
        plans += 1;
      } else {
        channel = 'records:record';
        const visit = work.openVisits[nextVisit++]!;
        visitId = visit.id;
        payload = paidOutcome(visit, work.today);
      }
      const t0 = performance.now();
      let result: Result<unknown>;
      try {
        result = await desk.call(channel, payload);
      } catch (error) {
        result = {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: error instanceof Error ? error.message : String(error),
          },
        };
      }
      const ms = performance.now() - t0;
      const answer: CallAnswer = { desk: d, kind, ms, outcome: 'ok' };
      if (!result.ok) {
        answer.outcome =
          refusals.has(result.error.code) && (kind === 'plan' || kind === 'record')
            ? 'refused'
            : 'failed';
        // A rule's refusal names the rules (the first is enough to tell them apart).
        const rule = (result.error.details as { violations?: { code: string }[] } | undefined)
          ?.violations?.[0]?.code;
        answer.code = rule ? `${result.error.code} ${rule}` : result.error.code;
      } else if (kind === 'plan') {
        answer.visitId = (result.data as { id: number }).id;
      } else if (kind === 'record') {
        const saved = result.data as {
          effective: { visitId: number; receipt?: { receiptNo: string } | null };
        };
        answer.visitId = saved.effective.visitId;
        if (saved.effective.visitId !== visitId) answer.outcome = 'failed';
        answer.receiptNo = saved.effective.receipt?.receiptNo;
      }
      answers.push(answer);
    }
  };
  await Promise.all(options.desks.map((desk, d) => deskLoop(desk, d)));
  return { answers, wallMs: performance.now() - started, notMade };
}

// ---- figures --------------------------------------------------------------------------------

export interface KindFigures {
  kind: CallKind;
  calls: number;
  ok: number;
  refused: number;
  failed: number;
  p50_ms: number;
  p95_ms: number;
}

export function figuresOf(run: LoadRun): {
  kinds: KindFigures[];
  calls: number;
  callsPerS: number;
} {
  const kinds = callKinds.flatMap((kind) => {
    const of = run.answers.filter((a) => a.kind === kind);
    if (of.length === 0) return [];
    const ms = of.map((a) => a.ms);
    return [
      {
        kind,
        calls: of.length,
        ok: of.filter((a) => a.outcome === 'ok').length,
        refused: of.filter((a) => a.outcome === 'refused').length,
        failed: of.filter((a) => a.outcome === 'failed').length,
        p50_ms: percentile(ms, 50),
        p95_ms: percentile(ms, 95),
      },
    ];
  });
  return {
    kinds,
    calls: run.answers.length,
    callsPerS: (run.answers.length * 1000) / run.wallMs,
  };
}

export function formatFigures(title: string, run: LoadRun): string {
  const f = figuresOf(run);
  const lines = [
    `${title}: ${f.calls} calls in ${(run.wallMs / 1000).toFixed(1)} s, ${f.callsPerS.toFixed(1)} calls/s`,
    '  kind               calls     ok  refused  failed   p50 ms   p95 ms',
  ];
  for (const k of f.kinds) {
    lines.push(
      `  ${k.kind.padEnd(18)}${String(k.calls).padStart(6)}${String(k.ok).padStart(7)}${String(k.refused).padStart(9)}${String(k.failed).padStart(8)}${k.p50_ms.toFixed(1).padStart(9)}${k.p95_ms.toFixed(1).padStart(9)}`,
    );
  }
  const codes = new Map<string, number>();
  for (const a of run.answers)
    if (a.code) codes.set(`${a.kind} ${a.code}`, (codes.get(`${a.kind} ${a.code}`) ?? 0) + 1);
  if (codes.size) lines.push(`  not ok: ${[...codes].map(([c, n]) => `${c} ×${n}`).join(', ')}`);
  return lines.join('\n');
}

// ---- nothing lost ----------------------------------------------------------------------------

export interface Tally {
  visits: number;
  records: number;
  payments: number;
  receipts: number;
  auditRows: number;
  /** The highest receipt number of each series and year ("QS001 2026"), before or after. */
  receiptTops: Record<string, number>;
}

type Counted = Exclude<keyof Tally, 'receiptTops'>;

/**
 * The receipts of one series and year issued since the count before the load (the branch's
 * earlier receipts are history, imported or seeded, and not this check's to judge).
 */
export interface ReceiptSeries {
  branchCode: string;
  year: number;
  /** The series' highest number before the load (0 for a series the load began). */
  from: number;
  /** The numbers issued since, ascending. */
  seqs: number[];
  /** receipt_sequences.last_seq for the series (null when it has no row). */
  lastSeq: number | null;
}

/** What the database holds after the load, read for `lossFindings`. */
export interface Observed {
  before: Tally;
  after: Tally;
  /** Planned visits (ids) found in the database among those answered. */
  plannedFound: number;
  /** Visits answered as recorded that have exactly one record. */
  recordedOnce: number;
  /** Receipt numbers answered that are in the receipts table. */
  receiptsFound: number;
  series: ReceiptSeries[];
  chain: { ok: boolean; firstBadId: number | null };
}

/**
 * What was lost, in words; empty when nothing was. Each answered plan is a visit, each answered
 * record is a record with its payment and receipt, the counts grew by exactly that much, no
 * receipt series has a gap or runs past its sequence row, and the audit chain verifies.
 */
export function lossFindings(answers: readonly CallAnswer[], seen: Observed): string[] {
  const ok = answers.filter((a) => a.outcome === 'ok');
  const plans = ok.filter((a) => a.kind === 'plan');
  const records = ok.filter((a) => a.kind === 'record');
  const receiptNos = records.flatMap((a) => (a.receiptNo ? [a.receiptNo] : []));
  const findings: string[] = [];
  const grew = (what: Counted) => seen.after[what] - seen.before[what];
  const expect = (what: Counted, n: number) => {
    if (grew(what) !== n) findings.push(`${what}: ${n} answered, the table grew by ${grew(what)}`);
  };
  expect('visits', plans.length);
  expect('records', records.length);
  expect('payments', receiptNos.length);
  expect('receipts', receiptNos.length);
  if (receiptNos.length !== records.length) {
    findings.push(`${records.length} payments recorded, ${receiptNos.length} receipts answered`);
  }
  if (new Set(receiptNos).size !== receiptNos.length)
    findings.push('a receipt number was answered twice');
  if (seen.plannedFound !== plans.length) {
    findings.push(`${plans.length} visits answered as planned, ${seen.plannedFound} found`);
  }
  if (seen.recordedOnce !== records.length) {
    findings.push(
      `${records.length} visits answered as recorded, ${seen.recordedOnce} recorded once`,
    );
  }
  if (seen.receiptsFound !== receiptNos.length) {
    findings.push(`${receiptNos.length} receipts answered, ${seen.receiptsFound} found`);
  }
  // Every write is audited: at least one row for each answered plan and record.
  if (grew('auditRows') < plans.length + records.length) {
    findings.push(
      `${plans.length + records.length} writes answered, ${grew('auditRows')} audit rows added`,
    );
  }
  for (const s of seen.series) {
    const gap = s.seqs.findIndex((seq, i) => seq !== s.from + i + 1);
    if (gap >= 0) {
      findings.push(
        `receipts ${s.branchCode} ${s.year}: number ${s.from + gap + 1} is missing or doubled (found ${s.seqs[gap]})`,
      );
    }
    if (s.lastSeq !== s.from + s.seqs.length) {
      findings.push(
        `receipts ${s.branchCode} ${s.year}: ${s.from + 1} to ${s.from + s.seqs.length} issued, the sequence row says ${s.lastSeq}`,
      );
    }
  }
  const issued = seen.series.reduce((n, s) => n + s.seqs.length, 0);
  if (issued !== receiptNos.length) {
    findings.push(`${receiptNos.length} receipts answered, ${issued} numbers issued since`);
  }
  if (!seen.chain.ok) findings.push(`the audit chain breaks at row ${seen.chain.firstBadId}`);
  return findings;
}

const countOf = async (
  db: Kysely<DB>,
  table: 'visits' | 'visit_records' | 'payments' | 'receipts' | 'audit_log',
) =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

export async function tally(db: Kysely<DB>): Promise<Tally> {
  return {
    visits: await countOf(db, 'visits'),
    records: await countOf(db, 'visit_records'),
    payments: await countOf(db, 'payments'),
    receipts: await countOf(db, 'receipts'),
    auditRows: await countOf(db, 'audit_log'),
    receiptTops: Object.fromEntries(
      (
        await db
          .selectFrom('receipts')
          .select(['branch_code', 'year', (eb) => eb.fn.max('seq').as('top')])
          .groupBy(['branch_code', 'year'])
          .execute()
      ).map((r) => [`${r.branch_code} ${r.year}`, Number(r.top)]),
    ),
  };
}

/** Reads back what the answers say was written, after the load. */
export async function observe(
  app: Visitdesk,
  answers: readonly CallAnswer[],
  before: Tally,
): Promise<Observed> {
  const db = app.engine.db;
  const ok = answers.filter((a) => a.outcome === 'ok');
  const planned = ok.filter((a) => a.kind === 'plan').map((a) => a.visitId!);
  const recorded = ok.filter((a) => a.kind === 'record').map((a) => a.visitId!);
  const receiptNos = ok.flatMap((a) => (a.receiptNo ? [a.receiptNo] : []));
  const chunks = <T>(items: readonly T[]) =>
    Array.from({ length: Math.ceil(items.length / 500) }, (_v, i) =>
      items.slice(i * 500, i * 500 + 500),
    );
  let plannedFound = 0;
  for (const ids of chunks(planned)) {
    plannedFound += (await db.selectFrom('visits').select('id').where('id', 'in', ids).execute())
      .length;
  }
  let recordedOnce = 0;
  for (const ids of chunks(recorded)) {
    const rows = await db
      .selectFrom('visit_records')
      .select(['visit_id', (eb) => eb.fn.countAll().as('n')])
      .where('visit_id', 'in', ids)
      .groupBy('visit_id')
      .execute();
    recordedOnce += rows.filter((r) => Number(r.n) === 1).length;
  }
  let receiptsFound = 0;
  for (const nos of chunks(receiptNos)) {
    receiptsFound += (
      await db.selectFrom('receipts').select('id').where('receipt_no', 'in', nos).execute()
    ).length;
  }
  // Every series and year with numbers above its top before the load.
  const series: ReceiptSeries[] = [];
  const after = await tally(db);
  for (const key of Object.keys(after.receiptTops).sort()) {
    const [branchCode, year] = [key.split(' ')[0]!, Number(key.split(' ')[1])];
    const from = before.receiptTops[key] ?? 0;
    if (after.receiptTops[key]! <= from) continue;
    const rows = await db
      .selectFrom('receipts')
      .select('seq')
      .where('branch_code', '=', branchCode)
      .where('year', '=', year)
      .where('seq', '>', from)
      .orderBy('seq')
      .execute();
    const row = await db
      .selectFrom('receipt_sequences')
      .select('last_seq')
      .where('branch_code', '=', branchCode)
      .where('year', '=', year)
      .executeTakeFirst();
    series.push({
      branchCode,
      year,
      from,
      seqs: rows.map((r) => r.seq),
      lastSeq: row ? Number(row.last_seq) : null,
    });
  }
  const chain = await verifyChain(db, app.engine.kind);
  return {
    before,
    after,
    plannedFound,
    recordedOnce,
    receiptsFound,
    series,
    chain: { ok: chain.ok, firstBadId: chain.firstBadId },
  };
}

// ---- the server and its desks ----------------------------------------------------------------

export interface ServedBranch {
  server: BranchServer;
  /** Enrols a desk with a code the manager made just now, and signs `account` in on it. */
  desk: (name: string, account: { username: string; passphrase: string }) => Promise<RemoteDesk>;
  close: () => Promise<void>;
}

/** `core` (its manager signed in, as `serve` opens it) behind HTTPS on loopback. */
export async function serveOnLoopback(core: {
  app: Visitdesk;
  invoke: Invoke;
}): Promise<ServedBranch> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'visitdesk-server-load-'));
  const certificate = await loadOrCreateServerCertificate(dir, core.app.now());
  const server = await startBranchServer({ app: core.app, invoke: core.invoke, certificate });
  const desks: RemoteDesk[] = [];
  return {
    server,
    async desk(name, account) {
      const code = await core.invoke('desks:createCode', {});
      if (!code.ok) throw new Error(`desks:createCode: ${code.error.code}`);
      const desk = new RemoteDesk(
        await enrolWithServer({
          address: server.url,
          fingerprint: certificate.fingerprint,
          code: (code.data as { code: string }).code,
          name,
        }),
      );
      desks.push(desk);
      const signedIn = await desk.invoke('auth:signIn', account);
      if (!signedIn.ok) throw new Error(`${account.username} at ${name}: ${signedIn.error.code}`);
      return desk;
    },
    async close() {
      for (const desk of desks) desk.close();
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Monday to Friday from the day after `today`, `count` of them. */
export function workingDaysAfter(today: string, count: number): string[] {
  const days: string[] = [];
  for (let day = addDays(today, 1); days.length < count; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(day);
  }
  return days;
}

/**
 * Open visits (planned or notified, not recorded) with a loan and two active staff: what the
 * load records, as held earlier on the branch's today (as the "record a visit" case does; the
 * record's checks of the plan are saved with it either way). Read on the app's engine.
 */
export async function openVisits(db: Kysely<DB>, limit: number): Promise<OpenVisit[]> {
  const visits = await db
    .selectFrom('visits as v')
    .select(['v.id', 'v.borrower_id as borrowerId'])
    .where('v.status', 'in', ['planned', 'notified'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('visit_records as r').select('r.id').whereRef('r.visit_id', '=', 'v.id'),
        ),
      ),
    )
    .where((eb) =>
      eb.exists(
        eb.selectFrom('visit_loans as l').select('l.loan_id').whereRef('l.visit_id', '=', 'v.id'),
      ),
    )
    .orderBy('v.id', 'desc')
    .limit(limit * 2)
    .execute();
  const out: OpenVisit[] = [];
  for (const v of visits) {
    if (out.length === limit) break;
    const staff = await db
      .selectFrom('visit_staff as vs')
      .innerJoin('staff as s', 's.id', 'vs.staff_id')
      .select('vs.staff_id')
      .where('vs.visit_id', '=', v.id)
      .where('s.active', '=', 1)
      .orderBy('vs.staff_id')
      .execute();
    if (staff.length < 2) continue;
    const loan = await db
      .selectFrom('visit_loans')
      .select('loan_id')
      .where('visit_id', '=', v.id)
      .orderBy('loan_id')
      .executeTakeFirstOrThrow();
    out.push({
      id: v.id,
      borrowerId: v.borrowerId,
      loanId: loan.loan_id,
      staffIds: staff.map((s) => s.staff_id),
    });
  }
  return out;
}
