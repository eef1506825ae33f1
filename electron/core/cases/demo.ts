import type { Insertable, Kysely } from 'kysely';
import { bucketRanges, buckets, type Bucket } from '../../shared/delinquency';
import { ageOn, residentIdCheckChar } from '../../shared/idcard';
import { AppFailure } from '../../shared/result';
import type { Visitdesk } from '../app/visitdesk';
import type { z } from 'zod';
import type { demoOutput } from '../../shared/schemas/cases';
import type { Engine } from '../db/engine';
import type { DB } from '../db/schema';
import {
  DEMO_PLACE,
  DEMO_STAFF,
  DEMO_TEXT,
  FALLBACK_VILLAGES,
  GIVEN_CHARS,
  LIVELIHOODS,
  NOTE_TEXTS,
  OCCUPATIONS,
  PRODUCTS,
  RELATIONS,
  SURNAMES,
  prng,
  type Prng,
} from './demo-data';
import { makeStory, payments, snapshotDates, stateOn, tierOn, type LoanStory } from './demo-loans';
import { sceneLoan, writeScript, type Scene } from './demo-script';
import { playDemoStory } from './demo-story';
import type { CastMember } from './demo-visits';
import { addDays, dateIn, daysBetween } from '../../shared/dates';
import { createHolidayCalendar } from '../planning/holidays';
import { loadBranchOverrides } from '../planning/rules';
import { childDivisions, divisionName } from './divisions';
import { nameSortKey } from './search';
import { indexBorrowersPostgres, type SearchTokensDatabase } from './search-postgres';
import { searchColumns } from './search-tokens';
import { loadBranchTimeZone } from '../settings/branch-clock';

/**
 * The demo branch: about 400 fictitious borrowers in five townships of 青田县, loans in every
 * bucket, a year of monthly snapshots, payments, calls, texts, letters, notes and household
 * assessments, and seven staff. Then its recent past is played through the services
 * (demo-story.ts): certified officers, visits planned, announced and recorded with every
 * outcome, promises, receipts, an approved plan, two closed months, the coming weeks planned.
 * Deterministic for a given seed and clock, so screenshots and tests see the same branch.
 * Loads only into a database without case files, once (a meta row remembers it).
 */

export type DemoCounts = z.infer<typeof demoOutput>;

const META_KEY = 'demo.seededAt';

type Row<T extends keyof DB> = Insertable<DB[T]>;

/**
 * Bound values per multi-row INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535, so a
 * table of 5,000 rows goes in a few statements on either engine.
 */
const VALUES_PER_INSERT = 12_000;

/** Inserts `rows` in as few multi-row statements as the bound values allow, in their order. */
async function insertRows<T extends keyof DB & string>(
  tx: Kysely<DB>,
  table: T,
  rows: readonly Row<T>[],
): Promise<void> {
  if (!rows.length) return;
  const size = Math.max(1, Math.floor(VALUES_PER_INSERT / Object.keys(rows[0]!).length));
  for (let from = 0; from < rows.length; from += size) {
    await tx
      .insertInto(table)
      .values(rows.slice(from, from + size) as never)
      .execute();
  }
}

/**
 * Inserts `rows` as insertRows does and returns each row's new id in the rows' order, matched
 * by a key unique among them (the order RETURNING gives rows in is no engine's promise).
 */
async function insertReturningIds<T extends 'borrowers' | 'contacts' | 'loans'>(
  tx: Kysely<DB>,
  table: T,
  rows: readonly Row<T>[],
  key: keyof Row<T> & string,
): Promise<number[]> {
  const ids = new Map<unknown, number>();
  if (!rows.length) return [];
  const size = Math.max(1, Math.floor(VALUES_PER_INSERT / Object.keys(rows[0]!).length));
  for (let from = 0; from < rows.length; from += size) {
    const part = (await tx
      .insertInto(table as 'borrowers')
      .values(rows.slice(from, from + size) as never)
      .returning(['id', key as 'id_number'])
      .execute()) as unknown as Record<string, unknown>[];
    for (const r of part) ids.set(r[key], Number(r.id));
  }
  return rows.map((row) => {
    const id = ids.get((row as Record<string, unknown>)[key]);
    if (id === undefined) throw new Error(`internal: a demo ${table} row came back without its id`);
    return id;
  });
}

/** Local wall-clock time in China (UTC+8, no DST) on `date`, as an ISO instant. */
function chinaTime(date: string, hour: number, minute: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, hour - 8, minute)).toISOString();
}

