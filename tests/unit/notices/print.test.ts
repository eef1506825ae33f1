import { describe, expect, it } from 'vitest';
import { contentSha256, factsSha256 } from '../../../electron/core/notices/print';
import { renderDocumentTemplate } from '../../../electron/shared/notice-catalogue';
import { renderedText } from '../../../electron/shared/templates';
import { addAccount, expectError, expectOk, switchTo } from '../support/core';
import {
  noticesCore,
  seedBorrower,
  seedStaff,
  seedVisit,
  seedVisitNotice,
  setClock,
  type Core,
} from './support';

const notice = (visitId: number) => ({ documents: [{ kind: 'visitNotice' as const, visitId }] });
const logCount = (core: Core) =>
  (core.app.db.prepare('SELECT count(*) AS n FROM print_log').get() as { n: number }).n;

describe('preview', () => {
  it('assembles a visit notice from the case and the plan, without a number or a trace', async () => {
    const core = await noticesCore();
    const { visitId, borrower } = seedVisitNotice(core);
    const { documents } = expectOk(await core.invoke('notices:preview', notice(visitId)));
    const [doc] = documents;
    if (doc?.kind !== 'visitNotice') throw new Error('expected a visit notice');
    expect(doc.referenceNo).toBe('');
    expect(doc.isCopy).toBe(false);
    expect(doc.issueDate).toBe('2025-03-04');
    expect(doc.borrower.name).toBe('李秀兰');
    expect(doc.borrower.maskedId).toBe(
      `${borrower.idNumber.slice(0, 6)}********${borrower.idNumber.slice(-4)}`,
    );
    expect(doc.borrower.address).toMatch(/^浙江省杭州市青山县石桥镇溪口村3 组 \d+ 号$/);
    expect(doc.loans).toEqual([
      expect.objectContaining({
        overdueFen: 1_234_567,
        overdueSince: '2024-11-21',
        daysPastDue: 103,
      }),
    ]);
    expect(doc.visit).toEqual({
      date: '2025-03-07',
      windowStart: '09:30',
      windowEnd: '11:30',
      staff: [
        { name: '陈志强', staffNo: 'A012' },
        { name: '刘芳', staffNo: 'A015' },
      ],
      purpose: '协商还款安排',
      place: '您的住所',
    });
    expect(doc.letterhead).toMatchObject({ name: '青山农商银行石桥支行', phone: '0571-88886666' });
    expect(doc.template.version).toBe(0);
    const text = Object.values(renderDocumentTemplate(doc)).map(renderedText).join('\n');
    expect(text).toContain('人民币壹万贰仟叁佰肆拾伍元陆角柒分');
    expect(text).toContain('我行拟安排工作人员按下列时间到您的住所走访');
    expect(logCount(core)).toBe(0);
  });

  it('refuses a notice for a cancelled visit', async () => {
    const core = await noticesCore();
    const chen = seedStaff(core, 'A012', '陈志强');
    const visitId = seedVisit(core, seedBorrower(core), [chen], { status: 'cancelled' });
    expectError(await core.invoke('notices:preview', notice(visitId)), 'CONFLICT');
  });
});

