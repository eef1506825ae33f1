import { refreshBorrowerTotals } from '../../electron/core/cases/repo';
import { indexBorrower, nameSortKey } from '../../electron/core/cases/search';
import { pinyinTerms } from '../../electron/core/cases/search-tokens';
import { seedContactEvents, seedNotes, seedPayments, seedSnapshots } from './seed-history';
import { seedVisits } from './seed-visits';
import { seedVisitMoney } from './seed-cash';
import type { Scale } from './scale';
import {
  BRANCH_PLACE,
  Dice,
  chineseName,
  countyPlaces,
  loanNumber,
  randomSource,
  syntheticBorrower,
  syntheticLoan,
  type SyntheticBorrower,
  type SyntheticLoan,
  type Township,
} from './synth';
import { tableNames, type TwinWriter } from './twin';

/**
 * The synthetic branch's rows, written to both databases through a TwinWriter. The case
 * list's denormalised columns and the search index are written by the cases feature's own
 * functions (refreshBorrowerTotals, indexBorrower), so their meaning is the app's. Each step
 * runs only when its tables exist: a feature's tables are seeded from the first run after its
 * migration is registered (the cache key covers the migrations).
 */

export interface SeedSamples {
  /** The villages with most borrowers. */
  places: { township: string; village: string }[];
  names: string[];
  idTails: string[];
  phones: string[];
  pinyinInitials: string[];
  /** Overdue borrowers, for case pages. */
  caseBorrowerIds: number[];
  officerIds: number[];
  managerId: number;
}

export interface SeedRowsResult {
  counts: Record<string, number>;
  samples: SeedSamples;
  stepMs: Record<string, number>;
}

export interface SeededBorrower extends SyntheticBorrower {
  officer: number;
  vulnerable: boolean;
  closed: boolean;
  loans: number[];
  /** ISO timestamps maintained while history is generated ('' when none). */
  lastContact: string;
  lastVisit: string;
}

/** What the steps share: the generator, the facts already written, the counts. */
export interface SeedState {
  twin: TwinWriter;
  scale: Scale;
  asOf: string;
  /** created_at / updated_at of every seeded row. */
  at: string;
  dice: Dice;
  places: Township[];
  tables: Set<string>;
  managerId: number;
  officerIds: number[];
  borrowers: SeededBorrower[];
  loans: (SyntheticLoan & { borrower: number })[];
  counts: Record<string, number>;
}

function seedStaff(s: SeedState): void {
  const db = s.twin.dbs[0]!;
  const firstId = 1 + (db.prepare('SELECT max(id) AS n FROM staff').get() as { n: number }).n;
  const rows = Array.from({ length: s.scale.officers }, (_, i) => ({
    id: firstId + i,
    staff_no: `G${String(i + 1).padStart(3, '0')}`,
    name: chineseName(s.dice),
    role: 'officer',
    active: 1,
    created_at: s.at,
    updated_at: s.at,
  }));
  s.twin.insert('staff', rows);
  s.officerIds.push(...rows.map((r) => r.id));
  s.counts.officers = rows.length;
  if (s.tables.has('staff_certificates')) {
    s.twin.insert(
      'staff_certificates',
      [s.managerId, ...s.officerIds].map((id) => ({
        staff_id: id,
        kind: 'training',
        number: `PX-${id}`,
        issued_on: '2025-03-01',
        expires_on: '2028-02-29',
        created_at: s.at,
      })),
    );
  }
}

function seedBorrowers(s: SeedState): void {
  const seen = new Set<string>();
  // Officers serve townships: officer j works in township j mod T (two or three per township
  // at full scale); with fewer officers than townships, one officer covers several.
  const townships = s.places.length;
  const team = s.places.map((_, t) => {
    const mine = s.officerIds.filter((_id, j) => j % townships === t);
    return mine.length ? mine : [s.officerIds[t % s.officerIds.length] ?? s.managerId];
  });
  const officerFor = (township: number) => s.dice.pick(team[township]!);
  s.counts.borrowers = s.twin.stream('borrowers', s.scale.borrowers, (i) => {
    let b = syntheticBorrower(s.dice, s.places);
    while (seen.has(b.idNumber)) b = syntheticBorrower(s.dice, s.places);
    seen.add(b.idNumber);
    const status = s.dice.weighted([
      ['active', 92],
      ['disputed', 3],
      ['on_hold', 2],
      ['closed', 3],
    ] as const);
    const elderly = b.birthDate < '1956-01-01' && s.dice.chance(0.5);
    const ill = s.dice.chance(0.02);
    const officer = officerFor(s.places.indexOf(b.township));
    s.borrowers.push({
      ...b,
      officer,
      vulnerable: elderly || ill,
      closed: status === 'closed',
      loans: [],
      lastContact: '',
      lastVisit: '',
    });
    const household = s.dice.int(1, 7);
    return {
      id: i + 1,
      name: b.name,
      name_sort: nameSortKey(b.name),
      id_number: b.idNumber,
      birth_date: b.birthDate,
      sex: b.sex,
      mobile: b.mobile,
      province: BRANCH_PLACE.province,
      province_code: BRANCH_PLACE.provinceCode,
      city: BRANCH_PLACE.city,
      city_code: BRANCH_PLACE.cityCode,
      county: BRANCH_PLACE.county,
      county_code: BRANCH_PLACE.countyCode,
      township: b.township.name,
      township_code: b.township.code,
      village: b.village.name,
      village_code: b.village.code,
      address_detail: b.addressDetail,
      occupation: b.occupation,
      household_size: household,
      dependents: s.dice.int(0, household - 1),
      vulnerable_elderly: elderly ? 1 : 0,
      vulnerable_ill: ill ? 1 : 0,
      vulnerable_disabled: s.dice.chance(0.01) ? 1 : 0,
      vulnerable_disaster: s.dice.chance(0.01) ? 1 : 0,
      assigned_officer_id: officer,
      status,
      closed_at: status === 'closed' ? s.at : null,
      broken_promises: s.dice.chance(0.1) ? s.dice.int(1, 3) : 0,
      created_at: s.at,
      updated_at: s.at,
    };
  });
}

