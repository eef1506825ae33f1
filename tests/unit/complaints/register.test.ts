import { describe, expect, it } from 'vitest';
import { expectError, expectOk, MANAGER } from '../support/core';
import { engineKinds } from '../support/engines';
import { auditRows, complaintsBranch, insertVisitOn, TODAY } from './support';

/**
 * The complaints register through the dispatcher, as over IPC. What reads or writes the tables
 * (the visit's staff, the visits offered, the audit rows, the list's order, the case timeline)
 * runs on both engines; the rules checked before anything is read (the complainant's name, two
 * of the same staff, today's date) and the roles' refusals stay on SQLite: the access matrix
 * checks every channel's roles on both, and complaints-engines.test.ts the refusals that read
 * the tables (another borrower's visit, a date before the visit, unknown staff or borrower).
 */

describe.each(engineKinds)('the register on %s', (kind) => {
  describe('registering a complaint', () => {
    it("names a visit's staff when the complaint names the visit and no staff, and audits it", async () => {
      const b = await complaintsBranch(kind);
      const visit = await insertVisitOn(b.core, {
        borrowerId: b.borrowerId,
        date: '2026-11-18',
        staffIds: [b.partner.staffId, b.officer.staffId],
      });
      await b.as(b.officer);
      const saved = expectOk(
        await b.register({
          complainant: 'relative',
          complainantName: '张小红',
          channel: 'in_person',
          visitId: visit,
          summary: '走访时当着邻居的面谈论欠款',
          actionTaken: '已向投诉人致歉，报经理处理',
        }),
      );
      expect(saved).toEqual({
        id: saved.id,
        borrowerId: b.borrowerId,
        borrowerName: '张三',
        receivedOn: '2026-11-20',
        complainant: 'relative',
        complainantName: '张小红',
        channel: 'in_person',
        visit: { id: visit, date: '2026-11-18', start: '09:00' },
        staff: [
          { id: b.officer.staffId, name: '李明', staffNo: 'C101' },
          { id: b.partner.staffId, name: '赵强', staffNo: 'C102' },
        ],
        summary: '走访时当着邻居的面谈论欠款',
        actionTaken: '已向投诉人致歉，报经理处理',
        status: 'open',
        closedOn: null,
        outcome: null,
        outcomeNote: '',
        recordedBy: '李明',
        recordedAt: '2026-11-20T02:00:00.000Z',
        closedBy: null,
        updatedAt: '2026-11-20T02:00:00.000Z',
      });
      const [row] = await auditRows(b.core.app.engine.db, 'complaint.register');
      expect(row).toEqual({
        staff_id: b.officer.staffId,
        entity: 'complaint',
        entity_id: String(saved.id),
        subject_id: b.borrowerId,
        before: null,
        after: {
          receivedOn: '2026-11-20',
          complainant: 'relative',
          complainantName: '张小红',
          channel: 'in_person',
          visitId: visit,
          staffIds: [b.officer.staffId, b.partner.staffId].sort((x, y) => x - y),
          summary: '走访时当着邻居的面谈论欠款',
          actionTaken: '已向投诉人致歉，报经理处理',
        },
      });
    });

    it('keeps the staff named rather than the whole visit, and takes a complaint naming staff only', async () => {
      const b = await complaintsBranch(kind);
      const visit = await insertVisitOn(b.core, {
        borrowerId: b.borrowerId,
        date: '2026-11-18',
        staffIds: [b.officer.staffId, b.partner.staffId],
      });
      const one = expectOk(await b.register({ visitId: visit, staffIds: [b.partner.staffId] }));
      expect(one.staff.map((s) => s.staffNo)).toEqual(['C102']);
      const clerkOnly = expectOk(
        await b.register({ channel: 'letter', staffIds: [b.clerk.staffId] }),
      );
      expect(clerkOnly.visit).toBeNull();
      expect(clerkOnly.staff.map((s) => s.staffNo)).toEqual(['K201']);
      const nobody = expectOk(await b.register({ channel: 'regulator' }));
      expect(nobody.staff).toEqual([]);
    });

    it('offers the borrower’s visits up to today, without rescheduled originals', async () => {
      const b = await complaintsBranch(kind);
      const done = await insertVisitOn(b.core, {
        borrowerId: b.borrowerId,
        date: '2026-11-18',
        staffIds: [b.officer.staffId, b.partner.staffId],
      });
      await insertVisitOn(b.core, {
        borrowerId: b.borrowerId,
        date: '2026-11-10',
        staffIds: [b.officer.staffId],
        status: 'rescheduled',
      });
      const today = await insertVisitOn(b.core, {
        borrowerId: b.borrowerId,
        date: TODAY,
        staffIds: [b.officer.staffId],
        status: 'planned',
      });
      await insertVisitOn(b.core, {
        borrowerId: b.borrowerId,
        date: '2026-11-21',
        staffIds: [b.officer.staffId],
        status: 'planned',
      });
      await insertVisitOn(b.core, {
        borrowerId: b.otherBorrowerId,
        date: '2026-11-19',
        staffIds: [b.officer.staffId],
      });
      const options = expectOk(
        await b.core.invoke('complaints:visits', { borrowerId: b.borrowerId }),
      );
      expect(options.map((o) => [o.id, o.date, o.staff.map((s) => s.staffNo)])).toEqual([
        [today, '2026-11-20', ['C101']],
        [done, '2026-11-18', ['C101', 'C102']],
      ]);
    });
  });

  describe('recording what was done and closing', () => {
    it('lets a colleague record the action, not the officer it names; the manager may', async () => {
      const b = await complaintsBranch(kind);
      const { id } = expectOk(await b.register({ staffIds: [b.officer.staffId] }));
      await b.as(b.officer);
      const own = expectError(
        await b.core.invoke('complaints:update', { id, actionTaken: '已解释' }),
        'FORBIDDEN',
      );
      expect(own.fields).toEqual({ actionTaken: 'e.complaint.ownComplaint' });
      b.clock.now = new Date('2026-11-20T05:00:00.000Z');
      await b.as(b.clerk);
      const updated = expectOk(
        await b.core.invoke('complaints:update', { id, actionTaken: '已调取通话录音' }),
      );
      expect(updated).toMatchObject({
        actionTaken: '已调取通话录音',
        status: 'open',
        updatedAt: '2026-11-20T05:00:00.000Z',
      });
      await b.as(MANAGER);
      expectOk(
        await b.core.invoke('complaints:update', { id, actionTaken: '已调取通话录音，约谈李明' }),
      );
      expect(
        (await auditRows(b.core.app.engine.db, 'complaint.update')).map((r) => [
          r.staff_id,
          r.before,
          r.after,
        ]),
      ).toEqual([
        [b.clerk.staffId, { actionTaken: '' }, { actionTaken: '已调取通话录音' }],
        [
          b.managerId,
          { actionTaken: '已调取通话录音' },
          { actionTaken: '已调取通话录音，约谈李明' },
        ],
      ]);
    });

    it('closes on a day from the date received to today, only as the manager', async () => {
      const b = await complaintsBranch(kind);
      const { id } = expectOk(await b.register({ receivedOn: '2026-11-18' }));
      const close = {
        id,
        closedOn: '2026-11-19',
        outcome: 'upheld',
        actionTaken: '约谈员工并致歉',
      };
      for (const account of [b.officer, b.clerk, b.auditor]) {
        await b.as(account);
        expectError(await b.core.invoke('complaints:close', close), 'FORBIDDEN');
      }
      await b.as(MANAGER);
      expect(
        expectError(
          await b.core.invoke('complaints:close', { ...close, closedOn: '2026-11-17' }),
          'VALIDATION',
        ).fields,
      ).toEqual({ closedOn: 'v.complaint.closedOn' });
      expect(
        expectError(
          await b.core.invoke('complaints:close', { ...close, closedOn: '2026-11-21' }),
          'VALIDATION',
        ).fields,
      ).toEqual({ closedOn: 'v.complaint.closedOn' });
      expect(
        expectError(
          await b.core.invoke('complaints:close', { ...close, actionTaken: ' ' }),
          'VALIDATION',
        ).fields,
      ).toEqual({ actionTaken: 'v.required' });
      const closed = expectOk(
        await b.core.invoke('complaints:close', {
          ...close,
          closedOn: '2026-11-18',
          outcome: 'partly_upheld',
          outcomeNote: '语气问题属实，未发现威胁',
        }),
      );
      expect(closed).toMatchObject({
        status: 'closed',
        closedOn: '2026-11-18',
        outcome: 'partly_upheld',
        actionTaken: '约谈员工并致歉',
        outcomeNote: '语气问题属实，未发现威胁',
        closedBy: '王建国',
      });
      const [row] = await auditRows(b.core.app.engine.db, 'complaint.close');
      expect(row).toMatchObject({
        staff_id: b.managerId,
        entity: 'complaint',
        entity_id: String(id),
        subject_id: b.borrowerId,
        before: { status: 'open', actionTaken: '' },
        after: {
          status: 'closed',
          closedOn: '2026-11-18',
          outcome: 'partly_upheld',
          actionTaken: '约谈员工并致歉',
          outcomeNote: '语气问题属实，未发现威胁',
        },
      });
      // Closed is final: no further action, no second close.
      const again = expectError(
        await b.core.invoke('complaints:update', { id, actionTaken: '补充' }),
        'CONFLICT',
      );
      expect(again.fields).toEqual({ actionTaken: 'e.complaint.closed' });
      expectError(await b.core.invoke('complaints:close', close), 'CONFLICT');
      expectError(await b.core.invoke('complaints:close', { ...close, id: 9999 }), 'NOT_FOUND');
    });
  });

  describe('who may use the register', () => {
    it("lists one borrower's or the branch's complaints, open or closed, newest first", async () => {
      const b = await complaintsBranch(kind);
      const first = expectOk(await b.register({ receivedOn: '2026-11-02' })).id;
      const second = expectOk(await b.register({ receivedOn: '2026-11-15' })).id;
      const other = expectOk(
        await b.register({ borrowerId: b.otherBorrowerId, receivedOn: '2026-11-10' }),
      ).id;
      expectOk(
        await b.core.invoke('complaints:close', {
          id: first,
          closedOn: '2026-11-05',
          outcome: 'not_upheld',
          actionTaken: '核查通话录音，未见不当',
        }),
      );
      const ids = async (input: object) =>
        expectOk(await b.core.invoke('complaints:list', input)).map((c) => c.id);
      expect(await ids({})).toEqual([second, other, first]);
      expect(await ids({ borrowerId: b.borrowerId })).toEqual([second, first]);
      expect(await ids({ status: 'open' })).toEqual([second, other]);
      expect(await ids({ status: 'closed' })).toEqual([first]);
      expectError(await b.core.invoke('complaints:list', { borrowerId: 9999 }), 'NOT_FOUND');
    });
  });

  describe('complaints on the case timeline', () => {
    it('shows the day received and the day closed, with who registered and who closed', async () => {
      const b = await complaintsBranch(kind);
      await b.as(b.clerk);
      const { id } = expectOk(
        await b.register({
          receivedOn: '2026-11-16',
          complainant: 'other',
          complainantName: '邻居王大妈',
          staffIds: [b.officer.staffId],
        }),
      );
      await b.as(MANAGER);
      expectOk(
        await b.core.invoke('complaints:close', {
          id,
          closedOn: '2026-11-19',
          outcome: 'withdrawn',
          actionTaken: '当面解释后投诉人撤回',
        }),
      );
      const page = expectOk(await b.core.invoke('cases:get', { borrowerId: b.borrowerId }));
      const entries = page.timeline.filter((e) => e.type === 'complaint');
      const common = {
        type: 'complaint',
        id,
        complainant: 'other',
        complainantName: '邻居王大妈',
        channel: 'phone',
        summary: '催收员电话中语气粗暴',
        actionTaken: '当面解释后投诉人撤回',
        outcome: 'withdrawn',
        concerns: ['李明'],
      };
      expect(entries).toEqual([
        { ...common, event: 'closed', at: '2026-11-19', staffName: '王建国' },
        { ...common, event: 'received', at: '2026-11-16', staffName: '钱丽' },
      ]);
    });

    it('puts the close above the receipt when both fall on one day', async () => {
      const b = await complaintsBranch(kind);
      const { id } = expectOk(await b.register());
      expectOk(
        await b.core.invoke('complaints:close', {
          id,
          closedOn: TODAY,
          outcome: 'upheld',
          actionTaken: '当日致歉',
        }),
      );
      const page = expectOk(await b.core.invoke('cases:get', { borrowerId: b.borrowerId }));
      expect(
        page.timeline.flatMap((e) => (e.type === 'complaint' ? [[e.event, e.at]] : [])),
      ).toEqual([
        ['closed', TODAY],
        ['received', TODAY],
      ]);
    });
  });
});