describe('printing', () => {
  it('numbers documents per branch and year, without gaps, and restarts next year', async () => {
    const core = await noticesCore();
    const chen = seedStaff(core, 'A012', '陈志强');
    const visits = [0, 1, 2].map((i) =>
      seedVisit(core, seedBorrower(core), [chen], { start: `1${i}:00`, end: `1${i}:30` }),
    );
    const first = expectOk(
      await core.invoke('notices:print', {
        documents: visits.map((visitId) => ({ kind: 'visitNotice', visitId })),
      }),
    );
    expect(first.documents.map((d) => d.referenceNo)).toEqual([
      'QS001-2025-000001',
      'QS001-2025-000002',
      'QS001-2025-000003',
    ]);
    const letter = seedBorrower(core, { name: '周大海' });
    const second = expectOk(
      await core.invoke('notices:print', {
        documents: [{ kind: 'reminderLetter', borrowerId: letter.borrowerId }],
      }),
    );
    expect(second.documents[0]?.referenceNo).toBe('QS001-2025-000004');

    // 00:30 on 1 January in Shanghai is still 31 December in UTC: the branch's year counts.
    setClock(core, '2025-12-31T16:30:00Z');
    const nextYear = expectOk(
      await core.invoke('notices:print', {
        documents: [{ kind: 'demandLetter', borrowerId: letter.borrowerId }],
      }),
    );
    expect(nextYear.documents[0]).toMatchObject({
      referenceNo: 'QS001-2026-000001',
      issueDate: '2026-01-01',
      isCopy: false,
    });
  });

  it('a failed batch uses up no numbers and logs nothing', async () => {
    const core = await noticesCore();
    const { visitId } = seedVisitNotice(core);
    expectError(
      await core.invoke('notices:print', {
        documents: [
          { kind: 'visitNotice', visitId },
          { kind: 'visitNotice', visitId: 999 },
        ],
      }),
      'NOT_FOUND',
    );
    expect(logCount(core)).toBe(0);
    const visit = core.app.db.prepare('SELECT notice_status FROM visits WHERE id = ?').get(visitId);
    expect(visit).toEqual({ notice_status: 'none' });
    const ok = expectOk(await core.invoke('notices:print', notice(visitId)));
    expect(ok.documents[0]?.referenceNo).toBe('QS001-2025-000001');
  });

  it('keeps numbers unique and consecutive over many prints', async () => {
    const core = await noticesCore();
    const borrowers = Array.from({ length: 12 }, (_, i) =>
      seedBorrower(core, {
        loans: [{ overduePrincipalFen: 10_000 + i, overdueSince: '2025-01-05' }],
      }),
    );
    const numbers: string[] = [];
    for (const [i, borrower] of borrowers.entries()) {
      const printed = expectOk(
        await core.invoke('notices:print', {
          documents: [
            { kind: i % 2 ? 'reminderLetter' : 'demandLetter', borrowerId: borrower.borrowerId },
          ],
        }),
      );
      numbers.push(printed.documents[0]!.referenceNo);
    }
    expect(numbers).toEqual(
      Array.from({ length: 12 }, (_, i) => `QS001-2025-${String(i + 1).padStart(6, '0')}`),
    );
    const stored = core.app.db
      .prepare('SELECT reference_no FROM print_log WHERE is_copy = 0 ORDER BY id')
      .all() as { reference_no: string }[];
    expect(stored.map((r) => r.reference_no)).toEqual(numbers);
  });

  it('logs who printed what with the template version and a stable content hash', async () => {
    const core = await noticesCore();
    const { visitId, borrower } = seedVisitNotice(core);
    const printed = expectOk(await core.invoke('notices:print', notice(visitId)));
    const doc = printed.documents[0]!;
    const [row] = expectOk(await core.invoke('notices:log', { visitId }));
    expect(row).toMatchObject({
      id: printed.logIds[0],
      staffName: '王建国',
      staffNo: 'M001',
      kind: 'visitNotice',
      lang: 'zh',
      referenceNo: 'QS001-2025-000001',
      borrowerId: borrower.borrowerId,
      visitId,
      templateVersion: 0,
      isCopy: false,
    });
    expect(row!.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    // The hash is the content's: recomputing it from the returned document gives the same.
    expect(contentSha256(doc)).toBe(row!.contentSha256);
    expect(contentSha256(structuredClone(doc))).toBe(row!.contentSha256);
    // Any change to what is printed changes it; the copy mark does not.
    expect(contentSha256({ ...doc, isCopy: true })).toBe(row!.contentSha256);
    expect(contentSha256({ ...doc, referenceNo: 'QS001-2025-000002' })).not.toBe(
      row!.contentSha256,
    );
    if (doc.kind !== 'visitNotice') throw new Error('kind');
    const moved = { ...doc, visit: { ...doc.visit, windowStart: '10:00' } };
    expect(contentSha256(moved)).not.toBe(row!.contentSha256);
    expect(factsSha256(moved)).not.toBe(factsSha256(doc));
  });

  it('prints the same facts again as a copy with the original number and date', async () => {
    const core = await noticesCore();
    const { visitId } = seedVisitNotice(core);
    const original = expectOk(await core.invoke('notices:print', notice(visitId)));
    setClock(core, '2025-03-04T08:00:00Z');
    const again = expectOk(await core.invoke('notices:print', notice(visitId)));
    expect(again.documents[0]).toMatchObject({
      referenceNo: 'QS001-2025-000001',
      issueDate: '2025-03-04',
      isCopy: true,
    });
    const rows = expectOk(await core.invoke('notices:log', { visitId }));
    expect(rows.map((r) => r.isCopy)).toEqual([true, false]);
    expect(rows[0]!.contentSha256).toBe(rows[1]!.contentSha256);
    const copyRow = core.app.db
      .prepare('SELECT original_id FROM print_log WHERE id = ?')
      .get(again.logIds[0]) as { original_id: number };
    expect(copyRow.original_id).toBe(original.logIds[0]);

    // A changed visit is a new letter with a new number.
    core.app.db.prepare("UPDATE visits SET start_time = '14:00', end_time = '15:00'").run();
    const changed = expectOk(await core.invoke('notices:print', notice(visitId)));
    expect(changed.documents[0]).toMatchObject({ referenceNo: 'QS001-2025-000002', isCopy: false });
  });

  it('reprints a logged document exactly, days later, as a copy', async () => {
    const core = await noticesCore();
    const { visitId } = seedVisitNotice(core);
    const original = expectOk(await core.invoke('notices:print', notice(visitId)));
    setClock(core, '2025-03-10T02:00:00Z');
    const reprint = expectOk(
      await core.invoke('notices:reprint', { printLogId: original.logIds[0]! }),
    );
    expect(reprint.documents[0]).toEqual({ ...original.documents[0], isCopy: true });
    const [copy, first] = expectOk(await core.invoke('notices:log', { visitId }));
    expect(copy).toMatchObject({ isCopy: true, referenceNo: 'QS001-2025-000001' });
    expect(copy!.contentSha256).toBe(first!.contentSha256);
    // A copy of a copy still points at the original.
    const again = expectOk(await core.invoke('notices:reprint', { printLogId: copy!.id }));
    const row = core.app.db
      .prepare('SELECT original_id FROM print_log WHERE id = ?')
      .get(again.logIds[0]) as { original_id: number };
    expect(row.original_id).toBe(original.logIds[0]);
  });

  it('marks the visit notified by a printed notice, and audits the print', async () => {
    const core = await noticesCore();
    const { visitId } = seedVisitNotice(core);
    expectOk(await core.invoke('notices:print', notice(visitId)));
    expect(
      core.app.db.prepare('SELECT notice_status, notice_at FROM visits WHERE id = ?').get(visitId),
    ).toEqual({ notice_status: 'printed', notice_at: '2025-03-04T02:00:00.000Z' });
    const audit = core.app.db
      .prepare(
        "SELECT action, entity FROM audit_log WHERE action LIKE 'notices.%' OR action LIKE 'visit.%' ORDER BY id",
      )
      .all();
    expect(audit).toEqual([
      { action: 'visit.noticePrinted', entity: 'visit' },
      { action: 'notices.print', entity: 'print_log' },
    ]);
    // A returned slip (delivered) is not downgraded by printing again.
    core.app.db.prepare("UPDATE visits SET notice_status = 'delivered'").run();
    expectOk(await core.invoke('notices:print', notice(visitId)));
    expect(core.app.db.prepare('SELECT notice_status FROM visits').get()).toEqual({
      notice_status: 'delivered',
    });
  });

  it('refuses to print while the branch has no phone, but still previews', async () => {
    const core = await noticesCore();
    const { visitId } = seedVisitNotice(core);
    core.app.db.prepare("UPDATE branch SET complaint_hotline = ''").run();
    const error = expectError(await core.invoke('notices:print', notice(visitId)), 'NOT_SET_UP');
    expect(error.details).toEqual({ missing: ['complaint_hotline'] });
    expectOk(await core.invoke('notices:preview', notice(visitId)));
  });

  it('lets officers and clerks print, not auditors', async () => {
    const core = await noticesCore();
    const { visitId } = seedVisitNotice(core);
    const auditor = addAccount(core, { username: 'auditor1', role: 'auditor' });
    const officer = addAccount(core, { username: 'officer1', role: 'officer', name: '赵敏' });
    await switchTo(core, auditor);
    expectError(await core.invoke('notices:print', notice(visitId)), 'FORBIDDEN');
    expectOk(await core.invoke('notices:log', {}));
    await switchTo(core, officer);
    expectOk(await core.invoke('notices:print', notice(visitId)));
    expect(expectOk(await core.invoke('notices:log', {}))[0]?.staffName).toBe('赵敏');
  });
});

describe('a day at once', () => {
  it('prints every notice of the day in the day-route screen’s order, and the route sheet', async () => {
    const core = await noticesCore();
    const chen = seedStaff(core, 'A012', '陈志强');
    const liu = seedStaff(core, 'A015', '刘芳');
    const wang = seedStaff(core, 'A020', '王磊');
    const names = ['甲', '乙', '丙', '丁'].map((n) => `张${n}`);
    const [a, b, c, d] = names.map((name) => seedBorrower(core, { name }));
    seedVisit(core, a!, [chen, liu], { start: '14:00', end: '15:00', routeOrder: 2 });
    seedVisit(core, b!, [chen, liu], { start: '09:00', end: '10:00', routeOrder: 1 });
    seedVisit(core, c!, [wang, liu], { start: '10:30', end: '11:30' });
    seedVisit(core, d!, [chen, liu], { start: '16:00', end: '17:00', status: 'cancelled' });
    seedVisit(core, d!, [chen, liu], { date: '2025-03-08' });

    const day = expectOk(
      await core.invoke('notices:print', {
        documents: [{ kind: 'dayNotices', date: '2025-03-07' }],
      }),
    );
    // By time, whether or not a stop was planned as part of a route (route_order).
    expect(day.documents.map((doc) => doc.kind === 'visitNotice' && doc.borrower.name)).toEqual([
      '张乙',
      '张丙',
      '张甲',
    ]);
    expect(day.documents.map((doc) => doc.referenceNo)).toEqual([
      'QS001-2025-000001',
      'QS001-2025-000002',
      'QS001-2025-000003',
    ]);

    const { documents } = expectOk(
      await core.invoke('notices:preview', {
        documents: [{ kind: 'dayRouteSheet', date: '2025-03-07', staffId: chen }],
      }),
    );
    const sheet = documents[0];
    if (sheet?.kind !== 'dayRouteSheet') throw new Error('expected a route sheet');
    expect(sheet.route.stops.map((s) => [s.seq, s.borrowerName, s.windowStart])).toEqual([
      [1, '张乙', '09:00'],
      [2, '张甲', '14:00'],
    ]);
    expect(sheet.route.staff).toEqual([
      { name: '陈志强', staffNo: 'A012' },
      { name: '刘芳', staffNo: 'A015' },
    ]);
    expect(sheet.route.stops[0]!.maskedId).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
  });
});

describe('letters', () => {
  it('asks for payment by a date the branch sets, over the borrower’s overdue loans', async () => {
    const core = await noticesCore();
    const borrower = seedBorrower(core, {
      loans: [
        { overduePrincipalFen: 100_000, interestFen: 500, overdueSince: '2025-01-10' },
        { overduePrincipalFen: 5, overdueSince: '2024-12-01' },
      ],
    });
    expectOk(
      await core.invoke('notices:saveSettings', {
        repaymentChannels: ['本行各营业网点柜台'],
        reminderPayDays: 5,
        demandPayDays: 10,
        logoDataUrl: null,
      }),
    );
    const { documents } = expectOk(
      await core.invoke('notices:preview', {
        lang: 'en',
        documents: [{ kind: 'reminderLetter', borrowerId: borrower.borrowerId }],
      }),
    );
    const letter = documents[0];
    if (letter?.kind !== 'reminderLetter') throw new Error('expected a reminder');
    expect(letter.payBy).toBe('2025-03-09');
    expect(letter.repaymentChannels).toEqual(['本行各营业网点柜台']);
    expect(letter.loans.map((l) => [l.overdueFen, l.daysPastDue])).toEqual([
      [5, 93],
      [100_500, 53],
    ]);
    const text = Object.values(renderDocumentTemplate(letter)).map(renderedText).join('\n');
    expect(text).toContain('the overdue amount is ¥1,005.05 (人民币壹仟零伍元零伍分)');
  });

  it('says which receipt or plan it cannot find', async () => {
    const core = await noticesCore();
    const receipt = expectError(
      await core.invoke('notices:preview', {
        documents: [{ kind: 'paymentReceipt', receiptId: 1 }],
      }),
      'NOT_FOUND',
    );
    expect(receipt.details).toEqual({ kind: 'paymentReceipt', receiptId: 1 });
    const plan = expectError(
      await core.invoke('notices:preview', {
        documents: [{ kind: 'repaymentPlanAgreement', planId: 4 }],
      }),
      'NOT_FOUND',
    );
    expect(plan.details).toEqual({ kind: 'repaymentPlanAgreement', planId: 4 });
  });
});
