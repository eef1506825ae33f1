import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listView, readView } from '../../../renderer/src/features/cases/list-view';
import { DEFAULT_VIEW, quickView } from '../../../renderer/src/features/cases/list-view-default';

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

describe('the first screen’s reading of the view without the schema (quickView)', () => {
  // Values on both sides of each rule: in and out of range, wrong types, padded text.
  const value = fc.oneof(
    fc.integer({ min: -5, max: 100_005 }),
    fc.constantFrom(0, 1, 25, 50, 99, 100, 101, 100_000, 100_001, 2.5, -0, Number.MAX_SAFE_INTEGER),
    fc.constantFrom('dpd', 'name', 'place', 'lastVisit', 'nope', 'asc', 'desc', 'DESC', ''),
    fc.string({ maxLength: 120 }),
    fc.constantFrom(' 张三 ', '\t', ' '.repeat(105), 'x'.repeat(100) + '  ', 'x'.repeat(101)),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom([], ['M2'], ['M9'], [1], '', 0, false),
  );
  const key = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom('page', 'pageSize', 'sort', 'direction', 'search') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'buckets',
        'officer',
        'tiers',
        'township',
        'brokenPromise',
        'dpdMin',
        'vulnerable',
        'asOf',
        'extra',
        '__proto__',
        'constructor',
      ),
    },
  );
  const raw = fc.oneof(
    {
      weight: 8,
      arbitrary: fc.dictionary(key, value, { maxKeys: 5 }).map((v) => JSON.stringify(v)),
    },
    { weight: 1, arbitrary: fc.string() },
    { weight: 1, arbitrary: fc.constantFrom('[]', 'null', '1', '"x"', '{', '{"page":1,}') },
  );

  it('gives what readView gives whenever it gives anything, over random addresses', () => {
    let answered = 0;
    fc.assert(
      fc.property(raw, (text) => {
        const quick = quickView(text);
        if (quick === null) return;
        answered++;
        expect(quick).toEqual(readView(text));
      }),
      { numRuns: 3000 },
    );
    // Not vacuous: a good share of the random addresses are read at once.
    expect(answered).toBeGreaterThan(300);
  });

  it('reads the addresses the list itself writes for paging, sorting and searching', () => {
    // Worked out by hand from the schema: the rest of the view is the defaults.
    expect(quickView('{"pageSize":50}')).toEqual({ ...DEFAULT_VIEW, pageSize: 50 });
    // The whole view, as the list writes it, with the filters as they are by default.
    expect(
      quickView(JSON.stringify({ ...DEFAULT_VIEW, page: 3, sort: 'name', direction: 'asc' })),
    ).toEqual({ ...DEFAULT_VIEW, page: 3, sort: 'name', direction: 'asc' });
    expect(
      quickView(JSON.stringify({ page: 3, sort: 'name', direction: 'asc', search: ' 王 ' })),
    ).toEqual({ ...DEFAULT_VIEW, page: 3, sort: 'name', direction: 'asc', search: '王' });
    // Filters, and anything the schema would refuse, wait for the schema.
    expect(quickView('{"buckets":["M2"]}')).toBeNull();
    expect(quickView('{"pageSize":101}')).toBeNull();
    expect(quickView('{"sort":"nope"}')).toBeNull();
    expect(quickView('not json')).toBeNull();
  });
});
