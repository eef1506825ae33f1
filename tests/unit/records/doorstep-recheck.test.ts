import { describe, expect, it } from 'vitest';
import { expectOk } from '../support/core';
import type { RuleCode } from '../../../electron/shared/compliance';
import { writeFlag } from '../../../electron/core/db/columns';
import { overrideCodesColumn } from '../../../electron/core/planning/tables';
import { auditRowsOn, staffAccountOn } from '../support/desk';
import { engineKinds, type EngineKind } from '../support/engines';
import { outcomeOn, recordOn, recordsCoreOn, type RecordsCoreOn } from './desk-records';

/**
 * Recording a visit re-checks what the plan promised (issue 15): actual hours, certified staff,
 * at least two of them, a notice that counted, the manager's approval for a workplace. A record
 * that breaks one is saved all the same and carries the violation.
 *
 * The clock is Wednesday 20 May 2026, 10:00 in Shanghai. Visits are on earlier days; the
 * branch keeps the default rules (08:00–20:00, two staff, 24 hours' notice). Shanghai is UTC+8,
 * so 09:05 on 19 May there is 01:05Z.
 */

/** A notice that counts for any visit from 10 May: Friday 8 May 10:00 Shanghai. */
const GOOD_NOTICE = '2026-05-08T02:00:00.000Z';

async function certify(
  core: Pick<RecordsCoreOn, 'invoke'>,
  staffId: number,
  expiresOn = '2027-12-31',
  issuedOn = '2025-01-01',
) {
  expectOk(
    await core.invoke('staff:addCertificate', {
      staffId,
      kind: 'training',
      number: `PX-${staffId}-${expiresOn}`,
      issuedOn,
      expiresOn,
    }),
  );
}

/** The branch on `kind` (desk-records.ts): both officers certified; the manager signed in. */
async function branchOn(kind: EngineKind) {
  const core = await recordsCoreOn(kind);
  await certify(core, core.officer.staffId);
  await certify(core, core.partner.staffId);
  return core;
}

/**
 * A visit on `date`, announced at `noticeAt` (or not), as planning leaves it: its notice, place,
 * approval and override written through the app's engine.
 */
async function visitOnEngine(
  core: RecordsCoreOn,
  date: string,
  noticeAt: string | null = GOOD_NOTICE,
  extra: { place?: 'home' | 'workplace'; approvedAt?: string; overrideCodes?: RuleCode[] } = {},
) {
  const id = await core.visit(date);
  await core.app.engine.db
    .updateTable('visits')
    .set({
      notice_status: noticeAt === null ? 'none' : 'phoned',
      notice_at: noticeAt,
      place: extra.place ?? 'home',
      needs_approval: writeFlag(Boolean(extra.approvedAt)),
      approved_at: extra.approvedAt ?? null,
      approval_by: extra.approvedAt ? core.managerId : null,
      override_reason: extra.overrideCodes ? '借款人本人要求当天上门' : null,
      override_codes: extra.overrideCodes ? overrideCodesColumn.write(extra.overrideCodes) : null,
      overridden_by: extra.overrideCodes ? core.managerId : null,
    })
    .where('id', '=', id)
    .execute();
  return id;
}

/** The codes the saved record carries. */
async function recordedCodesOn(
  core: RecordsCoreOn,
  date: string,
  overrides: Parameters<typeof outcomeOn>[2] = {},
  noticeAt: string | null = GOOD_NOTICE,
) {
  const visitId = await visitOnEngine(core, date, noticeAt);
  const saved = await recordOn(core, outcomeOn(core, visitId, { date, ...overrides }));
  return saved.effective.violations?.map((v) => v.code);
}

describe.each(engineKinds)('a record that keeps what the plan promised on %s', (kind) => {
  it('carries no violation', async () => {
    const core = await branchOn(kind);
    const visitId = await visitOnEngine(core, '2026-05-19');
    await core.signInAs(core.officer);
    const saved = await recordOn(core, outcomeOn(core, visitId, { date: '2026-05-19' }));
    expect(saved.effective.violations).toEqual([]);
    expect(
      expectOk(await core.invoke('records:violations', { borrowerId: core.borrowerId })),
    ).toEqual([]);
  });
});

