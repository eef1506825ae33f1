import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppFailure } from '../../shared/result';
import type { DeskView, EnrolmentCode } from '../../shared/schemas/desks';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';

/**
 * The desks enrolled with the branch server (issue 20), and the one-time codes that enrol them.
 *
 * A manager makes a code (here, or with the CLI on the server); whoever types it on a new PC
 * within its time makes that PC a desk, once. The code and the desk's secret are kept only as
 * SHA-256 hashes: a copy of the database does not let anyone enrol or pose as a desk.
 */

/** Crockford's base32 without the letters read as digits (I, L, O, U): easy to read aloud. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 12 symbols of 5 bits: 60 bits, against codes that live an hour and are tried throttled. */
const CODE_LENGTH = 12;

const sha256 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** `XXXX-XXXX-XXXX`, from a CSPRNG. */
function newCode(): string {
  const bytes = crypto.randomBytes(CODE_LENGTH);
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[bytes[i]! & 31];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/**
 * A typed code as the hash was made of it: upper case, without spaces or dashes, and with the
 * letters a reader mistakes for digits read as those digits (O as 0, I and L as 1).
 */
export function normaliseCode(typed: string): string {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
}

/** A manager's new enrolment code, valid for `minutes`; shown once, kept as its hash. */
export async function createEnrolmentCode(app: Visitdesk, minutes: number): Promise<EnrolmentCode> {
  const session = app.session!;
  const code = newCode();
  const now = app.now();
  const expiresAt = new Date(now.getTime() + minutes * 60_000).toISOString();
  await app.write(async (tx) => {
    await tx
      .insertInto('enrolment_codes')
      .values({
        code_hash: sha256(code),
        created_at: now.toISOString(),
        created_by: session.staffId,
        expires_at: expiresAt,
      })
      .execute();
    await app.record(tx, {
      action: 'desks.codeCreated',
      entity: 'enrolment_code',
      entityId: sha256(code).slice(0, 12),
      after: { expiresAt },
    });
  });
  return { code, expiresAt };
}

/**
 * Enrols the PC that typed `code` as a desk named `name`, and gives it its id and secret. The
 * code is used up in the same write; an unknown, used or expired code gets the same refusal, so
 * a guesser learns nothing from which it was.
 */
export async function enrolDesk(
  app: Visitdesk,
  code: string,
  name: string,
): Promise<{ deskId: string; deskSecret: string }> {
  const now = app.now();
  const codeHash = sha256(normaliseCode(code));
  const deskId = crypto.randomUUID();
  const deskSecret = crypto.randomBytes(32).toString('base64url');
  return app.write(async (tx) => {
    const row = await tx
      .selectFrom('enrolment_codes')
      .select(['created_by', 'expires_at', 'desk_id'])
      .where('code_hash', '=', codeHash)
      .executeTakeFirst();
    const usable =
      row !== undefined && row.desk_id === null && Date.parse(row.expires_at) > now.getTime();
    if (!usable) {
      throw new AppFailure('DESK_NOT_ENROLLED', 'the enrolment code is unknown, used or expired', {
        fields: { code: 'e.DESK_NOT_ENROLLED' },
      });
    }
    await tx
      .insertInto('desks')
      .values({
        id: deskId,
        name: name.trim(),
        secret_hash: sha256(deskSecret),
        enrolled_at: now.toISOString(),
        code_by: row.created_by,
      })
      .execute();
    // Taken only if still free: of two desks typing the same code at once, the second finds it
    // used here (PostgreSQL re-reads the row after the first commits) and enrols nothing.
    const taken = await tx
      .updateTable('enrolment_codes')
      .set({ desk_id: deskId })
      .where('code_hash', '=', codeHash)
      .where('desk_id', 'is', null)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) {
      throw new AppFailure('DESK_NOT_ENROLLED', 'the enrolment code is unknown, used or expired', {
        fields: { code: 'e.DESK_NOT_ENROLLED' },
      });
    }
    await app.record(tx, {
      staffId: row.created_by,
      action: 'desks.enrolled',
      entity: 'desk',
      entityId: deskId,
      after: { name: name.trim() },
      deskId,
    });
    return { deskId, deskSecret };
  });
}

/**
 * The enrolled, unrevoked desk whose secret this is, or a refusal saying which it is not. The
 * secrets are compared as hashes of equal length, in constant time.
 */
export async function checkDesk(
  db: Kysely<DB>,
  deskId: string,
  deskSecret: string,
): Promise<{ id: string; name: string }> {
  const row = await db
    .selectFrom('desks')
    .select(['id', 'name', 'secret_hash', 'revoked_at'])
    .where('id', '=', deskId)
    .executeTakeFirst();
  const given = Buffer.from(sha256(deskSecret), 'hex');
  if (!row || !crypto.timingSafeEqual(given, Buffer.from(row.secret_hash, 'hex'))) {
    throw new AppFailure('DESK_NOT_ENROLLED', 'this PC is not enrolled with the branch server');
  }
  if (row.revoked_at !== null) {
    throw new AppFailure('DESK_REVOKED', 'this PC’s enrolment was revoked');
  }
  return { id: row.id, name: row.name };
}

function listQuery(db: Kysely<DB>) {
  return db
    .selectFrom('desks as d')
    .innerJoin('staff as c', 'c.id', 'd.code_by')
    .leftJoin('staff as r', 'r.id', 'd.revoked_by')
    .select([
      'd.id',
      'd.name',
      'd.enrolled_at',
      'c.name as code_by_name',
      'd.revoked_at',
      'r.name as revoked_by_name',
    ]);
}

type DeskRow = Awaited<ReturnType<ReturnType<typeof listQuery>['execute']>>[number];

const toView = (row: DeskRow): DeskView => ({
  id: row.id,
  name: row.name,
  enrolledAt: new Date(row.enrolled_at).toISOString(),
  codeBy: row.code_by_name,
  revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
  revokedBy: row.revoked_by_name ?? null,
});

/** Every desk ever enrolled, the newest first; revoked ones stay listed. */
export async function listDesks(app: Visitdesk): Promise<DeskView[]> {
  const rows = await listQuery(app.engine.db)
    .orderBy('d.enrolled_at', 'desc')
    .orderBy('d.id')
    .execute();
  return rows.map(toView);
}

/** Cuts a desk off: its next request is refused (server/http.ts checks the desk on each one). */
export async function revokeDesk(app: Visitdesk, deskId: string): Promise<DeskView> {
  const session = app.session!;
  const at = app.now().toISOString();
  await app.write(async (tx) => {
    const revoked = await tx
      .updateTable('desks')
      .set({ revoked_at: at, revoked_by: session.staffId })
      .where('id', '=', deskId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(revoked.numUpdatedRows) === 0) {
      const exists = await tx
        .selectFrom('desks')
        .select('id')
        .where('id', '=', deskId)
        .executeTakeFirst();
      if (!exists) throw new AppFailure('NOT_FOUND', 'no desk with that id');
      throw new AppFailure('CONFLICT', 'this desk was revoked already');
    }
    await app.record(tx, { action: 'desks.revoked', entity: 'desk', entityId: deskId });
  });
  const row = await listQuery(app.engine.db).where('d.id', '=', deskId).executeTakeFirstOrThrow();
  return toView(row);
}
