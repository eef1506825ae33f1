import { describe, expect, it } from 'vitest';
import { listView, readView } from '../../../renderer/src/features/cases/list-view';
import { DEFAULT_VIEW } from '../../../renderer/src/features/cases/list-view-default';

describe('the case list’s view in the address', () => {
  it('without one is the schema’s own defaults (the first screen uses the copy without zod)', () => {
    expect(DEFAULT_VIEW).toEqual(listView.parse({}));
    expect(readView('{}')).toEqual(DEFAULT_VIEW);
  });

  it('keeps what it is given and falls back to the defaults on a hand-edited one', () => {
    expect(readView(JSON.stringify({ page: 2, buckets: ['M2'], search: '张' }))).toMatchObject({
      page: 2,
      buckets: ['M2'],
      search: '张',
      sort: 'dpd',
    });
    expect(readView('not json')).toEqual(DEFAULT_VIEW);
    expect(readView(JSON.stringify({ page: -1 }))).toEqual(DEFAULT_VIEW);
  });
});
