import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../electron/shared/result';
import type { Role } from '../../../electron/shared/roles';
import { createBorrowerInput, updateBorrowerInput } from '../../../electron/shared/schemas/cases';
import { contentVersion } from '../../../electron/core/app/versions';
import { getCasePage } from '../../../electron/core/cases/case-page';
import { createBorrower, updateBorrower } from '../../../electron/core/cases/service';
import type { Engine } from '../../../electron/core/db/engine';
import type { DB } from '../../../electron/core/db/schema';
import { engineKinds, type EngineKind } from '../support/engines';
import { desk, testEngines } from '../planning/engine-desk';
import { editFormOf as formOf } from './borrower-form';
import { residentId } from './support';

/**
 * Two desks editing one borrower (issue 20), on both engines: each opened the edit form on the
 * same version; the first save stands, the second is refused with STALE_VERSION and writes
 * nothing, carrying the borrower as it now is and who changed it; saved again on that version
 * it goes through and both changes stand. The clock is 14:00 on Monday 2 March 2026 in
 * Shanghai (06:00 UTC).
 */

const engineOn = testEngines();
const NOW = new Date('2026-03-02T06:00:00.000Z');
const AT = NOW.toISOString();
const TODAY = '2026-03-02';
const ID = residentId('1980-05-17', 131);

function deskAt(engine: Engine, staffId: number, role: Role) {
  return { ...desk(engine, staffId, role), now: () => new Date(NOW.getTime()) } as ReturnType<
    typeof desk
  >;
}

/** The failure a refused save gave (its code and details), or 'accepted'. */
async function failureOf(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppFailure) return { code: error.code, details: error.details };
    throw error;
  }
  return 'accepted' as const;
}

async function auditUpdates(db: Kysely<DB>, borrowerId: number) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'staff_id', 'at'])
    .where('action', '=', 'case.update')
    .where('entity', '=', 'borrower')
    .where('entity_id', '=', String(borrowerId))
    .orderBy('id')
    .execute();
}