/** Every borrower has a loan; the rest go to random borrowers (some have two or three). */
function seedLoans(s: SeedState): void {
  s.counts.loans = s.twin.stream('loans', s.scale.loans, (i) => {
    const borrower = i < s.scale.borrowers ? i + 1 : s.dice.int(1, s.scale.borrowers);
    const facts = s.borrowers[borrower - 1]!;
    let loan = syntheticLoan(s.dice, s.asOf);
    if (facts.closed) {
      loan = {
        ...loan,
        outstandingFen: 0,
        overduePrincipalFen: 0,
        overdueInterestFen: 0,
        penaltyFen: 0,
        overdueSince: null,
      };
    }
    s.loans.push({ ...loan, borrower });
    facts.loans.push(i + 1);
    return {
      id: i + 1,
      loan_no: loanNumber(i + 1),
      borrower_id: borrower,
      product: loan.product,
      principal_fen: loan.principalFen,
      disbursed_on: loan.disbursedOn,
      maturity_on: loan.maturityOn,
      outstanding_principal_fen: loan.outstandingFen,
      overdue_principal_fen: loan.overduePrincipalFen,
      overdue_interest_fen: loan.overdueInterestFen,
      penalty_fen: loan.penaltyFen,
      overdue_since: loan.overdueSince,
      status: facts.closed ? 'settled' : 'active',
      as_of: s.asOf,
      created_at: s.at,
      updated_at: s.at,
    };
  });
}

/** The case list's columns and the search index, through the cases feature's functions. */
function finishBorrowers(s: SeedState): void {
  s.twin.each((db) => {
    const touch = db.prepare(
      'UPDATE borrowers SET last_contact_at = ?, last_visit_at = ? WHERE id = ?',
    );
    s.borrowers.forEach((b, i) => {
      const id = i + 1;
      refreshBorrowerTotals(db, id);
      const last = b.lastVisit > b.lastContact ? b.lastVisit : b.lastContact;
      touch.run(last || null, b.lastVisit || null, id);
      indexBorrower(db, id, {
        name: b.name,
        township: b.township.name,
        village: b.village.name,
        idNumber: b.idNumber,
        phones: [b.mobile],
        loanNos: b.loans.map(loanNumber),
      });
    });
  });
}

function pickSamples(s: SeedState): SeedSamples {
  const perVillage = new Map<string, number>();
  for (const b of s.borrowers) {
    const key = `${b.township.name}\t${b.village.name}`;
    perVillage.set(key, (perVillage.get(key) ?? 0) + 1);
  }
  const busiest = [...perVillage.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  const some = (count: number) =>
    Array.from({ length: count }, () => s.borrowers[s.dice.int(0, s.borrowers.length - 1)]!);
  const overdue = [...new Set(s.loans.filter((l) => l.overdueSince).map((l) => l.borrower))];
  return {
    places: busiest.map(([key]) => {
      const [township, village] = key.split('\t') as [string, string];
      return { township, village };
    }),
    names: some(20).map((b) => b.name),
    idTails: some(20).map((b) => b.idNumber.slice(-4)),
    phones: some(20).map((b) => b.mobile),
    pinyinInitials: some(20).map((b) => pinyinTerms(b.name).split(' ')[1] ?? ''),
    caseBorrowerIds: Array.from({ length: 20 }, () => s.dice.pick(overdue)),
    officerIds: s.officerIds,
    managerId: s.managerId,
  };
}

export function seedRows(twin: TwinWriter, scale: Scale, asOf: string, at: string): SeedRowsResult {
  const db = twin.dbs[0]!;
  const manager = db.prepare("SELECT id FROM staff WHERE role = 'manager'").get() as { id: number };
  const s: SeedState = {
    twin,
    scale,
    asOf,
    at,
    dice: new Dice(randomSource(20260630)),
    places: countyPlaces(),
    tables: tableNames(db),
    managerId: manager.id,
    officerIds: [],
    borrowers: [],
    loans: [],
    counts: {},
  };
  const steps: [string, readonly string[], (s: SeedState) => void][] = [
    ['staff', ['staff'], seedStaff],
    ['borrowers', ['borrowers'], seedBorrowers],
    ['loans', ['loans'], seedLoans],
    ['loan_snapshots', ['loan_snapshots'], seedSnapshots],
    ['payments', ['payments'], seedPayments],
    ['contact_events', ['contact_events'], seedContactEvents],
    ['notes', ['notes'], seedNotes],
    ['visits', ['visits', 'visit_staff', 'visit_loans'], seedVisits],
    [
      'visit money',
      ['visit_records', 'visit_record_staff', 'receipts', 'cash_handins', 'cash_handin_receipts'],
      seedVisitMoney,
    ],
    ['borrower totals and search', ['borrower_search'], finishBorrowers],
  ];
  const stepMs: Record<string, number> = {};
  for (const [name, needs, step] of steps) {
    if (!needs.every((t) => s.tables.has(t))) continue;
    const start = performance.now();
    step(s);
    stepMs[name] = Math.round(performance.now() - start);
  }
  return { counts: s.counts, stepMs, samples: pickSamples(s) };
}
