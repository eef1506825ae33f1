import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AppFailure } from '../../../electron/shared/result';
import { caseExitInput } from '../../../electron/shared/schemas/case-exits';
import type { Role } from '../../../electron/shared/roles';
import {
  addAssessmentInput,
  addContactEventInput,
  addContactInput,
  createBorrowerInput,
  revealInput,
  updateBorrowerInput,
} from '../../../electron/shared/schemas/cases';
import { openSealed } from '../../../electron/core/audit/seal';
import { writeFlag } from '../../../electron/core/db/columns';
import type { Engine } from '../../../electron/core/db/engine';
import type { DB } from '../../../electron/core/db/schema';
import { getCasePage, paymentViews } from '../../../electron/core/cases/case-page';
import { caseHandlers } from '../../../electron/core/cases/handlers';
import { logContactEvent } from '../../../electron/core/cases/contact-rules';
import {
  addAssessment,
  addContact,
  addNote,
  revealField,
} from '../../../electron/core/cases/history';
import { loadOfficerOptions } from '../../../electron/core/cases/repo';
import { loadSearchBorrowerIds, matchExpression } from '../../../electron/core/cases/search';
import {
  searchBorrowerIdsPostgres,
  type SearchTokensDatabase,
} from '../../../electron/core/cases/search-postgres';
import { exitCase } from '../../../electron/core/cases/exits';
import { createBorrower, updateBorrower } from '../../../electron/core/cases/service';
import { engineKinds, type EngineKind } from '../support/engines';
import { desk, testEngines } from '../planning/engine-desk';
import { residentId } from './support';

/**
 * The case page and the cases' own edits on both engines (issue 19): a borrower created and
 * edited (a new officer, a new mobile), contacts, calls and texts logged by the contact rules
 * (the day's fourth call, a call at 22:30 and a call to a neighbour without consent refused;
 * the borrower's own call at 22:30 left to the manager, who records it marked), a visit, a note,
 * an assessment and masked numbers revealed, read back alike on SQLite and PostgreSQL with the
 * audit rows; a case written off shows its exit and is not brought back by an edit. The clock stands at 14:00 on Monday 2 March 2026 in Shanghai (06:00 UTC); times
 * below are written in UTC with the branch's wall clock beside them.
 */

const engineOn = testEngines();
const NOW = new Date('2026-03-02T06:00:00.000Z');
const AT = NOW.toISOString();
const TODAY = '2026-03-02';
const ID_A = residentId('1980-05-17', 131);
const ID_B = residentId('1975-01-01', 11);

/** A desk signed in as `staffId` at 14:00 in Shanghai. */
function deskAt(engine: Engine, staffId: number, role: Role) {
  return { ...desk(engine, staffId, role), now: () => new Date(NOW.getTime()) } as ReturnType<
    typeof desk
  >;
}

/** The code and field keys a refused action failed with, or 'accepted'. */
async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppFailure) {
      return `${error.code} ${JSON.stringify(error.fields ?? {})}`;
    }
    throw error;
  }
  return 'accepted';
}

async function details(error: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await error;
  } catch (failure) {
    if (failure instanceof AppFailure) return failure.details ?? {};
    throw failure;
  }
  throw new Error('accepted');
}

/** Case search on the engine's own index: FTS5 on SQLite, the token table on PostgreSQL. */
async function searchIds(kind: EngineKind, db: Kysely<DB>, text: string): Promise<number[]> {
  if (kind === 'sqlite') return loadSearchBorrowerIds(db, matchExpression(text)!);
  return (await searchBorrowerIdsPostgres(db as unknown as Kysely<SearchTokensDatabase>, text))!;
}

/** The audit rows, their sealed details opened with the borrower's key. */
async function auditRows(db: Kysely<DB>) {
  const keys = await db.selectFrom('audit_subject_keys').select(['borrower_id', 'key']).execute();
  const keyOf = new Map(keys.map((k) => [Number(k.borrower_id), k.key]));
  const rows = await db
    .selectFrom('audit_log')
    .select([
      'action',
      'entity',
      'entity_id',
      'staff_id',
      'subject_id',
      'success',
      'before',
      'after',
    ])
    .orderBy('id')
    .execute();
  const open = (text: string | null, subject: number | null) =>
    text === null
      ? null
      : JSON.parse(subject === null ? text : openSealed(text, keyOf.get(subject)!)!);
  return rows.map((r) => ({
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    staffId: r.staff_id,
    subject: r.subject_id,
    success: Boolean(r.success),
    before: open(r.before, r.subject_id),
    after: open(r.after, r.subject_id),
  }));
}