describe.each(engineKinds)('actual hours on %s', (kind) => {
  it('08:00 and 20:00 are inside; 07:59 breaks the law, 20:01 the branch rule', async () => {
    const core = await branchOn(kind);
    expect(await recordedCodesOn(core, '2026-05-11', { start: '08:00', end: '08:45' })).toEqual([]);
    expect(await recordedCodesOn(core, '2026-05-12', { start: '19:30', end: '20:00' })).toEqual([]);
    const visitId = await visitOnEngine(core, '2026-05-13');
    const early = await recordOn(
      core,
      outcomeOn(core, visitId, { date: '2026-05-13', start: '07:59', end: '08:45' }),
    );
    expect(early.effective.violations).toEqual([
      {
        code: 'OUTSIDE_LEGAL_HOURS',
        severity: 'legal',
        params: { start: '07:59', end: '08:45' },
        message: {
          zh: '实际走访时间 07:59–08:45 超出法定时段 08:00–22:00',
          en: 'The visit took place 07:59–08:45, outside the legal hours 08:00–22:00',
        },
      },
    ]);
    const late = await recordedCodesOn(core, '2026-05-14', { start: '19:30', end: '20:01' });
    expect(late).toEqual(['OUTSIDE_BRANCH_HOURS']);
  });

  it('ending at 22:00 breaks only the branch rule; 22:01 breaks the law', async () => {
    const core = await branchOn(kind);
    expect(await recordedCodesOn(core, '2026-05-11', { start: '21:00', end: '22:00' })).toEqual([
      'OUTSIDE_BRANCH_HOURS',
    ]);
    expect(await recordedCodesOn(core, '2026-05-12', { start: '21:30', end: '22:01' })).toEqual([
      'OUTSIDE_LEGAL_HOURS',
    ]);
  });

  it('hours the manager overrode for this visit are no violation; the law still is', async () => {
    const core = await branchOn(kind);
    const visitId = await visitOnEngine(core, '2026-05-19', GOOD_NOTICE, {
      overrideCodes: ['HOURS_OUTSIDE_ALLOWED'],
    });
    const saved = await recordOn(
      core,
      outcomeOn(core, visitId, { date: '2026-05-19', start: '20:30', end: '21:15' }),
    );
    expect(saved.effective.violations).toEqual([]);
    const beyond = await visitOnEngine(core, '2026-05-18', GOOD_NOTICE, {
      overrideCodes: ['HOURS_OUTSIDE_ALLOWED'],
    });
    const past22 = await recordOn(
      core,
      outcomeOn(core, beyond, { date: '2026-05-18', start: '21:30', end: '22:10' }),
    );
    expect(past22.effective.violations?.map((v) => v.code)).toEqual(['OUTSIDE_LEGAL_HOURS']);
  });
});

describe.each(engineKinds)('who went on %s', (kind) => {
  it('one staff member alone is saved, and carries the legal violation', async () => {
    const core = await branchOn(kind);
    const visitId = await visitOnEngine(core, '2026-05-19');
    await core.signInAs(core.officer);
    const saved = await recordOn(
      core,
      outcomeOn(core, visitId, { date: '2026-05-19', staffIds: [core.officer.staffId] }),
    );
    expect(saved.effective.staff.map((s) => s.staffNo)).toEqual(['C101']);
    expect(saved.effective.violations).toEqual([
      expect.objectContaining({
        code: 'TOO_FEW_STAFF',
        severity: 'legal',
        message: {
          zh: '只有 1 名员工上门，每次走访至少须 2 名',
          en: 'Only 1 staff went; every visit needs at least 2',
        },
      }),
    ]);
    expect(expectOk(await core.invoke('planning:visit', { id: visitId })).status).toBe('done');
  });
});

describe.each(engineKinds)('the notice on %s', (kind) => {
  it('no notice, one dated days ahead, one at 23:30 and one an hour before are all violations', async () => {
    const core = await branchOn(kind);
    expect(await recordedCodesOn(core, '2026-05-11', {}, null)).toEqual(['NO_NOTICE']);
    // A phone notice dated 25 May, left by a slip before future times were refused.
    expect(await recordedCodesOn(core, '2026-05-12', {}, '2026-05-25T02:00:00.000Z')).toEqual([
      'NOTICE_LATE',
    ]);
    // 10 May 23:30 Shanghai = 15:30Z, for the visit on the 13th.
    expect(await recordedCodesOn(core, '2026-05-13', {}, '2026-05-10T15:30:00.000Z')).toEqual([
      'NOTICE_OUT_OF_HOURS',
    ]);
    // 14 May 08:05 Shanghai, an hour before 09:05.
    expect(await recordedCodesOn(core, '2026-05-14', {}, '2026-05-14T00:05:00.000Z')).toEqual([
      'NOTICE_LATE',
    ]);
  });
});

