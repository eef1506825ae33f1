import { channelCase } from '../channel-case';
import type { BenchContext } from '../harness';

/** The case list as the DataGrid asks for it: one page of 25 and the total, in SQL. */
const listPage = (name: string, about: string, inputs: (ctx: BenchContext) => unknown[]) =>
  channelCase({
    name,
    about: `cases:list ${about}`,
    channel: 'cases:list',
    needs: ['borrowers'],
    target: { figure: 'p95', maxMs: 25 },
    iterations: 100,
    warmup: 5,
    inputs,
  });

export default [
  listPage(
    'case list page',
    'by DPD, bucket M2–M4+ in a township and village, page 1',
    ({ branch }) =>
      branch.manifest.samples.places.map(({ township, village }) => ({
        asOf: branch.asOf,
        sort: 'dpd',
        direction: 'desc',
        buckets: ['M2', 'M3', 'M4+'],
        township,
        village,
      })),
  ),
  // The filter fields are free text: a village typed without its township is a real query.
  listPage(
    'case list village only',
    'by DPD, bucket M1 in a village typed alone, page 1',
    ({ branch }) =>
      branch.manifest.samples.places.map(({ village }) => ({
        asOf: branch.asOf,
        sort: 'dpd',
        direction: 'desc',
        buckets: ['M1'],
        village,
      })),
  ),
  listPage(
    'case list first page',
    'with no filter, most overdue first, page 1 and the total',
    ({ branch }) => [{ asOf: branch.asOf, sort: 'dpd', direction: 'desc' }],
  ),
];
