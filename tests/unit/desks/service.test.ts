import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDesk, enrolDesk, normaliseCode } from '../../../electron/core/desks/service';
import { AppFailure } from '../../../electron/shared/result';
import { expectError, expectOk, MANAGER } from '../support/core';
import { addAccountOn, signedInCoreOn, switchToOn } from '../support/desk';
import { engineKinds, type EngineKind } from '../support/engines';

/**
 * The branch server's desks service (issue 20) on both engines, below the HTTPS of
 * server/branch-server.test.ts: the codes a manager makes (desks:createCode), a PC enrolling
 * with one (enrolDesk, which has no channel: the server calls it), the desk proving itself
 * (checkDesk), and the list and revocation (desks:list, desks:revoke). The core's clock is
 * moved by the test; it starts at 09:00 in Shanghai on Monday 2 March 2026.
 */

const START = '2026-03-02T01:00:00.000Z';
const minutesAfterStart = (minutes: number) =>
  new Date(Date.parse(START) + minutes * 60_000).toISOString();

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** Twelve symbols of the codes' alphabet, dashed 4-4-4, as createEnrolmentCode makes them. */
const code = fc
  .array(fc.constantFrom(...ALPHABET), { minLength: 12, maxLength: 12 })
  .map((s) => `${s.slice(0, 4).join('')}-${s.slice(4, 8).join('')}-${s.slice(8).join('')}`);

/**
 * How a person may type one symbol: either case, 0 as O or o, 1 as I, i, L or l, and after it
 * nothing, a dash, or spaces.
 */
const typedSymbol = (symbol: string) =>
  fc
    .record({
      look: fc.constantFrom(
        ...(symbol === '0'
          ? ['0', 'O', 'o']
          : symbol === '1'
            ? ['1', 'I', 'i', 'L', 'l']
            : [symbol]),
      ),
      lower: fc.boolean(),
      after: fc.constantFrom('', '', '-', ' ', '  ', '\t'),
    })
    .map(({ look, lower, after }) => `${lower ? look.toLowerCase() : look}${after}`);

describe('normaliseCode', () => {
  it('gives every code it could make back unchanged, however it is typed', () => {
    fc.assert(
      fc.property(code, (made) => {
        expect(made).toMatch(CODE_SHAPE);
        expect(normaliseCode(made)).toBe(made);
        expect(normaliseCode(made.toLowerCase())).toBe(made);
        expect(normaliseCode(made.replace(/-/g, ''))).toBe(made);
        expect(normaliseCode(made.replace(/-/g, ' '))).toBe(made);
        expect(normaliseCode(` ${made.split('').join(' ')} `)).toBe(made);
        expect(normaliseCode(made.replace(/0/g, 'O'))).toBe(made);
        expect(normaliseCode(made.replace(/1/g, 'I'))).toBe(made);
        expect(normaliseCode(made.replace(/1/g, 'L'))).toBe(made);
        expect(normaliseCode(made.replace(/1/g, 'l').replace(/0/g, 'o').toLowerCase())).toBe(made);
      }),
      { numRuns: 300 },
    );
  });

  it('gives a code back from any mix of those ways of typing it', () => {
    const typed = code.chain((made) =>
      fc
        .tuple(...made.replace(/-/g, '').split('').map(typedSymbol))
        .map((symbols) => ({ made, typed: symbols.join('') })),
    );
    fc.assert(
      fc.property(typed, ({ made, typed }) => {
        expect(normaliseCode(typed)).toBe(made);
      }),
      { numRuns: 300 },
    );
  });
});

/** The refusal enrolDesk throws, as the fields a caller sees. */
async function refusal(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppFailure) {
      return { code: error.code, message: error.message, fields: error.fields };
    }
    throw error;
  }
  throw new Error('expected a refusal, got a desk');
}

const NOT_ENROLLED = {
  code: 'DESK_NOT_ENROLLED',
  message: 'the enrolment code is unknown, used or expired',
  fields: { code: 'e.DESK_NOT_ENROLLED' },
};

const UNKNOWN_DESK = '0a0b0c0d-1111-4222-8333-444455556666';

