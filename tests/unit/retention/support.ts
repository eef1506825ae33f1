import { residentIdCheckChar } from '../../../electron/shared/idcard';
import { expectOk } from '../support/core';
import { signedInCoreOn } from '../support/desk';
import type { EngineKind } from '../support/engines';

/**
 * One borrower's whole life in a branch, through the dispatcher as over IPC: created, edited,
 * contacts, notes, calls, a visit planned, announced by a printed notice and a route sheet,
 * recorded with the borrower's words and a payment, a month closed, the case closed. Then the
 * clock moves past the retention period. Loans come straight into the table (imports have
 * their own tests).
 */

const first17 = '33112119560817213';
export const PERSON = {
  name: '张三丰',
  idNumber: first17 + residentIdCheckChar(first17),
  maskedId: `331121********${(first17 + residentIdCheckChar(first17)).slice(-4)}`,
  mobile: '13912345678',
  maskedMobile: '139****5678',
  newMobile: '13698765432',
  otherPhone: '13511112222',
  village: '桃花坞村',
  addressDetail: '后山 17 号',
  newAddressDetail: '武当路 88 号',
  occupation: '茶农兼木匠',
  householdMember: '张无忌',
  contactName: '殷素素',
  contactPhone: '13700001234',
  note: '张三丰住武当山脚，女儿在杭州读书',
  eventNote: '电话里说茶叶卖完后还款',
  borrowerWords: '等秋茶卖了一定还，张三丰说话算数',
  recordingRef: 'REC-张三丰-0310',
  consentEvidence: '殷素素口头同意，录音 REC-0301',
};

/** Everything that identifies the person: none of it may survive anonymisation. */
export const IDENTIFYING = [
  PERSON.name,
  PERSON.idNumber,
  PERSON.maskedId,
  PERSON.mobile,
  PERSON.maskedMobile,
  PERSON.newMobile,
  PERSON.otherPhone,
  PERSON.village,
  PERSON.addressDetail,
  PERSON.newAddressDetail,
  PERSON.occupation,
  PERSON.householdMember,
  PERSON.contactName,
  PERSON.contactPhone,
  PERSON.note,
  PERSON.eventNote,
  PERSON.borrowerWords,
  PERSON.recordingRef,
  PERSON.consentEvidence,
];