describe.each(engineKinds)('where the violations show on %s', (kind) => {
  it('the audit row names them, the case lists the latest record, a correction is judged afresh', async () => {
    const core = await branchOn(kind);
    const visitId = await visitOnEngine(core, '2026-05-19', null);
    const saved = await recordOn(
      core,
      outcomeOn(core, visitId, { date: '2026-05-19', start: '07:50', end: '08:30' }),
    );
    const [audit] = await auditRowsOn(core.app.engine, 'visit.record', saved.effective.id);
    expect(audit!.after!.violations).toEqual([
      {
        code: 'OUTSIDE_LEGAL_HOURS',
        severity: 'legal',
        zh: '实际走访时间 07:50–08:30 超出法定时段 08:00–22:00',
        en: 'The visit took place 07:50–08:30, outside the legal hours 08:00–22:00',
      },
      {
        code: 'NO_NOTICE',
        severity: 'block',
        zh: '走访前没有通知借款人（须至少提前 24 小时打印通知书或电话告知）',
        en: 'The borrower was not told before the visit (a notice or a call at least 24 hours ahead)',
      },
    ]);
    const onCase = expectOk(
      await core.invoke('records:violations', { borrowerId: core.borrowerId }),
    );
    expect(onCase.map((r) => [r.recordId, r.date, r.violations.map((v) => v.code)])).toEqual([
      [saved.effective.id, '2026-05-19', ['OUTSIDE_LEGAL_HOURS', 'NO_NOTICE']],
    ]);
    expect(onCase[0]?.staff.map((s) => s.staffNo)).toEqual(['C101', 'C102']);

    // The times were typed wrong: corrected to 08:50, only the missing notice remains.
    const amended = expectOk(
      await core.invoke('records:amend', {
        ...outcomeOn(core, visitId, { date: '2026-05-19', start: '08:50', end: '09:30' }),
        recordId: saved.effective.id,
        reason: '开始时间录入错误',
      }),
    );
    expect(amended.effective.violations?.map((v) => v.code)).toEqual(['NO_NOTICE']);
    expect(amended.history[0]?.violations?.map((v) => v.code)).toEqual([
      'OUTSIDE_LEGAL_HOURS',
      'NO_NOTICE',
    ]);
    const now = expectOk(await core.invoke('records:violations', { borrowerId: core.borrowerId }));
    expect(now.map((r) => [r.recordId, r.violations.map((v) => v.code)])).toEqual([
      [amended.effective.id, ['NO_NOTICE']],
    ]);
  });
});

/**
 * On SQLite only: the refusal is the SQLite triggers' own, tried with SQL on the connection
 * (postgres-schema.test.ts checks PostgreSQL's).
 */
describe('a record’s violations kept on sqlite', () => {
  it('a record’s violations are never changed or deleted', async () => {
    const core = await branchOn('sqlite');
    const visitId = await visitOnEngine(core, '2026-05-19', null);
    const saved = await recordOn(core, outcomeOn(core, visitId, { date: '2026-05-19' }));
    const db = core.app.db;
    expect(() =>
      db
        .prepare("UPDATE visit_record_violations SET code = 'X' WHERE record_id = ?")
        .run(saved.effective.id),
    ).toThrow(/never changed/);
    expect(() =>
      db.prepare('DELETE FROM visit_record_violations WHERE record_id = ?').run(saved.effective.id),
    ).toThrow(/never deleted/);
  });
});

/**
 * The re-checks judged on what each engine stores (issue 19): certificates by date, a notice's
 * instant (timestamptz on PostgreSQL) against the actual start and the lawful hours, an
 * override's rule codes (jsonb there), a workplace approval, on desk-records.ts's desk with the
 * visits' notice, place and approval written through the app's engine.
 */
