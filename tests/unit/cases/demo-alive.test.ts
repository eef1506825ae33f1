import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectError, expectOk, signedInCore, switchTo } from '../support/core';
import type { Core } from './support';

/**
 * The demo branch is a branch one can work in: loaded at a fixed clock, checked through the
 * channels as the manager and as an officer. Every expected figure below is counted by hand
 * from the demo's script (electron/core/cases/demo-script.ts): each of the two closed months
 * holds the same thirteen visits —
 *
 *   promise kept · promise broken · promise partly kept · paid in full (receipt) · refused ·
 *   plan proposed (approved the next working day) · nobody at home · part payment (receipt) ·
 *   hardship (spouse met) · cancelled the day before · disputes · moved (older month) or
 *   deceased (last month), family met · an ill borrower, approved by the manager: hardship
 *   (older month) or a promise due ten days after the load (last month)
 *
 * so a closed month has 13 visits planned, 1 cancelled, 12 carried out, 11 done (someone met),
 * 1 not done, 9 with the borrower met, 3 promises made in the older month and 4 in the last,
 * 3 promises falling due in the month of which 1 kept, 1 plan approved, a branch target of
 * ¥80,000; the last month also has one penalty waiver approved (demo-waivers.ts). The coming
 * weeks hold 14 ordinary visits and 2 for ill or elderly borrowers.
 */

interface Clock {
  label: string;
  now: string;
  today: string;
  closed: [older: string, last: string];
  /** The last month's close: its first working day, 09:00 in China. */
  lastClosedAt: string;
  /** Working days of the current month before today, at most three (each gets a visit). */
  recentVisits: number;
  /** Two working days at least three days ahead with no demo visit after 17:00. */
  planOn: string;
  /** A day the officer D203 is on leave (load day + 2 … + 6). */
  leaveDay: string;
  /** A working day after D205's certificate runs out (load day + 20). */
  afterExpiry: string;
}

const clocks: Clock[] = [
  {
    label: 'a Sunday morning in late November',
    now: '2026-11-29T02:00:00.000Z',
    today: '2026-11-29',
    closed: ['2026-09', '2026-10'],
    lastClosedAt: '2026-11-02T01:00:00.000Z',
    recentVisits: 3,
    planOn: '2026-12-07',
    leaveDay: '2026-12-02',
    afterExpiry: '2026-12-21',
  },
  {
    label: 'a Tuesday in March',
    now: '2027-03-16T03:15:00.000Z',
    today: '2027-03-16',
    closed: ['2027-01', '2027-02'],
    lastClosedAt: '2027-03-01T01:00:00.000Z',
    recentVisits: 3,
    planOn: '2027-03-24',
    leaveDay: '2027-03-19',
    afterExpiry: '2027-04-07',
  },
  {
    label: '23:30 UTC in December (07:30 the next morning in China)',
    now: '2026-12-15T23:30:00.000Z',
    today: '2026-12-16',
    closed: ['2026-10', '2026-11'],
    lastClosedAt: '2026-12-01T01:00:00.000Z',
    recentVisits: 3,
    planOn: '2026-12-23',
    leaveDay: '2026-12-19',
    afterExpiry: '2027-01-07',
  },
];

