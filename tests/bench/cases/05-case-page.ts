import { channelCase } from '../channel-case';

/** Opening a case: header facts, loans, contacts, assessments and the merged timeline. */
export default channelCase({
  name: 'case page',
  about: 'cases:get (header, loans, timeline of contacts, payments, notes and imports)',
  channel: 'cases:get',
  needs: ['borrowers', 'loans', 'payments', 'contact_events'],
  target: { figure: 'median', maxMs: 50 },
  iterations: 60,
  warmup: 5,
  inputs: ({ branch }) =>
    branch.manifest.samples.caseBorrowerIds.map((borrowerId) => ({
      borrowerId,
      asOf: branch.asOf,
    })),
});
