import { describe, expect, it } from 'vitest';
import { buckets } from '../../../electron/shared/delinquency';
import { expectError, expectOk } from '../support/core';
import { casesCore, TODAY } from './support';

describe('the demo branch', () => {
  it('seeds about 400 borrowers in five townships, every bucket, a year of history, once', async () => {
    const core = await casesCore();
    const counts = expectOk(await core.invoke('cases:loadDemo', {}));
    expect(counts.borrowers).toBe(400);
    expect(counts.staff).toBe(7);
    const db = core.app.db;
    // What the story left is what the tables hold, and a newcomer's branch has some of each.
    const tableOf = {
      visits: 'visits',
      promises: 'promises',
      payments: 'payments',
      receipts: 'receipts',
      notices: 'print_log',
      plans: 'repayment_plans',
      complaints: 'complaints',
      closedMonths: 'month_closes',
      waivers: 'waivers',
    } as const;
    for (const [key, table] of Object.entries(tableOf)) {
      const { n } = db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
      expect(counts[key as keyof typeof tableOf], key).toBe(n);
      expect(n, key).toBeGreaterThan(0);
    }
    expect(counts.closedMonths).toBe(2);
    // One penalty waiver approved by the manager and the auditor, one interest waiver rejected
    // with its reason, one settlement with the manager's approval awaiting the auditor's.
    expect(
      db
        .prepare(
          `SELECT w.kind, w.status, a1.staff_no AS first, a2.staff_no AS second,
             length(w.close_reason) > 0 AS reasoned
           FROM waivers w LEFT JOIN staff a1 ON a1.id = w.approval1_by
           LEFT JOIN staff a2 ON a2.id = w.approval2_by ORDER BY w.kind`,
        )
        .all(),
    ).toEqual([
      { kind: 'interest', status: 'rejected', first: null, second: null, reasoned: 1 },
      { kind: 'penalty', status: 'approved', first: 'M001', second: 'D207', reasoned: 0 },
      { kind: 'settlement', status: 'first_approved', first: 'M001', second: null, reasoned: 0 },
    ]);

    for (const bucket of buckets) {
      const out = expectOk(await core.invoke('cases:list', { buckets: [bucket], pageSize: 1 }));
      expect(out.total, bucket).toBeGreaterThan(10);
    }
    const townships = db.prepare('SELECT DISTINCT township FROM borrowers ORDER BY township').all();
    expect(townships.length).toBe(5);
    // Real village names from the division data.
    expect(
      db.prepare("SELECT count(*) AS n FROM borrowers WHERE village NOT LIKE '%村'").get(),
    ).toEqual({ n: 0 });
    const months = db
      .prepare('SELECT count(DISTINCT as_of) AS n, min(as_of) AS first FROM loan_snapshots')
      .get() as {
      n: number;
      first: string;
    };
    expect(months.n).toBe(13);
    expect(months.first < '2025-12-01').toBe(true);
    const history = db
      .prepare(
        `SELECT (SELECT count(*) FROM contact_events) AS events, (SELECT count(*) FROM payments) AS payments,
                (SELECT count(*) FROM notes) AS notes, (SELECT count(*) FROM assessments) AS assessments,
                (SELECT count(*) FROM contact_events WHERE kind = 'visit') AS visits`,
      )
      .get() as Record<string, number>;
    for (const [what, n] of Object.entries(history)) expect(n, what).toBeGreaterThan(10);
    // Money taken on visits is booked only by visit records, each with its receipt: a paid-in-
    // full and a part payment in each of the two closed months, and the paid-in-full visit
    // among the current month's three (2026-11-25, 26 and 27 are working days before the 29th).
    expect(
      db
        .prepare(
          `SELECT count(*) AS n, count(r.id) AS receipts FROM payments p
           LEFT JOIN receipts r ON r.payment_id = p.id WHERE p.source = 'visit'`,
        )
        .get(),
    ).toEqual({ n: 5, receipts: 5 });
    expect(
      expectOk(await core.invoke('cases:list', { vulnerable: true, pageSize: 1 })).total,
    ).toBeGreaterThan(10);
    expect(
      expectOk(await core.invoke('cases:list', { statuses: ['disputed'], pageSize: 1 })).total,
    ).toBeGreaterThan(0);
    expect(
      expectOk(await core.invoke('cases:list', { brokenPromise: true, pageSize: 1 })).total,
    ).toBeGreaterThan(0);
    const officers = expectOk(await core.invoke('cases:officers', {}));
    expect(officers.filter((o) => o.role === 'officer').every((o) => o.cases > 50)).toBe(true);
    // Every contact event falls in daytime hours (local 09:00–19:59).
    const hours = db.prepare('SELECT at FROM contact_events').all() as { at: string }[];
    for (const { at } of hours) {
      const local = (new Date(at).getUTCHours() + 8) % 24;
      expect(local >= 9 && local < 20, at).toBe(true);
    }
    // The case page of an overdue demo borrower has a full story.
    const [worst] = expectOk(await core.invoke('cases:list', { pageSize: 1 })).rows;
    const page = expectOk(await core.invoke('cases:get', { borrowerId: worst!.id }));
    expect(page.asOf).toBe(TODAY);
    expect(page.timeline.length).toBeGreaterThan(5);

    const again = expectError(await core.invoke('cases:loadDemo', {}), 'CONFLICT');
    expect(again.fields).toEqual({ _: 'e.case.demoExists' });
    expect(db.prepare('SELECT count(*) AS n FROM borrowers').get()).toEqual({ n: 400 });
    expect(
      db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'case.loadDemo'").get(),
    ).toEqual({ n: 1 });
  });

  it('is deterministic for a seed and clock', async () => {
    const a = await casesCore();
    const b = await casesCore();
    expectOk(await a.invoke('cases:loadDemo', {}));
    expectOk(await b.invoke('cases:loadDemo', {}));
    const fingerprint = (core: typeof a) =>
      core.app.db
        .prepare(
          'SELECT name, id_number, village, total_overdue_fen, overdue_since FROM borrowers ORDER BY id',
        )
        .all();
    expect(fingerprint(a)).toEqual(fingerprint(b));
  });
});