function villagesOf(townshipCode: string): string[] {
  try {
    const names = childDivisions(townshipCode)
      .map((v) => v.name)
      .filter((n) => n.endsWith('村委会'))
      .map((n) => n.replace(/村委会$/, ''));
    return names.length ? names : FALLBACK_VILLAGES;
  } catch {
    return FALLBACK_VILLAGES;
  }
}

function pickBucket(r: Prng): Bucket {
  const x = r.next();
  if (x < 0.3) return 'M0';
  if (x < 0.52) return 'M1';
  if (x < 0.67) return 'M2';
  if (x < 0.78) return 'M3';
  return 'M4+';
}

function dpdIn(r: Prng, bucket: Bucket): number {
  const range = bucketRanges[bucket];
  return r.int(range.min, range.max ?? 400);
}

function residentId(r: Prng, used: Set<string>, birthDate: string, male: boolean): string {
  for (;;) {
    let seq = r.int(0, 99) * 10 + r.int(0, 4) * 2 + (male ? 1 : 0);
    seq = Math.min(seq, 999);
    const first17 = `${DEMO_PLACE.county.code}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
    const id = first17 + residentIdCheckChar(first17);
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

async function seedStaff(
  tx: Kysely<DB>,
  at: string,
): Promise<{ officers: number[]; clerk: number | null }> {
  const officers: number[] = [];
  let clerk: number | null = null;
  for (const s of DEMO_STAFF) {
    const taken = await tx
      .selectFrom('staff')
      .select('id')
      .where('staff_no', '=', s.staffNo)
      .executeTakeFirst();
    const id =
      taken?.id ??
      (
        await tx
          .insertInto('staff')
          .values({
            staff_no: s.staffNo,
            name: s.name,
            role: s.role,
            phone: `0578-65${s.staffNo.slice(1)}0`,
            active: 1,
            username: null,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    if (s.role === 'officer') officers.push(id);
    if (s.role === 'clerk') clerk = id;
  }
  return { officers, clerk };
}

interface BorrowerPlan {
  bucket: Bucket;
  dpd: number;
  officerId: number;
  hasSpouse: boolean;
}

/**
 * A borrower's case file as drawn, before it is written: the rows its borrower, contact and
 * loans own carry no ids yet (seedCases writes the borrowers, contacts and loans, then fills in
 * the ids of what refers to them).
 */
interface DraftLoan {
  row: Omit<Row<'loans'>, 'borrower_id'>;
  snapshots: Omit<Row<'loan_snapshots'>, 'loan_id'>[];
  payments: Omit<Row<'payments'>, 'loan_id' | 'borrower_id'>[];
}

interface Draft {
  row: Row<'borrowers'>;
  contact: Omit<Row<'contacts'>, 'borrower_id'> | null;
  loans: DraftLoan[];
  /** `toSpouse`: the call was to the contact (the spouse), whose id is not known yet. */
  events: (Omit<Row<'contact_events'>, 'borrower_id' | 'contact_id'> & { toSpouse: boolean })[];
  notes: Omit<Row<'notes'>, 'borrower_id'>[];
  assessments: Omit<Row<'assessments'>, 'borrower_id'>[];
  brokenPromises: number;
  scene: { scene: Scene; money: CastMember['money'] } | null;
}

/**
 * Calls, texts and letters from the day after the overdue date to today. Visits are not made
 * up here: they are planned and recorded through the services (demo-story.ts).
 */
function seedHistory(r: Prng, plan: BorrowerPlan, draft: Draft, today: string, at: string): void {
  if (plan.dpd === 0 && !r.chance(0.15)) return;
  const start = addDays(today, -Math.max(plan.dpd, 20) + 2);
  let day = start;
  let assessed = false;
  for (let n = 0; n < 18 && day < today; n++) {
    const x = r.next();
    // A long talk with the borrower at the branch: the household situation gets written down.
    const interview = plan.dpd > 30 && x < 0.15;
    const kind = interview || x < 0.7 ? 'call' : x < 0.9 ? 'sms' : 'letter';
    const outcome = interview
      ? 'reached'
      : kind === 'call'
        ? r.pick([
            'reached',
            'no_answer',
            'no_answer',
            'promised',
            'refused',
            'left_message',
          ] as const)
        : 'delivered';
    const when = chinaTime(day, r.int(9, 18), r.int(0, 59));
    draft.events.push({
      at: when,
      kind,
      direction: interview || (kind === 'call' && r.chance(0.15)) ? 'inbound' : 'outbound',
      staff_id: plan.officerId,
      toSpouse: kind === 'call' && plan.hasSpouse && r.chance(0.1),
      outcome,
      note: interview ? '借款人到网点面谈，介绍了家庭收支情况。' : '',
      created_at: at,
    });
    if (outcome === 'promised' && daysBetween(day, today) > 14 && plan.dpd > 0) {
      draft.brokenPromises += 1;
    }
    if (interview && !assessed) {
      assessed = true;
      seedAssessment(r, plan, draft, day, at);
    }
    if (r.chance(0.2)) {
      draft.notes.push({
        at: chinaTime(day, 19, r.int(0, 59)),
        staff_id: plan.officerId,
        text: r.pick(NOTE_TEXTS),
      });
    }
    day = addDays(day, r.int(6, 21));
  }
}

function seedAssessment(r: Prng, plan: BorrowerPlan, draft: Draft, day: string, at: string) {
  const income = r.int(15, 80) * 100_00;
  const expenses = Math.round(income * (0.5 + r.next() * 0.45));
  draft.assessments.push({
    assessed_on: day,
    staff_id: plan.officerId,
    income: r.pick(DEMO_TEXT.income),
    expenses: r.pick(DEMO_TEXT.expenses),
    assets: r.pick(DEMO_TEXT.assets),
    livelihood: r.pick(LIVELIHOODS),
    monthly_income_fen: income,
    monthly_expenses_fen: expenses,
    household_size: r.int(2, 6),
    capacity_fen: Math.max(0, Math.round((income - expenses) * 0.6)),
    hardship: JSON.stringify(
      r.chance(0.4) ? [r.pick(['illness', 'disaster', 'crop_failure', 'unemployment'])] : [],
    ),
    note: '',
    created_at: at,
  });
}

function seedLoans(
  r: Prng,
  plan: BorrowerPlan,
  draft: Draft,
  serial: () => string,
  today: string,
  at: string,
  sceneStory: LoanStory | null,
): void {
  // A scene's borrower has the one loan its story is about.
  const count = r.chance(0.2) && !sceneStory ? 2 : 1;
  for (let n = 0; n < count; n++) {
    const story = n === 0 && sceneStory ? sceneStory : makeStory(r, today, n === 0 ? plan.dpd : 0);
    const now = stateOn(story, today);
    const settled = now.outstandingPrincipalFen === 0 && now.overduePrincipalFen === 0;
    const loan: DraftLoan = {
      row: {
        loan_no: serial(),
        product: r.pick(PRODUCTS),
        principal_fen: story.principalFen,
        disbursed_on: story.disbursedOn,
        maturity_on: story.maturityOn,
        outstanding_principal_fen: now.outstandingPrincipalFen,
        overdue_principal_fen: now.overduePrincipalFen,
        overdue_interest_fen: now.overdueInterestFen,
        penalty_fen: now.penaltyFen,
        overdue_since: now.overdueSince,
        status: settled ? 'settled' : 'active',
        as_of: today,
        classification: tierOn(story, today),
        created_at: at,
        updated_at: at,
      },
      snapshots: [],
      payments: [],
    };
    draft.loans.push(loan);
    for (const date of snapshotDates(story, today)) {
      const s = stateOn(story, date);
      loan.snapshots.push({
        as_of: date,
        outstanding_principal_fen: s.outstandingPrincipalFen,
        overdue_principal_fen: s.overduePrincipalFen,
        overdue_interest_fen: s.overdueInterestFen,
        penalty_fen: s.penaltyFen,
        overdue_since: s.overdueSince,
        dpd: s.dpd,
        bucket: s.bucket,
        classification: tierOn(story, date),
        created_at: at,
      });
    }
    for (const p of payments(story, today)) {
      // Money taken on a visit is booked by the visit's record, with its receipt.
      if (p.atVisit) continue;
      const instalment = p.amountFen === story.instalmentFen && !p.cure;
      loan.payments.push({
        paid_on: p.paidOn,
        amount_fen: p.amountFen,
        source: 'import',
        method: instalment ? '银行代扣' : '银行转账',
        receipt_no: null,
        reference: '',
        recorded_by: null,
        created_at: at,
      });
    }
  }
}

/**
 * The borrower's list facts, as cases/repo.ts's refreshBorrowerTotals computes them from the
 * open loans (the oldest overdue date among loans owing overdue money, the overdue total, the
 * outstanding principal, the worst tier), the latest contact, and the case closed when no loan
 * is open.
 */
function finishDraft(draft: Draft, at: string): void {
  const open = draft.loans.map((l) => l.row).filter((l) => l.status === 'active');
  const owed = (l: Row<'loans'> | Omit<Row<'loans'>, 'borrower_id'>) =>
    (l.overdue_principal_fen ?? 0) + (l.overdue_interest_fen ?? 0) + (l.penalty_fen ?? 0);
  const overdueSince = open
    .filter((l) => owed(l) > 0 && l.overdue_since)
    .map((l) => l.overdue_since!)
    .sort()[0];
  const tiers = open.map((l) => l.classification).filter((t): t is number => typeof t === 'number');
  const lastContact = draft.events
    .map((e) => e.at)
    .sort()
    .at(-1);
  Object.assign(draft.row, {
    overdue_since: overdueSince ?? null,
    total_overdue_fen: open.reduce((sum, l) => sum + owed(l), 0),
    outstanding_fen: open.reduce((sum, l) => sum + (l.outstanding_principal_fen ?? 0), 0),
    classification: tiers.length ? Math.max(...tiers) : null,
    last_contact_at: lastContact ?? null,
    last_visit_at: null,
    broken_promises: draft.brokenPromises,
  });
  if (draft.row.status === 'active' && open.length === 0) {
    draft.row.status = 'closed';
    draft.row.closed_at = at;
  }
}

interface SeededCases {
  counts: Pick<DemoCounts, 'borrowers' | 'loans' | 'staff'>;
  today: string;
  cast: CastMember[];
  officers: number[];
  clerk: number | null;
}

const VULNERABLE_SCENES: readonly Scene['kind'][] = ['vulnerableHardship', 'vulnerablePromise'];

/**
 * The case files: borrowers, loans, snapshots, payments, calls and letters, staff. Every file
 * is drawn first, in the order the seed's numbers are drawn in, then written table by table in
 * multi-row statements in the loader's `tx`, in the same order (so the ids are the same too).
 */
async function seedCases(
  tx: Kysely<DB>,
  kind: Engine['kind'],
  options: { now: Date; seed: number; borrowers?: number },
): Promise<SeededCases> {
  const done = await tx
    .selectFrom('meta')
    .select('value')
    .where('key', '=', META_KEY)
    .executeTakeFirst();
  if (done)
    throw new AppFailure('CONFLICT', 'the demo branch is already loaded', {
      fields: { _: 'e.case.demoExists' },
    });
  const existing = await tx.selectFrom('borrowers').select('id').limit(1).executeTakeFirst();
  if (existing)
    throw new AppFailure('CONFLICT', 'case files exist', { fields: { _: 'e.case.notEmpty' } });

  const r = prng(options.seed);
  const at = options.now.toISOString();
  const today = dateIn(await loadBranchTimeZone(tx), options.now);
  const total = options.borrowers ?? 400;
  const calendar = createHolidayCalendar(await loadBranchOverrides(tx));
  const scenes = new Map(writeScript(calendar, today, total).map((s) => [s.index, s]));
  // The staff joined before the story begins (a year before the load).
  const { officers, clerk } = await seedStaff(tx, chinaTime(addDays(today, -365), 9, 0));
  const townships = DEMO_PLACE.townships.map((code) => ({
    code,
    name: divisionName(code) ?? code,
    villages: villagesOf(code),
  }));
  const used = new Set<string>();
  let serialNo = 0;
  const serial = () => `QT${today.slice(0, 4)}${String(++serialNo).padStart(6, '0')}`;
  const drafts: Draft[] = [];
  for (let i = 0; i < total; i++) {
    const t = i % townships.length;
    const township = townships[t]!;
    const scene = scenes.get(i) ?? null;
    const male = r.chance(0.62);
    // A scene's borrower is of working age, under 60 all this year (elderly borrowers are a
    // scene of their own, and 60 makes a borrower elderly by the ID alone).
    const year = Number(today.slice(0, 4));
    const birthYear = scene ? r.int(year - 59, year - 32) : r.int(1948, 2001);
    const birthDate = addDays(`${birthYear}-01-01`, r.int(0, 364));
    const idNumber = residentId(r, used, birthDate, male);
    const name =
      r.pick(SURNAMES) + r.pick(GIVEN_CHARS) + (r.chance(0.65) ? r.pick(GIVEN_CHARS) : '');
    // Earlier buckets first in the list, so every bucket appears even in a small demo.
    const bucket = i < buckets.length ? buckets[i]! : pickBucket(r);
    const story = scene ? sceneLoan(r, scene, today) : null;
    const dpd = story ? story.dpd : bucket === 'M0' ? 0 : dpdIn(r, bucket);
    const officerId = officers[t % Math.max(officers.length, 1)] ?? null;
    const elderly = ageOn(birthDate, today) >= 70 && r.chance(0.8) && !scene;
    const ill = scene ? VULNERABLE_SCENES.includes(scene.kind) : r.chance(0.03);
    const status = scene
      ? 'active'
      : dpd > 30 && r.chance(0.04)
        ? 'disputed'
        : dpd > 0 && r.chance(0.02)
          ? 'on_hold'
          : 'active';
    const draft: Draft = {
      row: {
        name,
        name_sort: nameSortKey(name),
        id_number: idNumber,
        birth_date: birthDate,
        sex: male ? 'M' : 'F',
        mobile: r.chance(0.95)
          ? `1${r.pick(['3', '5', '8', '9'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}`
          : null,
        province: DEMO_PLACE.province.name,
        province_code: DEMO_PLACE.province.code,
        city: DEMO_PLACE.city.name,
        city_code: DEMO_PLACE.city.code,
        county: DEMO_PLACE.county.name,
        county_code: DEMO_PLACE.county.code,
        township: township.name,
        township_code: township.code,
        village: r.pick(township.villages),
        address_detail: `${r.int(1, 120)}号`,
        occupation: r.pick(OCCUPATIONS),
        household_size: r.int(1, 7),
        dependents: r.int(0, 3),
        preferred_contact_times: r.pick(['', '晚饭后 18:30–20:00', '上午 9:00–11:00', '周末']),
        vulnerable_elderly: elderly ? 1 : 0,
        vulnerable_ill: ill ? 1 : 0,
        vulnerable_disabled: r.chance(0.02) && !scene ? 1 : 0,
        // The fourth township had a flood this year.
        vulnerable_disaster: r.chance(t === 3 ? 0.15 : 0.01) && !scene ? 1 : 0,
        vulnerability_notes: elderly
          ? '年逾七十，走访需经理批准。'
          : scene && ill
            ? '患慢性病长期服药，走访需经理批准。'
            : '',
        assigned_officer_id: officerId,
        status,
        created_at: at,
        updated_at: at,
      },
      contact: null,
      loans: [],
      events: [],
      notes: [],
      assessments: [],
      brokenPromises: 0,
      scene: scene && story ? { scene, money: story.money } : null,
    };
    if (r.chance(0.7)) {
      const consent = r.chance(0.4);
      draft.contact = {
        name: r.pick(SURNAMES) + r.pick(GIVEN_CHARS) + r.pick(GIVEN_CHARS),
        relation: r.chance(0.8) ? 'spouse' : r.pick(RELATIONS),
        phone: `1${r.pick(['3', '5', '8'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}`,
        is_guarantor: 0,
        consent_to_contact: consent ? 1 : 0,
        consent_recorded_at: consent ? at : null,
        created_at: at,
        updated_at: at,
      };
    }
    const plan = { bucket, dpd, officerId: officerId ?? 0, hasSpouse: draft.contact !== null };
    seedLoans(r, plan, draft, serial, today, at, story?.story ?? null);
    if (officerId !== null) seedHistory(r, plan, draft, today, at);
    finishDraft(draft, at);
    drafts.push(draft);
  }
  const cast = await writeDrafts(tx, kind, drafts);
  await tx.insertInto('meta').values({ key: META_KEY, value: at }).execute();
  return {
    counts: { borrowers: drafts.length, loans: serialNo, staff: DEMO_STAFF.length },
    today,
    cast,
    officers,
    clerk,
  };
}

/** Writes the drawn case files and their search entries; returns the story's cast. */
async function writeDrafts(
  tx: Kysely<DB>,
  kind: Engine['kind'],
  drafts: readonly Draft[],
): Promise<CastMember[]> {
  const borrowerIds = await insertReturningIds(
    tx,
    'borrowers',
    drafts.map((d) => d.row),
    'id_number',
  );
  const withContact = drafts.flatMap((d, i) => (d.contact ? [{ d, i }] : []));
  const contactIds = await insertReturningIds(
    tx,
    'contacts',
    withContact.map(({ d, i }) => ({ ...d.contact!, borrower_id: borrowerIds[i]! })),
    'borrower_id',
  );
  const spouseOf = new Map(withContact.map(({ i }, n) => [i, contactIds[n]!]));
  const loans = drafts.flatMap((d, i) => d.loans.map((loan) => ({ loan, i })));
  const loanIds = await insertReturningIds(
    tx,
    'loans',
    loans.map(({ loan, i }) => ({ ...loan.row, borrower_id: borrowerIds[i]! })),
    'loan_no',
  );
  await insertRows(
    tx,
    'loan_snapshots',
    loans.flatMap(({ loan }, n) => loan.snapshots.map((s) => ({ ...s, loan_id: loanIds[n]! }))),
  );
  await insertRows(
    tx,
    'payments',
    loans.flatMap(({ loan, i }, n) =>
      loan.payments.map((p) => ({ ...p, loan_id: loanIds[n]!, borrower_id: borrowerIds[i]! })),
    ),
  );
  await insertRows(
    tx,
    'contact_events',
    drafts.flatMap((d, i) =>
      d.events.map(({ toSpouse, ...e }) => ({
        ...e,
        borrower_id: borrowerIds[i]!,
        contact_id: toSpouse ? (spouseOf.get(i) ?? null) : null,
      })),
    ),
  );
  await insertRows(
    tx,
    'notes',
    drafts.flatMap((d, i) => d.notes.map((note) => ({ ...note, borrower_id: borrowerIds[i]! }))),
  );
  await insertRows(
    tx,
    'assessments',
    drafts.flatMap((d, i) => d.assessments.map((a) => ({ ...a, borrower_id: borrowerIds[i]! }))),
  );
  // The search entries from what was written (search.ts's reindexBorrower reads the same).
  const sources = drafts.map((d, i) => ({
    id: borrowerIds[i]!,
    source: {
      name: d.row.name,
      township: d.row.township ?? '',
      village: d.row.village ?? '',
      idNumber: d.row.id_number,
      phones: [d.row.mobile ?? null, ...(d.contact?.phone ? [d.contact.phone] : [])],
      loanNos: d.loans.map((l) => l.row.loan_no),
    },
  }));
  if (kind === 'postgres') {
    await indexBorrowersPostgres(tx as unknown as Kysely<SearchTokensDatabase>, sources);
  } else {
    await insertRows(
      tx,
      'borrower_search',
      sources.map((b) => ({ rowid: b.id, ...searchColumns(b.source) })),
    );
  }
  const cast: CastMember[] = [];
  for (const [i, d] of drafts.entries()) {
    if (!d.scene) continue;
    const first = loans.findIndex((l) => l.i === i);
    cast.push({ ...d.scene, borrowerId: borrowerIds[i]!, loanId: loanIds[first]! });
  }
  return cast;
}

/**
 * Seeds the demo branch and plays its story, as the signed-in manager, in the caller's write
 * `tx`, on either engine.
 */
async function seedDemo(
  app: Visitdesk,
  tx: Kysely<DB>,
  options: { now: Date; seed: number; borrowers?: number },
): Promise<DemoCounts> {
  const seeded = await seedCases(tx, app.engine.kind, options);
  await playDemoStory(app, tx, {
    now: options.now,
    today: seeded.today,
    calendar: createHolidayCalendar(await loadBranchOverrides(tx)),
    cast: seeded.cast,
    officers: seeded.officers,
    clerk: seeded.clerk,
  });
  return { ...seeded.counts, ...(await storyCounts(tx)) };
}

/** What the story left behind, counted from the tables it wrote (the database starts empty). */
async function storyCounts(
  tx: Kysely<DB>,
): Promise<Omit<DemoCounts, 'borrowers' | 'loans' | 'staff'>> {
  const rows = async (table: keyof DB & string) => {
    const row = await tx
      .selectFrom(table as 'visits')
      .select((e) => e.fn.countAll<number | string>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  };
  return {
    visits: await rows('visits'),
    promises: await rows('promises'),
    payments: await rows('payments'),
    receipts: await rows('receipts'),
    notices: await rows('print_log'),
    plans: await rows('repayment_plans'),
    complaints: await rows('complaints'),
    closedMonths: await rows('month_closes'),
    waivers: await rows('waivers'),
  };
}

/** The cases:loadDemo action: one write, one audit row. */
export function loadDemoBranch(app: Visitdesk): Promise<DemoCounts> {
  return app.write(async (tx) => {
    const counts = await seedDemo(app, tx, { now: app.now(), seed: 20261129 });
    await app.record(tx, { action: 'case.loadDemo', entity: 'borrower', after: counts });
    return counts;
  });
}