/** Everything the story does on `kind`, and what it reads back. */
async function story(kind: EngineKind) {
  const { engine } = await engineOn(kind);
  const db = engine.db;
  if (kind === 'postgres') {
    // The tests' cluster sorts text by code point (C.UTF-8); a server set up in a language's
    // order would put 'b202' before 'C101' unless the query says COLLATE "C".
    await sql`ALTER TABLE staff ALTER COLUMN staff_no TYPE text COLLATE "und-x-icu"`.execute(db);
  }
  const staff = await db
    .insertInto('staff')
    .values(
      [
        ['M001', '王经理', 'manager', true],
        ['C101', '李明', 'officer', true],
        ['b202', '赵强', 'officer', true],
        ['C300', '孙丽', 'clerk', true],
        ['A001', '钱前', 'officer', false],
      ].map(([staffNo, name, role, active]) => ({
        staff_no: staffNo as string,
        name: name as string,
        role: role as 'manager' | 'officer' | 'clerk',
        active: writeFlag(active as boolean),
        created_at: AT,
        updated_at: AT,
      })),
    )
    .returning('id')
    .execute();
  const [managerId, liId, zhaoId, clerkId, leftId] = staff.map((s) => s.id) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const manager = deskAt(engine, managerId, 'manager');
  const li = deskAt(engine, liId, 'officer');
  const zhao = deskAt(engine, zhaoId, 'officer');

  const create = (more: Partial<z.input<typeof createBorrowerInput>>) =>
    createBorrower(
      manager,
      createBorrowerInput.parse({
        name: '张三',
        idNumber: ID_A,
        mobile: '13812345678',
        otherPhones: ['0578-6512345'],
        province: '浙江省',
        city: '丽水市',
        county: '青田县',
        township: '东源镇',
        village: '红光村',
        householdMembers: [{ name: '李梅', relation: '妻子', age: 44 }],
        vulnerable: { ill: true },
        officerId: liId,
        ...more,
      }),
    );
  const refusedCreates = [
    await refusal(create({ officerId: leftId })),
    await refusal(create({ officerId: clerkId })),
  ];
  const { id: a } = await create({});
  const duplicate = await details(create({ name: '张叁', idNumber: ID_A.toLowerCase() }));
  const { id: b } = await create({
    name: '李四',
    idNumber: ID_B,
    mobile: '13600001234',
    otherPhones: [],
    householdMembers: [],
    vulnerable: {},
    officerId: zhaoId,
  });

  // A loan a month overdue, its February file and a repayment that file reported.
  const { id: loanId } = await db
    .insertInto('loans')
    .values({
      loan_no: 'QT-1',
      borrower_id: a,
      principal_fen: 5_000_000,
      disbursed_on: '2025-01-01',
      outstanding_principal_fen: 3_000_000,
      overdue_principal_fen: 300_000,
      overdue_interest_fen: 20_000,
      overdue_since: '2026-01-31',
      as_of: '2026-02-28',
      created_at: AT,
      updated_at: AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('loan_snapshots')
    .values({
      loan_id: loanId,
      as_of: '2026-02-28',
      outstanding_principal_fen: 3_000_000,
      overdue_principal_fen: 300_000,
      overdue_interest_fen: 20_000,
      penalty_fen: 0,
      overdue_since: '2026-01-31',
      dpd: 28,
      bucket: 'M1',
      created_at: AT,
    })
    .execute();
  await db
    .insertInto('payments')
    .values({
      loan_id: loanId,
      borrower_id: a,
      paid_on: '2026-02-20',
      amount_fen: 50_000,
      source: 'import',
      created_at: AT,
    })
    .execute();
  await db
    .updateTable('borrowers')
    .set({ overdue_since: '2026-01-31', total_overdue_fen: 320_000, outstanding_fen: 3_000_000 })
    .where('id', '=', a)
    .execute();

  // The manager edits the case: a new name and village, disputed, 赵强's now, a new mobile.
  const edit = (more: Partial<z.input<typeof updateBorrowerInput>>) =>
    updateBorrower(
      manager,
      updateBorrowerInput.parse({
        id: a,
        name: '张三丰',
        province: '浙江省',
        city: '丽水市',
        county: '青田县',
        township: '东源镇',
        village: '五星村',
        householdMembers: [{ name: '李梅', relation: '妻子', age: 44 }],
        vulnerable: { ill: true },
        officerId: zhaoId,
        status: 'disputed',
        mobile: '13900001111',
        ...more,
      }),
    );
  const refusedEdit = await refusal(edit({ idNumber: ID_B }));
  await edit({});
  const search = {
    newName: await searchIds(kind, db, '张三丰'),
    oldVillage: await searchIds(kind, db, '红光'),
    newVillage: await searchIds(kind, db, '五星'),
    newMobile: await searchIds(kind, db, '1111'),
    oldMobile: await searchIds(kind, db, '5678'),
  };

  const contact = (more: Partial<z.input<typeof addContactInput>>) =>
    addContact(
      zhao,
      addContactInput.parse({ borrowerId: a, name: '邻居老王', relation: 'other', ...more }),
    );
  const { id: neighbour } = await contact({ phone: '13500001111' });
  const { id: guarantor } = await contact({
    name: '陈建国',
    relation: 'sibling',
    phone: '13500002222',
    isGuarantor: true,
  });
  const { id: spouse } = await contact({
    name: '李梅',
    relation: 'spouse',
    phone: '13700002468',
    consentToContact: true,
    consentEvidence: '签字同意书',
  });
  const contactSearch = await searchIds(kind, db, '2468');

  const log = (app: ReturnType<typeof desk>, more: Partial<z.input<typeof addContactEventInput>>) =>
    logContactEvent(
      app,
      addContactEventInput.parse({ borrowerId: a, kind: 'call', outcome: 'no_answer', ...more }),
    );
  const events = {
    // 08:30, 09:00 (a text) and 10:00 (the guarantor) on the 2nd: the day's three.
    first: await refusal(log(zhao, { at: '2026-03-02T00:30:00.000Z' })),
    text: await refusal(
      log(zhao, { at: '2026-03-02T01:00:00.000Z', kind: 'sms', outcome: 'delivered' }),
    ),
    guarantor: await refusal(
      log(zhao, { at: '2026-03-02T02:00:00.000Z', contactId: guarantor, outcome: 'reached' }),
    ),
    // 11:00: the fourth.
    fourth: await refusal(log(zhao, { at: '2026-03-02T03:00:00.000Z' })),
    fourthWhy: await details(log(zhao, { at: '2026-03-02T03:00:00.000Z' })),
    // 10:00 on the 1st, to the neighbour, who gave no consent.
    neighbour: await refusal(log(zhao, { at: '2026-03-01T02:00:00.000Z', contactId: neighbour })),
    // 22:30 on the 1st: the officer's call, the borrower's call taken by the officer, then
    // recorded by the manager.
    late: await refusal(log(zhao, { at: '2026-03-01T14:30:00.000Z' })),
    lateInbound: await refusal(
      log(zhao, { at: '2026-03-01T14:30:00.000Z', direction: 'inbound', outcome: 'reached' }),
    ),
    lateByManager: await refusal(
      log(manager, {
        at: '2026-03-01T14:30:00.000Z',
        direction: 'inbound',
        outcome: 'reached',
        note: '借款人晚上主动来电',
      }),
    ),
    // 10:00 on Friday the 27th: a visit, uncounted.
    visit: await refusal(
      log(zhao, { at: '2026-02-27T02:00:00.000Z', kind: 'visit', outcome: 'reached' }),
    ),
    // A minute after now.
    future: await refusal(log(zhao, { at: '2026-03-02T06:01:00.000Z' })),
  };

  await addNote(zhao, { borrowerId: a, text: '家属住院，暂缓上门。' });
  const noteRefused = await refusal(addNote(zhao, { borrowerId: 999, text: '你好' }));
  await addAssessment(
    zhao,
    addAssessmentInput.parse({
      borrowerId: a,
      assessedOn: '2026-02-27',
      livelihood: '种植茶叶',
      monthlyIncomeFen: 400_000,
      monthlyExpensesFen: 250_000,
      householdSize: 4,
      capacityFen: 100_000,
      hardship: ['illness', 'crop_failure'],
    }),
  );

  const reveal = (app: ReturnType<typeof desk>, more: Partial<z.input<typeof revealInput>>) =>
    revealField(app, revealInput.parse({ borrowerId: a, field: 'idNumber', ...more }));
  const revealed = {
    idNumber: await reveal(zhao, {}),
    mobile: await reveal(zhao, { field: 'mobile' }),
    otherPhones: await reveal(zhao, { field: 'otherPhones' }),
    spouse: await reveal(zhao, { field: 'contactPhone', contactId: spouse }),
    noContact: await refusal(reveal(zhao, { field: 'contactPhone', contactId: 99 })),
    notAssigned: await refusal(reveal(li, {})),
  };

  const audit = await auditRows(db);
  // 李四's case written off on the 1st: closed, and not brought back by an edit.
  await exitCase(
    manager,
    caseExitInput.parse({
      borrowerId: b,
      kind: 'written_off',
      exitOn: '2026-03-01',
      reference: 'HX-2026-007',
    }),
  );
  const reopenByEdit = await refusal(
    updateBorrower(
      manager,
      updateBorrowerInput.parse({ id: b, name: '李四', officerId: zhaoId, status: 'active' }),
    ),
  );
  const exited = await getCasePage(db, b, TODAY);

  return {
    ids: { a, b, managerId, liId, zhaoId, neighbour, guarantor, spouse },
    reopenByEdit,
    exited: { header: exited.header, status: exited.borrower.status },
    refusedCreates,
    duplicate,
    refusedEdit,
    search: { ...search, contactPhone: contactSearch },
    events,
    noteRefused,
    revealed,
    // Through the channel's handler, which reads the page's parts at one instant.
    page: await caseHandlers['cases:get'](
      { borrowerId: a, asOf: TODAY },
      { app: manager, session: manager.session },
    ),
    payments: await paymentViews(db, a),
    officers: await loadOfficerOptions(db, kind),
    consents: await db
      .selectFrom('consents')
      .select(['borrower_id', 'contact_id', 'kind', 'evidence', 'recorded_by'])
      .execute(),
    audit,
  };
}

describe.each(engineKinds)('the case page and its edits on %s', (kind) => {
  it('creates, edits, logs by the contact rules, reveals and reads the page back', async () => {
    const s = await story(kind);
    const { a, b, managerId, liId, zhaoId, neighbour, guarantor, spouse } = s.ids;

    expect(s.refusedCreates).toEqual([
      'VALIDATION {"officerId":"v.case.officer"}',
      'VALIDATION {"officerId":"v.case.officer"}',
    ]);
    expect(s.duplicate).toEqual({ existingId: a });
    expect(s.refusedEdit).toBe('CONFLICT {"idNumber":"v.case.duplicateId"}');
    // The search follows the edit and the contact's phone (李四 lives in 红光村 too).
    expect(s.search).toEqual({
      newName: [a],
      oldVillage: [b],
      newVillage: [a],
      newMobile: [a],
      oldMobile: [],
      contactPhone: [a],
    });

    expect(s.events).toEqual({
      first: 'accepted',
      text: 'accepted',
      guarantor: 'accepted',
      fourth: 'RULE_VIOLATION {"at":"v.contact.dailyLimit"}',
      fourthWhy: expect.objectContaining({
        violations: [
          expect.objectContaining({
            code: 'CONTACT_DAILY_LIMIT',
            params: { date: '2026-03-02', count: 3, max: 3 },
          }),
        ],
        managerOnly: false,
      }),
      neighbour: 'RULE_VIOLATION {"contactId":"v.case.noConsent"}',
      late: 'RULE_VIOLATION {"at":"v.contact.outOfHours"}',
      lateInbound:
        'RULE_VIOLATION {"direction":"v.contact.managerOnly","at":"v.contact.outOfHours"}',
      lateByManager: 'accepted',
      visit: 'accepted',
      future: 'VALIDATION {"at":"v.case.future"}',
    });
    expect(s.noteRefused).toBe('NOT_FOUND {"borrowerId":"e.NOT_FOUND"}');
    expect(s.revealed).toEqual({
      idNumber: { value: ID_A },
      mobile: { value: '13900001111' },
      otherPhones: { value: '0578-6512345' },
      spouse: { value: '13700002468' },
      noContact: 'NOT_FOUND {"contactId":"e.NOT_FOUND"}',
      notAssigned: 'FORBIDDEN {}',
    });

    const { page } = s;
    expect(page.borrower).toEqual({
      id: a,
      name: '张三丰',
      idNumberMasked: `331121********${ID_A.slice(-4)}`,
      birthDate: '1980-05-17',
      sex: 'M',
      age: 45,
      mobileMasked: '139****1111',
      otherPhonesMasked: ['057*****2345'],
      province: '浙江省',
      provinceCode: null,
      city: '丽水市',
      cityCode: null,
      county: '青田县',
      countyCode: null,
      township: '东源镇',
      townshipCode: null,
      village: '五星村',
      villageCode: null,
      addressDetail: '',
      occupation: '',
      householdSize: null,
      dependents: null,
      householdMembers: [{ name: '李梅', relation: '妻子', age: 44, note: '' }],
      preferredContactTimes: '',
      vulnerable: { elderly: false, ill: true, disabled: false, disaster: false },
      vulnerabilityNotes: '',
      officerId: zhaoId,
      status: 'disputed',
      closedAt: null,
      createdAt: AT,
      updatedAt: AT,
      version: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    // ¥3,200 overdue since 31 January: 30 days on 2 March (February has 28), M1.
    expect(page.header).toEqual({
      totalOverdueFen: 320_000,
      outstandingFen: 3_000_000,
      maxDpd: 30,
      bucket: 'M1',
      overdueSince: '2026-01-31',
      officer: { id: zhaoId, name: '赵强', staffNo: 'b202' },
      // The guarantor's call at 10:00 on the 2nd; the visit on the 27th.
      lastContactAt: '2026-03-02T02:00:00.000Z',
      lastVisitAt: '2026-02-27T02:00:00.000Z',
      vulnerable: ['ill'],
      disputed: true,
      onHold: false,
      closed: false,
      brokenPromises: 0,
      exit: null,
      classification: null,
    });
    expect(page.loans).toEqual([
      expect.objectContaining({ loanNo: 'QT-1', overdueFen: 320_000, dpd: 30, bucket: 'M1' }),
    ]);
    expect(
      page.contacts.map((c) => [c.id, c.name, c.phoneMasked, c.isGuarantor, c.consentToContact]),
    ).toEqual([
      [neighbour, '邻居老王', '135****1111', false, false],
      [guarantor, '陈建国', '135****2222', true, false],
      [spouse, '李梅', '137****2468', false, true],
    ]);
    expect(page.contacts[2]!.consentRecordedAt).toBe(AT);
    expect(page.assessments).toEqual([
      expect.objectContaining({
        assessedOn: '2026-02-27',
        staffId: zhaoId,
        staffName: '赵强',
        monthlyIncomeFen: 400_000,
        capacityFen: 100_000,
        hardship: ['illness', 'crop_failure'],
      }),
    ]);
    // Newest first; a date-only entry at the start of its day in Shanghai (the 28th's file at
    // 16:00 UTC on the 27th, above the visit at 10:00 that morning); the note and the officer's
    // change both at 14:00 today, the note first.
    expect(page.timeline.map((e) => [e.type, e.at])).toEqual([
      ['note', AT],
      ['assignment', AT],
      ['contact', '2026-03-02T02:00:00.000Z'],
      ['contact', '2026-03-02T01:00:00.000Z'],
      ['contact', '2026-03-02T00:30:00.000Z'],
      ['contact', '2026-03-01T14:30:00.000Z'],
      ['import', '2026-02-28'],
      ['contact', '2026-02-27T02:00:00.000Z'],
      ['assessment', '2026-02-27'],
      ['payment', '2026-02-20'],
    ]);
    expect(page.timeline[1]).toMatchObject({
      fromOfficer: '李明',
      toOfficer: '赵强',
      staffName: '王经理',
    });
    expect(page.timeline[2]).toMatchObject({ contactName: '陈建国', staffName: '赵强' });
    expect(page.timeline[5]).toMatchObject({ direction: 'inbound', staffName: '王经理' });
    expect(page.timeline[6]).toMatchObject({
      loans: 1,
      overdueFen: 320_000,
      maxDpd: 28,
      bucket: 'M1',
    });
    expect(s.payments.map((p) => [p.paidOn, p.amountFen, p.loanNo, p.source])).toEqual([
      ['2026-02-20', 50_000, 'QT-1', 'import'],
    ]);
    // Active officers and managers by staff number in code-point order, with their open cases
    // (张三丰's; 李四's is closed).
    expect(s.officers.map((o) => [o.staff_no, Number(o.cases)])).toEqual([
      ['C101', 0],
      ['M001', 0],
      ['b202', 1],
    ]);
    expect(s.reopenByEdit).toBe('CONFLICT {"status":"v.case.exitInForce"}');
    expect(s.exited.status).toBe('closed');
    expect(s.exited.header).toMatchObject({
      closed: true,
      exit: {
        kind: 'written_off',
        exitOn: '2026-03-01',
        reference: 'HX-2026-007',
        note: '',
        setByName: '王经理',
        setAt: AT,
      },
    });
    expect(s.consents).toEqual([
      {
        borrower_id: a,
        contact_id: spouse,
        kind: 'contact_third_party',
        evidence: '签字同意书',
        recorded_by: zhaoId,
      },
    ]);

    const row = (action: string, staffId: number, after: unknown, more: object = {}) => ({
      action,
      entity: 'borrower',
      entityId: String(a),
      staffId,
      subject: a,
      success: true,
      before: null,
      after,
      ...more,
    });
    const address = '浙江省 丽水市 青田县 东源镇';
    const facts = {
      idNumber: `331121********${ID_A.slice(-4)}`,
      otherPhones: ['057*****2345'],
      occupation: '',
      householdSize: null,
      dependents: null,
      vulnerable: { elderly: false, ill: true, disabled: false, disaster: false },
    };
    const event = (id: number, at: string, kind: string, outcome: string, more: object = {}) =>
      row('case.addContactEvent', zhaoId, {
        eventId: id,
        kind,
        direction: 'outbound',
        outcome,
        at,
        ...more,
      });
    expect(s.audit).toEqual([
      row('case.create', managerId, {
        name: '张三',
        mobile: '138****5678',
        address: `${address} 红光村`,
        ...facts,
        officerId: liId,
        status: 'active',
      }),
      {
        ...row(
          'case.create',
          managerId,
          expect.objectContaining({ name: '李四', officerId: zhaoId }),
        ),
        entityId: String(b),
        subject: b,
      },
      row(
        'case.update',
        managerId,
        {
          name: '张三丰',
          mobile: '139****1111',
          address: `${address} 五星村`,
          ...facts,
          officerId: zhaoId,
          status: 'disputed',
          idNumberChanged: false,
          mobileChanged: true,
        },
        {
          before: {
            name: '张三',
            mobile: '138****5678',
            address: `${address} 红光村`,
            ...facts,
            officerId: liId,
            status: 'active',
          },
        },
      ),
      row('case.addContact', zhaoId, {
        contactId: neighbour,
        name: '邻居老王',
        relation: 'other',
        phone: '135****1111',
        isGuarantor: false,
        consentToContact: false,
      }),
      row('case.addContact', zhaoId, {
        contactId: guarantor,
        name: '陈建国',
        relation: 'sibling',
        phone: '135****2222',
        isGuarantor: true,
        consentToContact: true,
      }),
      row('case.addContact', zhaoId, {
        contactId: spouse,
        name: '李梅',
        relation: 'spouse',
        phone: '137****2468',
        isGuarantor: false,
        consentToContact: true,
      }),
      event(1, '2026-03-02T00:30:00.000Z', 'call', 'no_answer'),
      event(2, '2026-03-02T01:00:00.000Z', 'sms', 'delivered'),
      event(3, '2026-03-02T02:00:00.000Z', 'call', 'reached'),
      {
        ...event(4, '2026-03-01T14:30:00.000Z', 'call', 'reached', {
          direction: 'inbound',
          borrowerInitiated: true,
          exemptFrom: ['CONTACT_OUT_OF_HOURS'],
        }),
        staffId: managerId,
      },
      event(5, '2026-02-27T02:00:00.000Z', 'visit', 'reached'),
      row('case.addNote', zhaoId, { noteId: 1 }),
      row('case.addAssessment', zhaoId, { assessmentId: 1, assessedOn: '2026-02-27' }),
      row('case.reveal', zhaoId, { field: 'idNumber' }),
      row('case.reveal', zhaoId, { field: 'mobile' }),
      row('case.reveal', zhaoId, { field: 'otherPhones' }),
      row('case.reveal', zhaoId, { field: 'contactPhone', contactId: spouse }),
      row(
        'case.reveal',
        liId,
        { field: 'idNumber', reason: 'not the assigned officer' },
        { success: false },
      ),
    ]);
  });
});

describe('the case page on both engines', () => {
  it('reads the same page, payments, officers and audit rows on SQLite and PostgreSQL', async () => {
    const sqlite = await story('sqlite');
    const postgres = await story('postgres');
    expect(postgres).toEqual(sqlite);
  });
});
