import { channelCase } from '../channel-case';
import type { BenchContext } from '../harness';
import type { SeedSamples } from '../seed-rows';

/** The search box of the case list: FTS5 over names, pinyin, places and numbers. */
const search = (name: string, about: string, pick: (s: SeedSamples) => string[]) =>
  channelCase({
    name,
    about: `cases:list searching ${about}, first page of 25`,
    channel: 'cases:list',
    needs: ['borrower_search'],
    target: { figure: 'p95', maxMs: 25 },
    iterations: 100,
    warmup: 5,
    inputs: ({ branch }: BenchContext) =>
      pick(branch.manifest.samples).map((text) => ({ asOf: branch.asOf, search: text })),
    check: (data) => {
      if ((data as { total: number }).total === 0) throw new Error(`${name}: found nothing`);
    },
  });

export default [
  search('search: name', 'a full Chinese name (2–3 characters)', (s) => s.names),
  search('search: ID tail', 'the last 4 characters of a resident ID', (s) => s.idTails),
  search('search: phone', 'a full mobile number', (s) => s.phones),
  search('search: pinyin initials', 'pinyin initials (e.g. "wjg")', (s) => s.pinyinInitials),
];