describe.each(engineKinds)('what the plan promised, re-checked on %s', (kind) => {
  it('a colleague whose certificate ran out the day before is named; one running out that day is not', async () => {
    const core = await branchOn(kind);
    const sun = await staffAccountOn(core, {
      username: 'sun.wei',
      role: 'officer',
      name: '孙伟',
      staffNo: 'C103',
    });
    const zhou = await staffAccountOn(core, {
      username: 'zhou.li',
      role: 'officer',
      name: '周丽',
      staffNo: 'C104',
    });
    const qian = await staffAccountOn(core, {
      username: 'qian.jun',
      role: 'officer',
      name: '钱军',
      staffNo: 'C105',
    });
    await certify(core, sun.staffId, '2026-05-18');
    await certify(core, zhou.staffId, '2026-05-19');
    // Issued the day after the visit: not held on the day.
    await certify(core, qian.staffId, '2027-12-31', '2026-05-20');
    const staffIds = [core.officer.staffId, sun.staffId, zhou.staffId, qian.staffId];
    const visitId = await visitOnEngine(core, '2026-05-19');
    const saved = await recordOn(core, outcomeOn(core, visitId, { date: '2026-05-19', staffIds }));
    expect(saved.effective.violations?.map((v) => [v.code, v.severity, v.message.zh])).toEqual([
      ['STAFF_NOT_CERTIFIED', 'legal', '孙伟（C103） 在 2026-05-19 没有有效的催收培训/资格证书'],
      ['STAFF_NOT_CERTIFIED', 'legal', '钱军（C105） 在 2026-05-19 没有有效的催收培训/资格证书'],
    ]);
  });
  it('exactly 24 hours before the actual start counts; 23 hours 59 minutes does not', async () => {
    const core = await branchOn(kind);
    // Actual start 09:05 on 19 May = 01:05Z; 24 hours before is 18 May 01:05Z.
    expect(await recordedCodesOn(core, '2026-05-19', {}, '2026-05-18T01:05:00.000Z')).toEqual([]);
    const visitId = await visitOnEngine(core, '2026-05-18', '2026-05-17T01:06:00.000Z');
    const saved = await recordOn(core, outcomeOn(core, visitId, { date: '2026-05-18' }));
    expect(saved.effective.violations?.map((v) => [v.code, v.message.zh])).toEqual([
      ['NOTICE_LATE', '通知（2026-05-17 09:06）距走访开始不足 24 小时，不算提前通知'],
    ]);
  });

  it('21:59 counts; 22:00 does not', async () => {
    const core = await branchOn(kind);
    // 17 May 21:59 Shanghai = 13:59Z.
    expect(await recordedCodesOn(core, '2026-05-19', {}, '2026-05-17T13:59:00.000Z')).toEqual([]);
    const visitId = await visitOnEngine(core, '2026-05-18', '2026-05-16T14:00:00.000Z');
    const saved = await recordOn(core, outcomeOn(core, visitId, { date: '2026-05-18' }));
    expect(saved.effective.violations?.map((v) => [v.code, v.message.en])).toEqual([
      [
        'NOTICE_OUT_OF_HOURS',
        'The notice (2026-05-16 22:00) was given between 22:00 and 08:00 and does not count',
      ],
    ]);
  });

  it('a late notice the manager overrode in writing is no violation', async () => {
    const core = await branchOn(kind);
    const visitId = await visitOnEngine(core, '2026-05-19', null, {
      overrideCodes: ['NOTICE_TOO_LATE'],
    });
    const saved = await recordOn(core, outcomeOn(core, visitId, { date: '2026-05-19' }));
    expect(saved.effective.violations).toEqual([]);
  });
  it('a workplace visit without the approval is named; with the plan approved for it, not', async () => {
    const core = await branchOn(kind);
    const home = await visitOnEngine(core, '2026-05-18');
    const atWork = await recordOn(
      core,
      outcomeOn(core, home, { date: '2026-05-18', place: 'workplace', placeNote: '县农机厂' }),
    );
    expect(atWork.effective).toMatchObject({ place: 'workplace', placeNote: '县农机厂' });
    expect(atWork.effective.violations?.map((v) => [v.code, v.message.zh])).toEqual([
      ['PLACE_NOT_APPROVED', '在工作单位（县农机厂）走访，未经经理批准'],
    ]);
    const approved = await visitOnEngine(core, '2026-05-19', GOOD_NOTICE, {
      place: 'workplace',
      approvedAt: '2026-05-15T02:00:00.000Z',
    });
    const draft = expectOk(await core.invoke('records:draft', { visitId: approved }));
    expect(draft.place).toBe('workplace');
    const saved = await recordOn(
      core,
      outcomeOn(core, approved, { date: '2026-05-19', place: 'workplace' }),
    );
    expect(saved.effective.violations).toEqual([]);
  });
});
