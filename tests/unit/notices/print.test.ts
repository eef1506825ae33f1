import { describe, expect, it } from 'vitest';
import { contentSha256, factsSha256 } from '../../../electron/core/notices/print';
import { renderDocumentTemplate } from '../../../electron/shared/notice-catalogue';
import { renderedText } from '../../../electron/shared/templates';
import { expectError, expectOk } from '../support/core';
import { addAccountOn, switchToOn } from '../support/desk';
import { engineKinds } from '../support/engines';
import {
  noticesCoreOn,
  seedBorrowerOn,
  seedStaffOn,
  seedVisitNoticeOn,
  seedVisitOn,
  type NoticesCoreOn,
} from './desk-notices';
import { setClock } from './support';

/**
 * Previewing and printing notices and letters through the dispatcher, on either engine (issue
 * 19): the branch's staff, borrowers and planned visits written through the app's engine, and
 * what the print wrote read back on it.
 */

const notice = (visitId: number) => ({ documents: [{ kind: 'visitNotice' as const, visitId }] });
const logCount = async (core: NoticesCoreOn) =>
  (
    await core.app.engine.db
      .selectFrom('print_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
const noticeOf = (core: NoticesCoreOn, visitId: number) =>
  core.app.engine.db
    .selectFrom('visits')
    .select(['notice_status', 'notice_at'])
    .where('id', '=', visitId)
    .executeTakeFirstOrThrow();
const originalOf = async (core: NoticesCoreOn, printLogId: number) =>
  (
    await core.app.engine.db
      .selectFrom('print_log')
      .select('original_id')
      .where('id', '=', printLogId)
      .executeTakeFirstOrThrow()
  ).original_id;

describe.each(engineKinds)('on %s', (kind) => {
  describe('preview', () => {
    it('assembles a visit notice from the case and the plan, without a number or a trace', async () => {
      const core = await noticesCoreOn(kind);
      const { visitId, borrower } = await seedVisitNoticeOn(core);
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
      expect(doc.letterhead).toMatchObject({
        name: '青山农商银行石桥支行',
        phone: '0571-88886666',
      });
      expect(doc.template.version).toBe(0);
      const text = Object.values(renderDocumentTemplate(doc)).map(renderedText).join('\n');
      expect(text).toContain('人民币壹万贰仟叁佰肆拾伍元陆角柒分');
      expect(text).toContain('我行拟安排工作人员按下列时间到您的住所走访');
      expect(await logCount(core)).toBe(0);
    });

    it('refuses a notice for a cancelled visit', async () => {
      const core = await noticesCoreOn(kind);
      const chen = await seedStaffOn(core, 'A012', '陈志强');
      const visitId = await seedVisitOn(core, await seedBorrowerOn(core), [chen], {
        status: 'cancelled',
      });
      expectError(await core.invoke('notices:preview', notice(visitId)), 'CONFLICT');
    });
  });

  describe('printing', () => {
    it('numbers documents per branch and year, without gaps, and restarts next year', async () => {
      const core = await noticesCoreOn(kind);
      const chen = await seedStaffOn(core, 'A012', '陈志强');
      const visits: number[] = [];
      for (const i of [0, 1, 2]) {
        visits.push(
          await seedVisitOn(core, await seedBorrowerOn(core), [chen], {
            start: `1${i}:00`,
            end: `1${i}:30`,
          }),
        );
      }
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
      const letter = await seedBorrowerOn(core, { name: '周大海' });
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
      const core = await noticesCoreOn(kind);
      const { visitId } = await seedVisitNoticeOn(core);
      expectError(
        await core.invoke('notices:print', {
          documents: [
            { kind: 'visitNotice', visitId },
            { kind: 'visitNotice', visitId: 999 },
          ],
        }),
        'NOT_FOUND',
      );
      expect(await logCount(core)).toBe(0);
      expect((await noticeOf(core, visitId)).notice_status).toBe('none');
      const ok = expectOk(await core.invoke('notices:print', notice(visitId)));
      expect(ok.documents[0]?.referenceNo).toBe('QS001-2025-000001');
    });

    it('keeps numbers unique and consecutive over many prints', async () => {
      const core = await noticesCoreOn(kind);
      const borrowers = [];
      for (let i = 0; i < 12; i += 1) {
        borrowers.push(
          await seedBorrowerOn(core, {
            loans: [{ overduePrincipalFen: 10_000 + i, overdueSince: '2025-01-05' }],
          }),
        );
      }
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
      const stored = await core.app.engine.db
        .selectFrom('print_log')
        .select('reference_no')
        .where('is_copy', '=', 0)
        .orderBy('id')
        .execute();
      expect(stored.map((r) => r.reference_no)).toEqual(numbers);
    });

    it('logs who printed what with the template version and a stable content hash', async () => {
      const core = await noticesCoreOn(kind);
      const { visitId, borrower } = await seedVisitNoticeOn(core);
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
      const core = await noticesCoreOn(kind);
      const { visitId } = await seedVisitNoticeOn(core);
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
      expect(await originalOf(core, again.logIds[0]!)).toBe(original.logIds[0]);

      // A changed visit is a new letter with a new number.
      await core.app.engine.db
        .updateTable('visits')
        .set({ start_time: '14:00', end_time: '15:00' })
        .execute();
      const changed = expectOk(await core.invoke('notices:print', notice(visitId)));
      expect(changed.documents[0]).toMatchObject({
        referenceNo: 'QS001-2025-000002',
        isCopy: false,
      });
    });

    it('reprints a logged document exactly, days later, as a copy', async () => {
      const core = await noticesCoreOn(kind);
      const { visitId } = await seedVisitNoticeOn(core);
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
      expect(await originalOf(core, again.logIds[0]!)).toBe(original.logIds[0]);
    });

    it('marks the visit notified by a printed notice, and audits the print', async () => {
      const core = await noticesCoreOn(kind);
      const { visitId } = await seedVisitNoticeOn(core);
      expectOk(await core.invoke('notices:print', notice(visitId)));
      expect(await noticeOf(core, visitId)).toEqual({
        notice_status: 'printed',
        notice_at: '2025-03-04T02:00:00.000Z',
      });
      const audit = await core.app.engine.db
        .selectFrom('audit_log')
        .select(['action', 'entity'])
        .where((eb) => eb.or([eb('action', 'like', 'notices.%'), eb('action', 'like', 'visit.%')]))
        .orderBy('id')
        .execute();
      expect(audit).toEqual([
        { action: 'visit.noticePrinted', entity: 'visit' },
        { action: 'notices.print', entity: 'print_log' },
      ]);
      // A returned slip (delivered) is not downgraded by printing again.
      await core.app.engine.db.updateTable('visits').set({ notice_status: 'delivered' }).execute();
      expectOk(await core.invoke('notices:print', notice(visitId)));
      expect((await noticeOf(core, visitId)).notice_status).toBe('delivered');
    });

    it('refuses to print while the branch has no phone, but still previews', async () => {
      const core = await noticesCoreOn(kind);
      const { visitId } = await seedVisitNoticeOn(core);
      await core.app.engine.db.updateTable('branch').set({ complaint_hotline: '' }).execute();
      const error = expectError(await core.invoke('notices:print', notice(visitId)), 'NOT_SET_UP');
      expect(error.details).toEqual({ missing: ['complaint_hotline'] });
      expectOk(await core.invoke('notices:preview', notice(visitId)));
    });

    it('lets officers and clerks print, not auditors', async () => {
      const core = await noticesCoreOn(kind);
      const { visitId } = await seedVisitNoticeOn(core);
      const auditor = await addAccountOn(core, { username: 'auditor1', role: 'auditor' });
      const officer = await addAccountOn(core, {
        username: 'officer1',
        role: 'officer',
        name: '赵敏',
      });
      await switchToOn(core, auditor);
      expectError(await core.invoke('notices:print', notice(visitId)), 'FORBIDDEN');
      expectOk(await core.invoke('notices:log', {}));
      await switchToOn(core, officer);
      expectOk(await core.invoke('notices:print', notice(visitId)));
      expect(expectOk(await core.invoke('notices:log', {}))[0]?.staffName).toBe('赵敏');
    });
  });

  describe('a day at once', () => {
    it('prints every notice of the day in the day-route screen’s order, and the route sheet', async () => {
      const core = await noticesCoreOn(kind);
      const chen = await seedStaffOn(core, 'A012', '陈志强');
      const liu = await seedStaffOn(core, 'A015', '刘芳');
      const wang = await seedStaffOn(core, 'A020', '王磊');
      const names = ['甲', '乙', '丙', '丁'].map((n) => `张${n}`);
      const borrowers = [];
      for (const name of names) borrowers.push(await seedBorrowerOn(core, { name }));
      const [a, b, c, d] = borrowers;
      await seedVisitOn(core, a!, [chen, liu], { start: '14:00', end: '15:00', routeOrder: 2 });
      await seedVisitOn(core, b!, [chen, liu], { start: '09:00', end: '10:00', routeOrder: 1 });
      await seedVisitOn(core, c!, [wang, liu], { start: '10:30', end: '11:30' });
      await seedVisitOn(core, d!, [chen, liu], {
        start: '16:00',
        end: '17:00',
        status: 'cancelled',
      });
      await seedVisitOn(core, d!, [chen, liu], { date: '2025-03-08' });

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
      const core = await noticesCoreOn(kind);
      const borrower = await seedBorrowerOn(core, {
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
      const core = await noticesCoreOn(kind);
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
});
