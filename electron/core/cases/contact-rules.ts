import type { z } from 'zod';
import { can } from '../../shared/roles';
import {
  borrowerInitiatedByManager,
  contactViolation,
  countedContactKinds,
  timedContactKinds,
  type ContactViolation,
} from '../../shared/contact-rules';
import { LEGAL_EARLIEST, LEGAL_LATEST } from '../../shared/compliance';
import { AppFailure } from '../../shared/result';
import type { addContactEventInput } from '../../shared/schemas/cases';
import type { Kysely } from 'kysely';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import { addDays, localIn, zonedInstant } from '../../shared/dates';
import { loadRules } from '../planning/rules';
import { insertContactEvent } from './history';
import { loadBorrower } from './service';
import { loadBranchTimeZone } from '../settings/branch-clock';

/**
 * Contacts logged on a case through the case page (the `cases:addContactEvent` channel): the
 * hours rule and the daily limit (electron/shared/contact-rules.ts says what they are). Visit
 * records write their contact event themselves (records/parts.ts): a record is saved whatever
 * happened and carries its own violations.
 */

type ContactInput = z.output<typeof addContactEventInput>;

const timed = (kind: string) => (timedContactKinds as readonly string[]).includes(kind);
const counted = (kind: string) => (countedContactKinds as readonly string[]).includes(kind);

/** Calls and texts the branch made on the case during one branch day [from, to). */
async function outboundContactsBetween(
  db: Kysely<DB>,
  borrowerId: number,
  from: string,
  to: string,
): Promise<number> {
  const row = await db
    .selectFrom('contact_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('borrower_id', '=', borrowerId)
    .where('direction', '=', 'outbound')
    .where('kind', 'in', [...countedContactKinds])
    .where('at', '>=', from)
    .where('at', '<', to)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The rules an outbound contact of this kind at `at` would break: the legal hours (branch
 * time: 21:59 passes, 22:00 and 07:59 do not) and the day's limit of calls and texts. Read on
 * `db` (the write's `tx`, so the count holds when the contact is written).
 */
async function contactViolations(
  db: Kysely<DB>,
  input: { borrowerId: number; kind: string; at: Date },
): Promise<ContactViolation[]> {
  const zone = await loadBranchTimeZone(db);
  const { date, time } = localIn(zone, input.at);
  const violations: ContactViolation[] = [];
  if (timed(input.kind) && (time < LEGAL_EARLIEST || time >= LEGAL_LATEST)) {
    violations.push(contactViolation('CONTACT_OUT_OF_HOURS', { date, time }));
  }
  if (counted(input.kind)) {
    const max = (await loadRules(db)).maxContactsPerDay;
    const from = zonedInstant(date, '00:00', zone).toISOString();
    const to = zonedInstant(addDays(date, 1), '00:00', zone).toISOString();
    const count = await outboundContactsBetween(db, input.borrowerId, from, to);
    if (count >= max) {
      violations.push(contactViolation('CONTACT_DAILY_LIMIT', { date, count, max }));
    }
  }
  return violations;
}

const fieldOf: Record<ContactViolation['code'], string> = {
  CONTACT_OUT_OF_HOURS: 'v.contact.outOfHours',
  CONTACT_DAILY_LIMIT: 'v.contact.dailyLimit',
};

function refusal(violations: ContactViolation[], managerOnly: boolean): AppFailure {
  const messages = violations.map((v) => v.message);
  if (managerOnly) messages.push(borrowerInitiatedByManager);
  return new AppFailure('RULE_VIOLATION', messages.map((m) => m.en).join('; '), {
    fields: managerOnly
      ? { direction: 'v.contact.managerOnly', at: fieldOf[violations[0]!.code] }
      : { at: fieldOf[violations[0]!.code] },
    details: {
      violations,
      managerOnly,
      reason: {
        zh: messages.map((m) => m.zh).join('；'),
        en: messages.map((m) => m.en).join('; '),
      },
    },
  });
}

/**
 * Logs a call, text, visit or letter on the case after checking the contact rules, in one
 * transaction with the count it checked. An outbound contact that breaks a rule is refused
 * with the reason. A borrower-initiated one is never counted; where an outbound contact would
 * be refused only a manager records it, and its audit row names the rules it was exempt from.
 */
export async function logContactEvent(
  app: Visitdesk,
  input: ContactInput,
): Promise<{ id: number }> {
  const at = new Date(input.at);
  // Before the rules: a contact that has not happened yet is not judged, it is refused.
  if (at.getTime() > app.now().getTime()) {
    throw new AppFailure('VALIDATION', 'contact in the future', {
      fields: { at: 'v.case.future' },
    });
  }
  return app.write(async (tx) => {
    await loadBorrower(tx, input.borrowerId);
    const violations = await contactViolations(tx, {
      borrowerId: input.borrowerId,
      kind: input.kind,
      at,
    });
    if (violations.length === 0) return insertContactEvent(app, tx, input);
    if (input.direction === 'outbound') throw refusal(violations, false);
    if (!can(app.session?.role, 'contacts.exempt')) throw refusal(violations, true);
    return insertContactEvent(app, tx, input, {
      borrowerInitiated: true,
      exemptFrom: violations.map((v) => v.code),
    });
  });
}
