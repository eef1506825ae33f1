import { channelCase } from '../channel-case';

/** The case list as the DataGrid asks for it: one page of 25 and the total, in SQL. */
export default [
  channelCase({
    name: 'case list page',
    about: 'cases:list sorted by DPD, filtered by bucket (M2–M4+) and village, page 1 of 25',
    channel: 'cases:list',
    needs: ['borrowers'],
    target: { figure: 'p95', maxMs: 25 },
    iterations: 100,
    warmup: 5,
    inputs: ({ branch }) =>
      branch.manifest.samples.places.flatMap(({ township, village }) => [
        {
          asOf: branch.asOf,
          sort: 'dpd',
          direction: 'desc',
          buckets: ['M2', 'M3', 'M4+'],
          township,
          village,
        },
        { asOf: branch.asOf, sort: 'dpd', direction: 'desc', buckets: ['M1'], village },
      ]),
  }),
  channelCase({
    name: 'case list first page',
    about: 'cases:list with no filter, most overdue first, page 1 of 25 with the total',
    channel: 'cases:list',
    needs: ['borrowers'],
    target: { figure: 'p95', maxMs: 25 },
    iterations: 40,
    warmup: 5,
    inputs: ({ branch }) => [{ asOf: branch.asOf, sort: 'dpd', direction: 'desc' }],
  }),
];