/** A branch with a manager and two officers, 李明 at desk A and 赵强 at desk B; one borrower. */
async function twoDesks(kind: EngineKind) {
  const { engine } = await engineOn(kind);
  const db = engine.db;
  const staff = await db
    .insertInto('staff')
    .values(
      [
        ['M001', '王经理', 'manager'],
        ['C101', '李明', 'officer'],
        ['C102', '赵强', 'officer'],
      ].map(([staffNo, name, role]) => ({
        staff_no: staffNo!,
        name: name!,
        role: role as 'manager' | 'officer',
        created_at: AT,
        updated_at: AT,
      })),
    )
    .returning('id')
    .execute();
  const [managerId, liId, zhaoId] = staff.map((s) => s.id) as [number, number, number];
  const { id } = await createBorrower(
    deskAt(engine, managerId, 'manager'),
    createBorrowerInput.parse({
      name: '张三',
      idNumber: ID,
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
    }),
  );
  return {
    db,
    id,
    liId,
    zhaoId,
    a: deskAt(engine, liId, 'officer'),
    b: deskAt(engine, zhaoId, 'officer'),
    read: async () => (await getCasePage(db, id, TODAY)).borrower,
    row: () =>
      db
        .selectFrom('borrowers')
        .select(['mobile', 'address_detail', 'occupation'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
  };
}

/** The form's fields of the borrower as created, written out: what its version digests. */
function createdFields(officerId: number) {
  return {
    name: '张三',
    idNumberMasked: `331121********${ID.slice(-4)}`,
    birthDate: '1980-05-17',
    status: 'active',
    mobileMasked: '138****5678',
    otherPhonesMasked: ['057*****2345'],
    preferredContactTimes: '',
    province: '浙江省',
    provinceCode: null,
    city: '丽水市',
    cityCode: null,
    county: '青田县',
    countyCode: null,
    township: '东源镇',
    townshipCode: null,
    village: '红光村',
    villageCode: null,
    addressDetail: '',
    occupation: '',
    householdSize: null,
    dependents: null,
    householdMembers: [{ name: '李梅', relation: '妻子', age: 44, note: '' }],
    vulnerable: { elderly: false, ill: true, disabled: false, disaster: false },
    vulnerabilityNotes: '',
    officerId,
  };
}

describe.each(engineKinds)('a borrower edited at two desks, on %s', (kind) => {
  it('refuses the second save, stale, writing nothing; saved again on the new version both stand', async () => {
    const { db, id, liId, zhaoId, a, b, read, row } = await twoDesks(kind);
    const atA = await read();
    const atB = await read();
    // The version digests exactly the form's fields, alike on both engines.
    expect(atA.version).toBe(contentVersion(createdFields(liId)));
    expect(atB.version).toBe(atA.version);

    expect(
      await failureOf(
        updateBorrower(
          a,
          updateBorrowerInput.parse({
            ...formOf(atA),
            mobile: '13900002222',
            version: atA.version,
          }),
        ),
      ),
    ).toBe('accepted');
    const afterA = await read();
    expect(afterA.mobileMasked).toBe('139****2222');
    expect(afterA.version).toBe(
      contentVersion({ ...createdFields(liId), mobileMasked: '139****2222' }),
    );
    const [aUpdate] = await auditUpdates(db, id);
    expect(aUpdate).toMatchObject({ staff_id: liId });

    // Desk B still holds the form it opened before A saved.
    const refused = await failureOf(
      updateBorrower(
        b,
        updateBorrowerInput.parse({
          ...formOf(atB),
          addressDetail: '红光村 12 号',
          version: atB.version,
        }),
      ),
    );
    expect(refused).toEqual({
      code: 'STALE_VERSION',
      details: { current: afterA, version: afterA.version, by: '李明', at: aUpdate!.at },
    });
    expect(await row()).toEqual({ mobile: '13900002222', address_detail: '', occupation: '' });
    expect((await auditUpdates(db, id)).map((r) => r.staff_id)).toEqual([liId]);
    expect(await read()).toEqual(afterA);

    // B saves its values again on the version the refusal gave: A's mobile stays (B typed none).
    const { details } = refused as unknown as { details: { version: string } };
    expect(
      await failureOf(
        updateBorrower(
          b,
          updateBorrowerInput.parse({
            ...formOf(atB),
            addressDetail: '红光村 12 号',
            version: details.version,
          }),
        ),
      ),
    ).toBe('accepted');
    expect(await row()).toEqual({
      mobile: '13900002222',
      address_detail: '红光村 12 号',
      occupation: '',
    });
    expect((await auditUpdates(db, id)).map((r) => r.staff_id)).toEqual([liId, zhaoId]);
    const afterB = await read();
    expect(afterB.version).toBe(
      contentVersion({
        ...createdFields(liId),
        mobileMasked: '139****2222',
        addressDetail: '红光村 12 号',
      }),
    );

    // A's form, still on the version it saved, is now stale in turn: B's save is named.
    expect(
      await failureOf(
        updateBorrower(
          a,
          updateBorrowerInput.parse({
            ...formOf(afterA),
            occupation: '养殖',
            version: afterA.version,
          }),
        ),
      ),
    ).toMatchObject({ code: 'STALE_VERSION', details: { by: '赵强', version: afterB.version } });
  });

  it('a save without a version is not checked (the CLI, scripts)', async () => {
    const { a, b, read, row } = await twoDesks(kind);
    const opened = await read();
    await updateBorrower(
      a,
      updateBorrowerInput.parse({ ...formOf(opened), mobile: '13900002222' }),
    );
    expect(
      await failureOf(
        updateBorrower(b, updateBorrowerInput.parse({ ...formOf(opened), occupation: '养殖' })),
      ),
    ).toBe('accepted');
    expect(await row()).toEqual({ mobile: '13900002222', address_detail: '', occupation: '养殖' });
  });

  it('a save that changes nothing the form shows keeps the version, and the form open elsewhere can still save', async () => {
    const { liId, a, b, read, row } = await twoDesks(kind);
    const opened = await read();
    // The same values saved again (audited as a save), the version as it was.
    await updateBorrower(
      a,
      updateBorrowerInput.parse({ ...formOf(opened), version: opened.version }),
    );
    const again = await read();
    expect(again.version).toBe(opened.version);
    expect(again.version).toBe(contentVersion(createdFields(liId)));
    expect(
      await failureOf(
        updateBorrower(
          b,
          updateBorrowerInput.parse({
            ...formOf(opened),
            occupation: '养殖',
            version: opened.version,
          }),
        ),
      ),
    ).toBe('accepted');
    expect((await row()).occupation).toBe('养殖');
    expect((await read()).version).not.toBe(opened.version);
  });
});
