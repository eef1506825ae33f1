import { expect } from 'vitest';
import { residentIdCheckChar } from '../../../electron/shared/idcard';
import type { Channel, ChannelInput, ChannelOutput } from '../../../electron/shared/contract';
import { importFields, type ImportField } from '../../../electron/shared/schemas/imports';
import { addAccount, expectOk, MANAGER, signedInCore, switchTo } from '../support/core';

/**
 * The branch of the month scenario (branch-month.test.ts): 青山农商银行石桥支行 with its manager
 * 王建国 (M001), the collection officers 李明 (C101) and 赵强 (C102), 孙伟 (C103), who joined
 * without his collection-training certificate yet, and the clerk 钱丽 (K201), who imports head
 * office's files, plans visits and registers complaints. Everything happens through the
 * dispatcher the app uses, as whoever would do it at the branch, with the clock set to the
 * branch's local time (Asia/Shanghai, UTC+8, no summer time).
 */

type Person = { username: string; passphrase: string; staffId: number };

/** 'YYYY-MM-DD HH:MM' in the branch's time zone, as an instant. */
export const local = (dateTime: string) => new Date(`${dateTime.replace(' ', 'T')}:00+08:00`);

/** A resident ID (GB 11643-1999) for a birth date, with its check character. */
export function residentId(birthDate: string, sequence: string): string {
  const first17 = `330122${birthDate.replaceAll('-', '')}${sequence}`;
  return first17 + residentIdCheckChar(first17);
}

/** One loan as head office's file writes it (yuan, dates as text; empty cells left out). */
export type FileRow = Partial<Record<ImportField, string>>;

/** The file's columns: the template's, without 最近还款日 unless the file has it. */
const headersOf = (withPaidOn: boolean) =>
  importFields.filter((f) => withPaidOn || f.field !== 'last_paid_on');

export function csvFile(rows: readonly FileRow[], withPaidOn: boolean): string {
  const fields = headersOf(withPaidOn);
  const lines = [fields.map((f) => f.zh).join(',')];
  for (const row of rows) lines.push(fields.map((f) => row[f.field] ?? '').join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export async function branchCore(startsAt: string) {
  const clock = { now: local(startsAt) };
  const core = await signedInCore({ now: () => clock.now });
  const manager: Person = { ...MANAGER, staffId: core.app.session!.staffId };
  const li = addAccount(core, {
    username: 'li.ming',
    role: 'officer',
    name: '李明',
    staffNo: 'C101',
  });
  const zhao = addAccount(core, {
    username: 'zhao.qiang',
    role: 'officer',
    name: '赵强',
    staffNo: 'C102',
  });
  const sun = addAccount(core, {
    username: 'sun.wei',
    role: 'officer',
    name: '孙伟',
    staffNo: 'C103',
  });
  const clerk = addAccount(core, {
    username: 'qian.li',
    role: 'clerk',
    name: '钱丽',
    staffNo: 'K201',
  });
  let signedIn: Person = manager;

  const branch = {
    ...core,
    clock,
    people: { manager, li, zhao, sun, clerk },
    /** Moves the clock to a local time (as if the user had stayed active). */
    at(dateTime: string) {
      clock.now = local(dateTime);
      core.app.touch();
    },
    /** Signs in as `person` unless they are the one signed in. */
    async as(person: Person) {
      if (signedIn.username === person.username && core.app.session) return;
      await switchTo(core, person);
      signedIn = person;
    },
    /** A call that must succeed, as whoever is signed in. */
    async call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      return expectOk(await core.invoke(channel, input)) as ChannelOutput<C>;
    },
    /** A call that must fail, and how. */
    async refused<C extends Channel>(channel: C, input: ChannelInput<C>) {
      const result = await core.invoke(channel, input);
      if (result.ok) throw new Error(`expected ${channel} to be refused`);
      return result.error;
    },
    /** The clerk imports head office's file of `asOf`: every row must go in, nothing rejected. */
    async importFile(
      asOf: string,
      rows: readonly FileRow[],
      options: { withPaidOn?: boolean } = {},
    ) {
      await branch.as(clerk);
      const text = csvFile(rows, options.withPaidOn ?? false);
      const result = expectOk(
        await core.invoke('imports:run', {
          fileName: `总行贷款清单-${asOf}.csv`,
          contentBase64: Buffer.from(text, 'utf8').toString('base64'),
          mode: 'all-or-nothing',
          asOf,
        }),
      );
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
      expect(result.written).toBe(true);
      return result;
    },
  };
  return branch;
}
