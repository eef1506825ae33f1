import { channelCase } from '../channel-case';

/** The ranked "due for a visit" list over every open case, with its reasons. */
export default channelCase({
  name: 'worklist',
  about:
    'planning:worklist (rank 100,000 borrowers by DPD, amount, broken promises, contact, notice; top 50)',
  channel: 'planning:worklist',
  needs: ['borrowers', 'visits'],
  target: { figure: 'median', maxMs: 300 },
  iterations: 20,
  warmup: 2,
  check: (data) => {
    if (!Array.isArray(data) || data.length === 0) throw new Error('the worklist is empty');
  },
  inputs: () => [{ limit: 50 }],
});