describe('registering a complaint: the rules before anything is read, and the roles', () => {
  it('needs the name of a relative or someone else, not of the borrower', async () => {
    const b = await complaintsBranch();
    for (const complainant of ['relative', 'other'] as const) {
      const refused = expectError(await b.register({ complainant }), 'VALIDATION');
      expect(refused.fields).toEqual({ complainantName: 'v.complaint.name' });
    }
    expect(expectOk(await b.register({ complainant: 'borrower' })).complainantName).toBe('');
  });

  it("takes today's date (the branch's, at 23:10 UTC) and refuses tomorrow's", async () => {
    const b = await complaintsBranch();
    // 23:10 UTC on the 20th is 07:10 on the 21st in Beijing: the branch's today is the 21st.
    b.clock.now = new Date('2026-11-20T23:10:00.000Z');
    await b.as(MANAGER);
    expect(expectOk(await b.register({ receivedOn: '2026-11-21' })).receivedOn).toBe('2026-11-21');
    const refused = expectError(await b.register({ receivedOn: '2026-11-22' }), 'VALIDATION');
    expect(refused.fields).toEqual({ receivedOn: 'v.complaint.received' });
  });

  it("refuses another borrower's visit, a date before the visit, and unknown staff", async () => {
    const b = await complaintsBranch();
    const others = await insertVisitOn(b.core, {
      borrowerId: b.otherBorrowerId,
      date: '2026-11-18',
      staffIds: [b.officer.staffId],
    });
    const visit = await insertVisitOn(b.core, {
      borrowerId: b.borrowerId,
      date: '2026-11-18',
      staffIds: [b.officer.staffId],
    });
    expect(expectError(await b.register({ visitId: others }), 'VALIDATION').fields).toEqual({
      visitId: 'v.complaint.visit',
    });
    expect(
      expectError(await b.register({ visitId: visit, receivedOn: '2026-11-17' }), 'VALIDATION')
        .fields,
    ).toEqual({ receivedOn: 'v.complaint.visitLater' });
    expectOk(await b.register({ visitId: visit, receivedOn: '2026-11-18' }));
    expect(expectError(await b.register({ staffIds: [9999] }), 'VALIDATION').fields).toEqual({
      staffIds: 'v.complaint.staff',
    });
    expect(
      expectError(
        await b.register({ staffIds: [b.officer.staffId, b.officer.staffId] }),
        'VALIDATION',
      ).fields,
    ).toEqual({ staffIds: 'v.duplicateStaff' });
    expectError(await b.register({ borrowerId: 9999 }), 'NOT_FOUND');
    const count = await b.core.app.engine.db
      .selectFrom('complaints')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('lets officers and clerks register, auditors only read, and nobody signed out', async () => {
    const b = await complaintsBranch();
    await b.as(b.clerk);
    const { id } = expectOk(await b.register({ channel: 'letter' }));
    await b.as(b.officer);
    expectOk(await b.register());
    await b.as(b.auditor);
    expectError(await b.register(), 'FORBIDDEN');
    expectError(await b.core.invoke('complaints:update', { id, actionTaken: 'x' }), 'FORBIDDEN');
    const list = expectOk(await b.core.invoke('complaints:list', { borrowerId: b.borrowerId }));
    expect(list).toHaveLength(2);
    expectOk(await b.core.invoke('complaints:visits', { borrowerId: b.borrowerId }));
    b.core.app.lock('signOut');
    for (const [channel, input] of [
      ['complaints:list', {}],
      ['complaints:visits', { borrowerId: b.borrowerId }],
      ['complaints:register', { borrowerId: b.borrowerId }],
      ['complaints:update', { id, actionTaken: 'x' }],
      ['complaints:close', { id, closedOn: TODAY, outcome: 'upheld', actionTaken: 'x' }],
    ] as const) {
      expectError(await b.core.invoke(channel, input), 'UNAUTHENTICATED');
    }
  });
});