describe.each(engineKinds)('the desks service on %s', (kind: EngineKind) => {
  async function desksCore() {
    const clock = { now: new Date(START) };
    const core = await signedInCoreOn(kind, { now: () => clock.now });
    const setClock = (minutes: number) => {
      clock.now = new Date(minutesAfterStart(minutes));
    };
    const desks = () =>
      core.app.engine.db.selectFrom('desks').select(['id', 'name', 'code_by']).execute();
    return { core, app: core.app, setClock, desks };
  }

  it('enrols with a code until a minute before its expiry, and refuses it used or expired alike', async () => {
    const { core, app, setClock, desks } = await desksCore();
    const a = expectOk(await core.invoke('desks:createCode', {}));
    const b = expectOk(await core.invoke('desks:createCode', {}));
    expect(a.expiresAt).toBe('2026-03-02T02:00:00.000Z');
    expect(b.expiresAt).toBe('2026-03-02T02:00:00.000Z');
    expect(a.code).toMatch(CODE_SHAPE);
    expect(b.code).not.toBe(a.code);

    setClock(59);
    const enrolled = await enrolDesk(app, a.code, '  前台一号机 ');
    expect(enrolled.deskId).toMatch(/^[0-9a-f-]{36}$/);
    expect(enrolled.deskSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const used = await refusal(enrolDesk(app, a.code, '前台二号机'));
    setClock(60);
    const atExpiry = await refusal(enrolDesk(app, b.code, '前台二号机'));
    setClock(61);
    const after = await refusal(enrolDesk(app, b.code, '前台二号机'));
    const unknown = await refusal(enrolDesk(app, 'ZZZZ-ZZZZ-ZZZZ', '前台二号机'));
    // A guesser learns nothing: used, expired and unknown are the same refusal.
    for (const r of [used, atExpiry, after, unknown]) expect(r).toEqual(NOT_ENROLLED);

    expect(await desks()).toEqual([
      { id: enrolled.deskId, name: '前台一号机', code_by: app.session!.staffId },
    ]);
    const codes = await app.engine.db
      .selectFrom('enrolment_codes')
      .select('desk_id')
      .orderBy('desk_id')
      .execute();
    expect(codes.map((c) => c.desk_id).sort()).toEqual([enrolled.deskId, null].sort());
  });

  it('enrols one desk of two typing the same code at once', async () => {
    const { core, app, desks } = await desksCore();
    const { code: typed } = expectOk(await core.invoke('desks:createCode', {}));
    const [first, second] = await Promise.allSettled([
      enrolDesk(app, typed, '桌面甲'),
      enrolDesk(app, typed.toLowerCase(), '桌面乙'),
    ]);
    const won = [first, second].filter((r) => r.status === 'fulfilled');
    const lost = [first, second].filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(await refusal(Promise.reject(lost[0]!.reason))).toEqual(NOT_ENROLLED);
    const { deskId } = won[0]!.value;
    const rows = await desks();
    expect(rows.map((d) => d.id)).toEqual([deskId]);
    const enrolled = await app.engine.db
      .selectFrom('audit_log')
      .select(['staff_id', 'desk_id', 'entity_id'])
      .where('action', '=', 'desks.enrolled')
      .execute();
    expect(enrolled).toEqual([
      { staff_id: app.session!.staffId, desk_id: deskId, entity_id: deskId },
    ]);
  });

  it('lets a desk in with its own secret only, and not once revoked', async () => {
    const { core, app } = await desksCore();
    const { code: typed } = expectOk(await core.invoke('desks:createCode', {}));
    const { deskId, deskSecret } = await enrolDesk(app, typed, '柜台机');
    const db = app.engine.db;
    expect(await checkDesk(db, deskId, deskSecret)).toEqual({ id: deskId, name: '柜台机' });

    // The secret with its last symbol changed.
    const otherLast = (secret: string) =>
      `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    const notEnrolled = {
      code: 'DESK_NOT_ENROLLED',
      message: 'this PC is not enrolled with the branch server',
      fields: undefined,
    };
    expect(await refusal(checkDesk(db, UNKNOWN_DESK, deskSecret))).toEqual(notEnrolled);
    expect(await refusal(checkDesk(db, deskId, otherLast(deskSecret)))).toEqual(notEnrolled);
    expect(await refusal(checkDesk(db, deskId, ''))).toEqual(notEnrolled);

    expectOk(await core.invoke('desks:revoke', { deskId }));
    expect(await refusal(checkDesk(db, deskId, deskSecret))).toEqual({
      code: 'DESK_REVOKED',
      message: 'this PC’s enrolment was revoked',
      fields: undefined,
    });
    // A wrong secret for a revoked desk says nothing of the revocation.
    expect(await refusal(checkDesk(db, deskId, 'x'))).toEqual(notEnrolled);
  });

  it('lists desks newest first with who made their codes and who revoked them', async () => {
    const { core, app, setClock } = await desksCore();
    const wang = app.session!.staffId;
    const li = await addAccountOn(core, {
      username: 'li.xiulan',
      role: 'manager',
      name: '李秀兰',
      staffNo: 'M002',
    });
    const byWang = expectOk(await core.invoke('desks:createCode', {}));
    await switchToOn(core, li);
    const byLi = expectOk(await core.invoke('desks:createCode', {}));
    const byLiToo = expectOk(await core.invoke('desks:createCode', { minutes: 30 }));

    setClock(1);
    const one = await enrolDesk(app, byWang.code, '前台一号机');
    setClock(2);
    const two = await enrolDesk(app, byLi.code, '信贷员桌面');
    setClock(3);
    const three = await enrolDesk(app, byLiToo.code, '柜台二号机');

    setClock(4);
    const revokedByLi = expectOk(await core.invoke('desks:revoke', { deskId: two.deskId }));
    expect(revokedByLi).toEqual({
      id: two.deskId,
      name: '信贷员桌面',
      enrolledAt: '2026-03-02T01:02:00.000Z',
      codeBy: '李秀兰',
      revokedAt: '2026-03-02T01:04:00.000Z',
      revokedBy: '李秀兰',
    });
    setClock(5);
    await switchToOn(core, MANAGER);
    expect(app.session!.staffId).toBe(wang);
    expectOk(await core.invoke('desks:revoke', { deskId: three.deskId }));
    expectError(await core.invoke('desks:revoke', { deskId: three.deskId }), 'CONFLICT');
    expectError(await core.invoke('desks:revoke', { deskId: UNKNOWN_DESK }), 'NOT_FOUND');

    expect(expectOk(await core.invoke('desks:list', {}))).toEqual([
      {
        id: three.deskId,
        name: '柜台二号机',
        enrolledAt: '2026-03-02T01:03:00.000Z',
        codeBy: '李秀兰',
        revokedAt: '2026-03-02T01:05:00.000Z',
        revokedBy: '王建国',
      },
      revokedByLi,
      {
        id: one.deskId,
        name: '前台一号机',
        enrolledAt: '2026-03-02T01:01:00.000Z',
        codeBy: '王建国',
        revokedAt: null,
        revokedBy: null,
      },
    ]);
    // The two revocations audited by who made them; the failed third not at all.
    const revoked = await app.engine.db
      .selectFrom('audit_log')
      .select(['staff_id', 'entity_id'])
      .where('action', '=', 'desks.revoked')
      .orderBy('id')
      .execute();
    expect(revoked).toEqual([
      { staff_id: li.staffId, entity_id: two.deskId },
      { staff_id: wang, entity_id: three.deskId },
    ]);
  });

  it('refuses the desks channels to an officer, a clerk and an auditor', async () => {
    const { core } = await desksCore();
    const { code: typed } = expectOk(await core.invoke('desks:createCode', {}));
    const { deskId } = await enrolDesk(core.app, typed, '前台一号机');
    const accounts = [
      await addAccountOn(core, { username: 'li.ming', role: 'officer', staffNo: 'C101' }),
      await addAccountOn(core, { username: 'qian.li', role: 'clerk', staffNo: 'K201' }),
      await addAccountOn(core, { username: 'sun.hua', role: 'auditor', staffNo: 'A301' }),
    ];
    for (const account of accounts) {
      await switchToOn(core, account);
      expectError(await core.invoke('desks:list', {}), 'FORBIDDEN');
      expectError(await core.invoke('desks:createCode', {}), 'FORBIDDEN');
      expectError(await core.invoke('desks:revoke', { deskId }), 'FORBIDDEN');
    }
    const desks = await core.app.engine.db.selectFrom('desks').select(['revoked_at']).execute();
    expect(desks).toEqual([{ revoked_at: null }]);
    expect(
      await core.app.engine.db.selectFrom('enrolment_codes').select('desk_id').execute(),
    ).toEqual([{ desk_id: deskId }]);
  });

  it('makes codes that last from 5 minutes to a day, an hour unless told', async () => {
    const { core } = await desksCore();
    for (const minutes of [4, 1441, 0, -60, 30.5]) {
      expect(
        expectError(await core.invoke('desks:createCode', { minutes }), 'VALIDATION').fields,
        String(minutes),
      ).toHaveProperty('minutes');
    }
    const expiry = async (input: { minutes?: number }) =>
      expectOk(await core.invoke('desks:createCode', input)).expiresAt;
    expect(await expiry({ minutes: 5 })).toBe('2026-03-02T01:05:00.000Z');
    expect(await expiry({ minutes: 1440 })).toBe('2026-03-03T01:00:00.000Z');
    expect(await expiry({})).toBe('2026-03-02T02:00:00.000Z');
    const codes = await core.app.engine.db
      .selectFrom('enrolment_codes')
      .select(['created_at', 'expires_at'])
      .orderBy('expires_at')
      .execute();
    expect(
      codes.map((c) => [
        new Date(c.created_at).toISOString(),
        new Date(c.expires_at).toISOString(),
      ]),
    ).toEqual([
      [START, '2026-03-02T01:05:00.000Z'],
      [START, '2026-03-02T02:00:00.000Z'],
      [START, '2026-03-03T01:00:00.000Z'],
    ]);
  });
});
