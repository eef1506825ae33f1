import type { Insertable, Kysely } from 'kysely';
import { bucketRanges, buckets, type Bucket } from '../../shared/delinquency';
import { ageOn, residentIdCheckChar } from '../../shared/idcard';
import { AppFailure } from '../../shared/result';
import type { Visitdesk } from '../app/visitdesk';
import type { z } from 'zod';
import type { demoOutput } from '../../shared/schemas/cases';
import { first, qb, statement } from '../db/query';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';
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
import { branchOverrides } from '../planning/rules';
import { childDivisions, divisionName } from './divisions';
import { refreshBorrowerTotals } from './repo';
import { nameSortKey, reindexBorrower } from './search';
import { branchTimeZone } from '../settings/branch-clock';

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

/** Bulk inserts through cached prepared statements (column names come from this file only). */
function insert<T extends keyof DB>(db: Sqlite, table: T, row: Row<T>): number {
  const keys = Object.keys(row);
  const sql = `INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`;
  const values = keys.map((k) => (row as Record<string, unknown>)[k]);
  return Number(statement(db, sql).run(...values).lastInsertRowid);
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

function seedStaff(db: Sqlite, at: string): { officers: number[]; clerk: number | null } {
  const officers: number[] = [];
  let clerk: number | null = null;
  for (const s of DEMO_STAFF) {
    const taken = statement(db, 'SELECT id FROM staff WHERE staff_no = ?').get(s.staffNo) as
      { id: number } | undefined;
    const id =
      taken?.id ??
      insert(db, 'staff', {
        staff_no: s.staffNo,
        name: s.name,
        role: s.role,
        phone: `0578-65${s.staffNo.slice(1)}0`,
        active: 1,
        username: null,
        created_at: at,
        updated_at: at,
      });
    if (s.role === 'officer') officers.push(id);
    if (s.role === 'clerk') clerk = id;
  }
  return { officers, clerk };
}

interface BorrowerPlan {
  id: number;
  bucket: Bucket;
  dpd: number;
  officerId: number;
  spouseId: number | null;
}

/**
 * Calls, texts and letters from the day after the overdue date to today. Visits are not made
 * up here: they are planned and recorded through the services (demo-story.ts).
 */
function seedHistory(db: Sqlite, r: Prng, plan: BorrowerPlan, today: string, at: string): void {
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
    insert(db, 'contact_events', {
      borrower_id: plan.id,
      at: when,
      kind,
      direction: interview || (kind === 'call' && r.chance(0.15)) ? 'inbound' : 'outbound',
      staff_id: plan.officerId,
      contact_id: kind === 'call' && plan.spouseId !== null && r.chance(0.1) ? plan.spouseId : null,
      outcome,
      note: interview ? '借款人到网点面谈，介绍了家庭收支情况。' : '',
      created_at: at,
    });
    if (outcome === 'promised' && daysBetween(day, today) > 14 && plan.dpd > 0) {
      statement(db, 'UPDATE borrowers SET broken_promises = broken_promises + 1 WHERE id = ?').run(
        plan.id,
      );
    }
    if (interview && !assessed) {
      assessed = true;
      seedAssessment(db, r, plan, day, at);
    }
    if (r.chance(0.2)) {
      insert(db, 'notes', {
        borrower_id: plan.id,
        at: chinaTime(day, 19, r.int(0, 59)),
        staff_id: plan.officerId,
        text: r.pick(NOTE_TEXTS),
      });
    }
    day = addDays(day, r.int(6, 21));
  }
}