async function loadAt(clock: Clock) {
  const core = await signedInCore({ now: () => new Date(clock.now) });
  expectOk(await core.invoke('cases:loadDemo', {}));
  const staff = expectOk(await core.invoke('staff:list', {}));
  const byNo = (no: string) => staff.find((s) => s.staffNo === no)!;
  return { core, staff, byNo };
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** An active overdue borrower of the worklist, not vulnerable, with no visit near `date`. */
async function unvisitedBorrower(core: Core, today: string, skip: number[] = []) {
  const rows = expectOk(await core.invoke('planning:worklist', { limit: 200 }));
  const calendar = expectOk(
    await core.invoke('planning:calendar', { from: addDays(today, -31), to: addDays(today, 31) }),
  );
  const visited = new Set(calendar.visits.map((v) => v.borrowerId));
  const row = rows.find(
    (r) =>
      r.vulnerable.length === 0 &&
      r.hold === null &&
      r.overdueFen > 0 &&
      !visited.has(r.borrowerId) &&
      !skip.includes(r.borrowerId),
  );
  if (!row) throw new Error('no unvisited overdue borrower on the worklist');
  return row.borrowerId;
}

function violationCodes(error: { details?: Record<string, unknown> }): string[] {
  const violations = (error.details?.violations ?? []) as { code: string }[];
  return violations.map((v) => v.code);
}

describe.each(clocks)('the demo branch loaded on $label', (clock) => {
  it('closes its two past months with real, frozen figures', async () => {
    const { core } = await loadAt(clock);
    for (const [n, month] of clock.closed.entries()) {
      const summary = expectOk(await core.invoke('reports:summary', { month }));
      expect(summary.frozen, month).toBe(true);
      expect(summary.close?.closedBy.staffNo).toBe('M001');
      const b = summary.figures.branch;
      expect(
        [
          b.visitsPlanned,
          b.visitsCancelled,
          b.visitsCarriedOut,
          b.visitsDone,
          b.visitsNotDone,
          b.contacts,
          b.rightPartyContacts,
        ],
        month,
      ).toEqual([13, 1, 12, 11, 1, 11, 9]);
      expect([b.promisesMade, b.promisesDue, b.promisesKept, b.plansApproved], month).toEqual([
        n === 0 ? 3 : 4,
        3,
        1,
        1,
      ]);
      expect(b.targetFen).toBe(8_000_000);
      // Last month's flood-hit household had its penalty waived, approved on the next working
      // day by the manager and the auditor; the rejected interest waiver and the settlement
      // still awaiting the auditor count in no month.
      expect(
        [b.waiversApproved, b.penaltyWaivers, b.interestWaivers, b.settlementsApproved],
        month,
      ).toEqual(n === 0 ? [0, 0, 0, 0] : [1, 1, 0, 0]);
      const penalty = core.app.db
        .prepare(
          `SELECT coalesce(sum(waived_fen), 0) AS fen FROM waivers
           WHERE kind = 'penalty' AND status = 'approved' AND approved_on LIKE ?`,
        )
        .get(`${month}-%`) as { fen: number };
      expect([b.waivedFen, b.penaltyWaivedFen], month).toEqual([penalty.fen, penalty.fen]);
      if (n === 1) expect(penalty.fen).toBeGreaterThan(0);
      expect(b.collectedFen, month).toBeGreaterThan(0);
      expect(b.promisedFen, month).toBeGreaterThan(0);
      // Every officer went out that month.
      expect(summary.figures.officers.length).toBe(5);
    }
    const last = expectOk(await core.invoke('reports:summary', { month: clock.closed[1] }));
    expect(last.close?.closedAt).toBe(clock.lastClosedAt);

    // A close as reports does it: the stored JSON hashes to the stored hash, and the anchor is
    // the hash of an audit row written before the close.
    const rows = core.app.db
      .prepare(
        'SELECT month, figures_json, figures_sha256, audit_head, closed_at FROM month_closes',
      )
      .all() as {
      month: string;
      figures_json: string;
      figures_sha256: string;
      audit_head: string;
      closed_at: string;
    }[];
    expect(rows.map((r) => r.month)).toEqual(clock.closed);
    for (const row of rows) {
      expect(crypto.createHash('sha256').update(row.figures_json).digest('hex')).toBe(
        row.figures_sha256,
      );
      const anchor = core.app.db
        .prepare('SELECT at FROM audit_log WHERE hash = ?')
        .get(row.audit_head) as { at: string } | undefined;
      expect(anchor, row.month).toBeDefined();
      expect(anchor!.at <= row.closed_at).toBe(true);
    }
    const verified = expectOk(
      await core.invoke('audit:verify', { anchors: rows.map((r) => r.audit_head) }),
    );
    expect(verified.ok).toBe(true);
    expect(verified.anchors.every((a) => a.foundAtId !== null)).toBe(true);
  });

  it('shows every kind of record, promise, receipt and an approved plan on the case pages', async () => {
    const { core } = await loadAt(clock);
    // Two closed months of kept, partly kept and broken promises; pending: the ill borrower's
    // promise of last month and, when the month has begun, this month's own.
    const pendingExpected = 1 + (clock.recentVisits >= 2 ? 1 : 0);
    for (const [status, count] of [
      ['kept', 2],
      ['partly_kept', 2],
      ['broken', 2],
      ['pending', pendingExpected],
    ] as const) {
      const promises = expectOk(await core.invoke('records:promises', { statuses: [status] }));
      expect(promises.length, status).toBe(count);
      for (const promise of promises) {
        const page = expectOk(await core.invoke('cases:get', { borrowerId: promise.borrowerId }));
        const visit = page.timeline.find(
          (e) => e.type === 'contact' && e.kind === 'visit' && e.outcome === 'promised',
        );
        expect(visit, `${status} promise of borrower ${promise.borrowerId}`).toBeDefined();
        const record = expectOk(await core.invoke('records:get', { visitId: promise.visitId }));
        expect(record.effective.outcome).toBe('promise_to_pay');
        expect(record.effective.promise?.status).toBe(status);
        if (status === 'kept') expect(promise.paidFen).toBeGreaterThanOrEqual(promise.amountFen);
        if (status === 'partly_kept') {
          expect(promise.paidFen).toBeGreaterThan(0);
          expect(promise.paidFen).toBeLessThan(promise.amountFen);
        }
        if (status === 'broken') expect(promise.paidFen).toBe(0);
      }
    }

    // Receipts: a paid-in-full and a part payment in each closed month, and this month's
    // paid-in-full visit when there were three working days before the load; numbered
    // without gaps within the year.
    const receipts = core.app.db
      .prepare('SELECT receipt_no, year, seq FROM receipts ORDER BY year, seq')
      .all() as { receipt_no: string; year: number; seq: number }[];
    expect(receipts.length).toBe(4 + (clock.recentVisits >= 3 ? 1 : 0));
    for (const year of new Set(receipts.map((r) => r.year))) {
      const seqs = receipts.filter((r) => r.year === year).map((r) => r.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    const receipt = expectOk(
      await core.invoke('records:receipt', { receiptNo: receipts[0]!.receipt_no }),
    );
    expect(receipt.receiptNo).toMatch(/^QS001-SJ-\d{4}-\d{6}$/);
    expect(receipt.collectedBy.length).toBe(2);
    const page = expectOk(await core.invoke('cases:get', { borrowerId: receipt.borrowerId }));
    const paid = page.timeline.find((e) => e.type === 'payment' && e.receipt !== null);
    expect(paid?.type === 'payment' && paid.receiptNo).toBe(receipt.receiptNo);

    // The approved plans: six instalments each, those already due paid on time.
    const plans = expectOk(await core.invoke('records:plans', { statuses: ['approved'] }));
    expect(plans.length).toBe(2);
    for (const plan of plans) {
      expect(plan.instalments.length).toBe(6);
      expect(plan.decidedBy?.staffNo).toBe('M001');
      expect(plan.totalFen).toBeLessThan(plan.overdueFen);
      expect(plan.shortfallReason).not.toBe('');
      for (const i of plan.instalments) {
        expect(i.status, `${i.dueOn}`).toBe(i.dueOn <= clock.today ? 'kept' : 'pending');
      }
      const record = expectOk(await core.invoke('records:get', { visitId: plan.visitId }));
      expect(record.effective.plan?.id).toBe(plan.id);
    }

    // Every outcome the records feature knows appears in the closed months.
    const outcomes = core.app.db
      .prepare('SELECT DISTINCT outcome FROM visit_records ORDER BY outcome')
      .all()
      .map((r) => (r as { outcome: string }).outcome);
    expect(outcomes).toEqual([
      'deceased',
      'disputes',
      'hardship',
      'moved',
      'not_home',
      'paid_full',
      'partial_payment',
      'plan_proposed',
      'promise_to_pay',
      'refused',
    ]);

    // Notices printed before every visit, numbered per branch and year, in the print log.
    const log = expectOk(await core.invoke('notices:log', { kind: 'visitNotice', limit: 100 }));
    expect(log.length).toBeGreaterThanOrEqual(26);
    for (const row of log) expect(row.referenceNo).toMatch(/^QS001-\d{4}-\d{6}$/);

    // The complaint, taken by the clerk and handled by the manager, on the borrower's page.
    const complaint = core.app.db
      .prepare("SELECT borrower_id FROM contact_events WHERE note LIKE '投诉：%'")
      .get() as { borrower_id: number };
    const complained = expectOk(
      await core.invoke('cases:get', { borrowerId: complaint.borrower_id }),
    );
    const call = complained.timeline.find(
      (e) => e.type === 'contact' && e.kind === 'call' && e.note.startsWith('投诉：'),
    );
    expect(call?.type === 'contact' && call.direction).toBe('inbound');
    expect(call?.staffName).toBe('周雅琴');
    const handled = complained.timeline.find(
      (e) => e.type === 'note' && e.text.startsWith('投诉处理：'),
    );
    expect(handled?.staffName).toBe('王建国');
    // And in the complaints register: about the refused visit's staff, closed by the manager.
    const [registered] = expectOk(
      await core.invoke('complaints:list', { borrowerId: complaint.borrower_id }),
    );
    expect(registered).toMatchObject({
      complainant: 'borrower',
      channel: 'phone',
      status: 'closed',
      outcome: 'not_upheld',
      recordedBy: '周雅琴',
      closedBy: '王建国',
    });
    expect(registered!.visit).not.toBeNull();
    expect(registered!.staff).toHaveLength(2);
    expect(
      complained.timeline
        .filter((e) => e.type === 'complaint')
        .map((e) => e.type === 'complaint' && e.event),
    ).toEqual(['closed', 'received']);
  });

  it('plans the coming weeks, shows the leave and the expiring certificate, and accepts a new plan', async () => {
    const { core, staff, byNo } = await loadAt(clock);
    const officers = staff.filter((s) => s.role === 'officer');
    expect(officers.map((o) => o.staffNo)).toEqual(['D201', 'D202', 'D203', 'D204', 'D205']);
    expect(officers.every((o) => o.certified)).toBe(true);
    expect(officers.filter((o) => o.certificateExpiringSoon).map((o) => o.staffNo)).toEqual([
      'D205',
    ]);
    expect(byNo('D205').certificates[0]!.expiresOn).toBe(addDays(clock.today, 20));
    expect(byNo('D203').upcomingLeave.map((l) => l.date)).toEqual(
      [2, 3, 4, 5, 6].map((d) => addDays(clock.today, d)),
    );
    expect(byNo('D203').upcomingLeave[0]!.reason).toBe('年休假');

    // The calendar of the coming weeks: 14 + 2 visits, none on a day of leave for D203.
    const coming = expectOk(
      await core.invoke('planning:calendar', { from: clock.today, to: addDays(clock.today, 31) }),
    );
    expect(coming.visits.length).toBe(16);
    expect(coming.visits.every((v) => v.date >= addDays(clock.today, 2))).toBe(true);
    expect(coming.visits.every((v) => v.staffIds.length === 2)).toBe(true);
    expect(coming.visits.filter((v) => v.awaitingApproval).length).toBe(1);
    expect(coming.visits.some((v) => v.noticeStatus === 'printed')).toBe(true);
    const d203 = byNo('D203').id;
    for (const v of coming.visits) {
      const onLeave = v.date >= addDays(clock.today, 2) && v.date <= addDays(clock.today, 6);
      if (onLeave) expect(v.staffIds, v.date).not.toContain(d203);
    }

    // The manager plans a visit for an active overdue borrower: accepted, no override.
    const first = await unvisitedBorrower(core, clock.today);
    const planned = expectOk(
      await core.invoke('planning:planVisit', {
        borrowerId: first,
        staffIds: [byNo('D202').id, byNo('D204').id],
        date: clock.planOn,
        start: '18:00',
        end: '19:00',
        purpose: 'negotiation',
      }),
    );
    expect(planned.status).toBe('planned');
    expect(planned.staff.map((s) => s.staffNo)).toEqual(['D202', 'D204']);

    // An officer signs in and plans too: accepted; with a colleague on leave or out of
    // certificate, refused for exactly that.
    expectOk(
      await core.invoke('accounts:create', {
        staffId: byNo('D201').id,
        username: 'linxf',
        passphrase: 'demo officer passphrase',
        confirm: 'demo officer passphrase',
      }),
    );
    await switchTo(core, { username: 'linxf', passphrase: 'demo officer passphrase' });
    const second = await unvisitedBorrower(core, clock.today, [first]);
    const byOfficer = expectOk(
      await core.invoke('planning:planVisit', {
        borrowerId: second,
        staffIds: [byNo('D201').id, byNo('D205').id],
        date: clock.planOn,
        start: '17:00',
        end: '17:50',
        purpose: 'reminder',
      }),
    );
    expect(byOfficer.status).toBe('planned');
    const third = await unvisitedBorrower(core, clock.today, [first, second]);
    const onLeave = expectError(
      await core.invoke('planning:planVisit', {
        borrowerId: third,
        staffIds: [byNo('D201').id, d203],
        date: clock.leaveDay,
        start: '17:00',
        end: '17:50',
        purpose: 'reminder',
      }),
      'RULE_VIOLATION',
    );
    expect(violationCodes(onLeave)).toContain('STAFF_ON_LEAVE');
    const expired = expectError(
      await core.invoke('planning:planVisit', {
        borrowerId: third,
        staffIds: [byNo('D201').id, byNo('D205').id],
        date: clock.afterExpiry,
        start: '17:00',
        end: '17:50',
        purpose: 'reminder',
      }),
      'RULE_VIOLATION',
    );
    expect(violationCodes(expired)).toContain('STAFF_NOT_CERTIFIED');
    expect(violationCodes(expired)).not.toContain('STAFF_ON_LEAVE');

    // The officer's own case pages and calendar read as the manager's do.
    const calendar = expectOk(
      await core.invoke('planning:calendar', { from: clock.today, to: addDays(clock.today, 31) }),
    );
    expect(calendar.visits.length).toBe(18);
  });
});

describe('the demo branch on the day after a visit left unrecorded', () => {
  it('lists the visit awaiting its result in the officer’s tasks', async () => {
    const clock = clocks[0]!;
    const { core, byNo } = await loadAt(clock);
    // The current month's three visits fall on 25, 26 and 27 November (the working days
    // before Sunday the 29th); the last, led by D205, is not yet written up.
    expectOk(
      await core.invoke('accounts:create', {
        staffId: byNo('D205').id,
        username: 'xugp',
        passphrase: 'demo officer passphrase',
        confirm: 'demo officer passphrase',
      }),
    );
    await switchTo(core, { username: 'xugp', passphrase: 'demo officer passphrase' });
    const tasks = expectOk(await core.invoke('records:tasks', {}));
    expect(tasks.visitsToRecord.map((v) => v.date)).toEqual(['2026-11-27']);
    const month = expectOk(await core.invoke('reports:summary', { month: '2026-11' }));
    expect(month.frozen).toBe(false);
    expect(month.figures.branch.visitsPlanned).toBe(3);
    expect(month.figures.branch.visitsOpen).toBe(1);
  });
});

describe('the demo branch of a branch whose letterhead is not complete yet', () => {
  it('gives each visit its notice by phone instead of printing, and still plans and closes', async () => {
    const clock = clocks[0]!;
    const core = await signedInCore({ now: () => new Date(clock.now) });
    // As the command line's init leaves a branch: no address or phones until Settings.
    expectOk(
      await core.invoke('settings:updateBranch', {
        name: '青山农商银行石桥支行',
        code: 'QS001',
        address: '',
        phone: '',
        complaintHotline: '',
        timeZone: 'Asia/Shanghai',
      }),
    );
    expectOk(await core.invoke('cases:loadDemo', {}));
    expect(expectOk(await core.invoke('notices:log', { limit: 100 }))).toEqual([]);
    // Every past visit was announced: 13 + 13 in the closed months and this month's three.
    // Of the coming weeks' visits, those up to 7 December are announced at once: the sixteen
    // are spread over the 15 working days from 1 to 21 December (day ⌊j·15/16⌋ for the j-th
    // ordinary visit), so the first six land on 1, 1, 2, 3, 4 and 7 December, and the ill
    // borrower's visit the manager approved falls on 2 December: 29 + 7 = 36; the other 16 - 7
    // have no notice yet.
    const phoned = core.app.db
      .prepare('SELECT notice_status AS status, count(*) AS n FROM visits GROUP BY notice_status')
      .all();
    expect(phoned).toEqual([
      { status: 'none', n: 9 },
      { status: 'phoned', n: 36 },
    ]);
    const summary = expectOk(await core.invoke('reports:summary', { month: '2026-10' }));
    expect(summary.frozen).toBe(true);
    expect(summary.figures.branch.visitsDone).toBe(11);
  });
});