export async function borrowerLifeCore(kind: EngineKind = 'sqlite') {
  // Monday 2 March 2026, 08:00 in China.
  const clock = { now: new Date('2026-03-02T00:00:00Z') };
  const core = await signedInCoreOn(kind, { now: () => clock.now });
  const setNow = (iso: string) => {
    clock.now = new Date(iso);
    // Moving the clock years ahead must not count as idle time.
    core.app.touch();
  };
  const staffIds: number[] = [];
  for (const staffNo of ['C001', 'C002']) {
    const staff = expectOk(
      await core.invoke('staff:create', { staffNo, name: `员工${staffNo}`, role: 'officer' }),
    );
    expectOk(
      await core.invoke('staff:addCertificate', {
        staffId: staff.id,
        kind: 'training',
        number: `PX-${staffNo}`,
        issuedOn: '2025-01-01',
        expiresOn: '2027-12-31',
      }),
    );
    staffIds.push(staff.id);
  }

  const address = {
    province: '浙江省',
    city: '丽水市',
    county: '青田县',
    township: '东源镇',
    village: PERSON.village,
  };
  const { id } = expectOk(
    await core.invoke('cases:create', {
      name: PERSON.name,
      idNumber: PERSON.idNumber,
      mobile: PERSON.mobile,
      ...address,
      addressDetail: PERSON.addressDetail,
      occupation: PERSON.occupation,
      householdMembers: [{ name: PERSON.householdMember, relation: '儿子', age: 20 }],
    }),
  );
  expectOk(
    await core.invoke('cases:update', {
      id,
      name: PERSON.name,
      ...address,
      addressDetail: PERSON.newAddressDetail,
      occupation: PERSON.occupation,
      householdMembers: [{ name: PERSON.householdMember, relation: '儿子', age: 20 }],
      mobile: PERSON.newMobile,
      otherPhones: [PERSON.otherPhone],
      vulnerable: { elderly: true, ill: false, disabled: false, disaster: false },
    }),
  );
  const at = '2026-01-01T00:00:00.000Z';
  const loanId = await core.app.write(async (tx) => {
    const loan = await tx
      .insertInto('loans')
      .values({
        loan_no: 'QS-2025-0917',
        borrower_id: id,
        principal_fen: 5000000,
        disbursed_on: '2025-01-01',
        outstanding_principal_fen: 3000000,
        overdue_principal_fen: 300000,
        overdue_since: '2026-01-15',
        as_of: '2026-03-01',
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('borrowers')
      .set({ overdue_since: '2026-01-15', total_overdue_fen: 300000 })
      .where('id', '=', id)
      .execute();
    return loan.id;
  });

  const contact = expectOk(
    await core.invoke('cases:addContact', {
      borrowerId: id,
      name: PERSON.contactName,
      relation: 'spouse',
      phone: PERSON.contactPhone,
      consentToContact: true,
      consentEvidence: PERSON.consentEvidence,
      note: `${PERSON.contactName}白天在镇上`,
    }),
  );
  expectOk(await core.invoke('cases:addNote', { borrowerId: id, text: PERSON.note }));
  expectOk(
    await core.invoke('cases:addContactEvent', {
      borrowerId: id,
      at: '2026-03-01T02:00:00.000Z',
      kind: 'call',
      outcome: 'reached',
      note: PERSON.eventNote,
    }),
  );

  const visit = expectOk(
    await core.invoke('planning:planVisit', {
      borrowerId: id,
      staffIds,
      loanIds: [loanId],
      date: '2026-03-10',
      start: '09:00',
      end: '10:00',
      purpose: 'negotiation',
      note: `见${PERSON.name}本人`,
    }),
  );
  expectOk(
    await core.invoke('notices:print', {
      documents: [
        { kind: 'visitNotice', visitId: visit.id },
        { kind: 'demandLetter', borrowerId: id },
        { kind: 'dayRouteSheet', date: '2026-03-10' },
      ],
    }),
  );

  setNow('2026-03-10T02:00:00Z');
  const recorded = expectOk(
    await core.invoke('records:record', {
      visitId: visit.id,
      date: '2026-03-10',
      start: '09:05',
      end: '09:50',
      staffIds,
      met: 'borrower',
      outcome: 'partial_payment',
      borrowerWords: PERSON.borrowerWords,
      situation: { livelihood: `${PERSON.occupation}，收入看天`, householdSize: 3 },
      checklist: {
        staffCardsShown: true,
        rightsExplained: true,
        noThirdPartyDisclosure: true,
        recorded: true,
        recordingRef: PERSON.recordingRef,
      },
      payment: { loanId, amountFen: 50000, method: 'cash' },
      nextAction: `下周再找${PERSON.name}`,
      followUpOn: '2026-03-17',
    }),
  );
  const receiptId = (
    await core.app.engine.db
      .selectFrom('receipts')
      .select('id')
      .where('visit_record_id', '=', recorded.effective.id)
      .executeTakeFirstOrThrow()
  ).id;
  expectOk(
    await core.invoke('notices:print', { documents: [{ kind: 'paymentReceipt', receiptId }] }),
  );

  // March is closed; its audit head leaves the file with the month's figures.
  setNow('2026-04-02T02:00:00Z');
  const close = expectOk(await core.invoke('reports:close', { month: '2026-03' }));

  expectOk(
    await core.invoke('cases:update', {
      id,
      name: PERSON.name,
      ...address,
      addressDetail: PERSON.newAddressDetail,
      householdMembers: [{ name: PERSON.householdMember, relation: '儿子', age: 20 }],
      status: 'closed',
    }),
  );
  return { core, id, contactId: contact.id, setNow, monthHead: close.auditHead };
}