function seedAssessment(db: Sqlite, r: Prng, plan: BorrowerPlan, day: string, at: string) {
  const income = r.int(15, 80) * 100_00;
  const expenses = Math.round(income * (0.5 + r.next() * 0.45));
  insert(db, 'assessments', {
    borrower_id: plan.id,
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
  db: Sqlite,
  r: Prng,
  plan: BorrowerPlan,
  serial: () => string,
  today: string,
  at: string,
  sceneStory: LoanStory | null,
): number {
  // A scene's borrower has the one loan its story is about.
  const count = r.chance(0.2) && !sceneStory ? 2 : 1;
  let firstLoanId = 0;
  for (let n = 0; n < count; n++) {
    const story = n === 0 && sceneStory ? sceneStory : makeStory(r, today, n === 0 ? plan.dpd : 0);
    const now = stateOn(story, today);
    const settled = now.outstandingPrincipalFen === 0 && now.overduePrincipalFen === 0;
    const loanId = insert(db, 'loans', {
      loan_no: serial(),
      borrower_id: plan.id,
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
    });
    if (n === 0) firstLoanId = loanId;
    for (const date of snapshotDates(story, today)) {
      const s = stateOn(story, date);
      insert(db, 'loan_snapshots', {
        loan_id: loanId,
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
      insert(db, 'payments', {
        loan_id: loanId,
        borrower_id: plan.id,
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
  return firstLoanId;
}

interface SeededCases {
  counts: Pick<DemoCounts, 'borrowers' | 'loans' | 'staff'>;
  today: string;
  cast: CastMember[];
  officers: number[];
  clerk: number | null;
}

const VULNERABLE_SCENES: readonly Scene['kind'][] = ['vulnerableHardship', 'vulnerablePromise'];

/** The case files: borrowers, loans, snapshots, payments, calls and letters, staff. */
function seedCases(
  db: Sqlite,
  options: { now: Date; seed: number; borrowers?: number },
): SeededCases {
  const done = statement(db, 'SELECT value FROM meta WHERE key = ?').get(META_KEY);
  if (done)
    throw new AppFailure('CONFLICT', 'the demo branch is already loaded', {
      fields: { _: 'e.case.demoExists' },
    });
  const existing = (statement(db, 'SELECT count(*) AS n FROM borrowers').get() as { n: number }).n;
  if (existing > 0)
    throw new AppFailure('CONFLICT', 'case files exist', { fields: { _: 'e.case.notEmpty' } });

  const r = prng(options.seed);
  const at = options.now.toISOString();
  const today = dateIn(branchTimeZone(db), options.now);
  const total = options.borrowers ?? 400;
  const calendar = createHolidayCalendar(branchOverrides(db));
  const scenes = new Map(writeScript(calendar, today, total).map((s) => [s.index, s]));
  const cast: CastMember[] = [];
  // The staff joined before the story begins (a year before the load).
  const { officers, clerk } = seedStaff(db, chinaTime(addDays(today, -365), 9, 0));
  const townships = DEMO_PLACE.townships.map((code) => ({
    code,
    name: divisionName(code) ?? code,
    villages: villagesOf(code),
  }));
  const used = new Set<string>();
  let serialNo = 0;
  const serial = () => `QT${today.slice(0, 4)}${String(++serialNo).padStart(6, '0')}`;
  const ids: number[] = [];
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
    const id = insert(db, 'borrowers', {
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
    });
    ids.push(id);
    let spouseId: number | null = null;
    if (r.chance(0.7)) {
      const consent = r.chance(0.4);
      spouseId = insert(db, 'contacts', {
        borrower_id: id,
        name: r.pick(SURNAMES) + r.pick(GIVEN_CHARS) + r.pick(GIVEN_CHARS),
        relation: r.chance(0.8) ? 'spouse' : r.pick(RELATIONS),
        phone: `1${r.pick(['3', '5', '8'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}`,
        is_guarantor: 0,
        consent_to_contact: consent ? 1 : 0,
        consent_recorded_at: consent ? at : null,
        created_at: at,
        updated_at: at,
      });
    }
    const plan = { id, bucket, dpd, officerId: officerId ?? 0, spouseId };
    const loanId = seedLoans(db, r, plan, serial, today, at, story?.story ?? null);
    if (officerId !== null) seedHistory(db, r, plan, today, at);
    if (scene && story) cast.push({ scene, borrowerId: id, loanId, money: story.money });
  }
  statement(
    db,
    `UPDATE borrowers SET
       last_contact_at = (SELECT max(at) FROM contact_events e WHERE e.borrower_id = borrowers.id),
       last_visit_at = (SELECT max(at) FROM contact_events e
                        WHERE e.borrower_id = borrowers.id AND e.kind = 'visit')`,
  ).run();
  for (const id of ids) {
    refreshBorrowerTotals(db, id);
    reindexBorrower(db, id);
  }
  statement(
    db,
    `UPDATE borrowers SET status = 'closed', closed_at = ? WHERE status = 'active'
       AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.borrower_id = borrowers.id AND l.status = 'active')`,
  ).run(at);
  statement(db, 'INSERT INTO meta (key, value) VALUES (?, ?)').run(META_KEY, at);
  return {
    counts: { borrowers: ids.length, loans: serialNo, staff: DEMO_STAFF.length },
    today,
    cast,
    officers,
    clerk,
  };
}

/**
 * Seeds the demo branch and plays its story, as the signed-in manager, in the caller's write
 * `tx` (the case files on the same connection, synchronously).
 */
async function seedDemo(
  app: Visitdesk,
  tx: Kysely<DB>,
  options: { now: Date; seed: number; borrowers?: number },
): Promise<DemoCounts> {
  const seeded = seedCases(app.db, options);
  await playDemoStory(app, tx, {
    now: options.now,
    today: seeded.today,
    calendar: createHolidayCalendar(branchOverrides(app.db)),
    cast: seeded.cast,
    officers: seeded.officers,
    clerk: seeded.clerk,
  });
  return { ...seeded.counts, ...storyCounts(app.db) };
}

/** What the story left behind, counted from the tables it wrote (the database starts empty). */
function storyCounts(db: Sqlite): Omit<DemoCounts, 'borrowers' | 'loans' | 'staff'> {
  const rows = (table: keyof DB) =>
    Number(
      first(
        db,
        qb.selectFrom(table).select((e) => e.fn.countAll<number>().as('n')),
      )?.n ?? 0,
    );
  return {
    visits: rows('visits'),
    promises: rows('promises'),
    payments: rows('payments'),
    receipts: rows('receipts'),
    notices: rows('print_log'),
    plans: rows('repayment_plans'),
    complaints: rows('complaints'),
    closedMonths: rows('month_closes'),
    waivers: rows('waivers'),
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
