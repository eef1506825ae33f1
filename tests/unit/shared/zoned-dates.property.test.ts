import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateIn, localIn, zonedInstant } from '../../../electron/shared/dates';

/**
 * Wall-clock dates and times in a branch's zone (shared/dates.ts) keep one Intl formatter per
 * zone. Held to another way of reading a zone's wall clock, `toLocaleString` with the Swedish
 * locale's ISO-like output, made anew on every call, over random instants and zones (whole,
 * half- and quarter-hour offsets, daylight saving, zones interleaved), on both sides of the
 * cache's bound of 64 zones; `zonedInstant` must give back an instant showing the same wall
 * clock (a fall-back hour shows twice, so the instant itself may be either); and values worked
 * out by hand. `zonedInstant` also keeps the instants it worked out (4,096 at most): the same
 * few days asked again in interleaved zones, and more days than it keeps, must still show their
 * own wall clock.
 */

/** 'YYYY-MM-DD HH:MM:SS' in `zone`, the plain way. */
const plainLocal = (zone: string, at: Date) => {
  const text = at.toLocaleString('sv-SE', { timeZone: zone, hourCycle: 'h23' });
  return { date: text.slice(0, 10), time: text.slice(11, 16) };
};

/** A zone's offset in minutes at a whole-minute instant, the plain way. */
const plainOffset = (zone: string, ms: number) => {
  const { date, time } = plainLocal(zone, new Date(ms));
  return (Date.parse(`${date}T${time}:00Z`) - ms) / 60_000;
};

/** The same two passes as zonedInstant, each offset read the plain way, nothing kept. */
const plainInstant = (date: string, time: string, zone: string) => {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const first = wall - plainOffset(zone, wall) * 60_000;
  return wall - plainOffset(zone, first) * 60_000;
};

const ZONES = [
  'Asia/Shanghai',
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/St_Johns',
];

const instant = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) })
  .map((ms) => new Date(ms - (ms % 60_000)));

function checkAgainstPlain(calls: { zone: string; at: Date }[]) {
  for (const { zone, at } of calls) {
    const plain = plainLocal(zone, at);
    expect(dateIn(zone, at)).toBe(plain.date);
    expect(localIn(zone, at)).toEqual(plain);
    expect(plainLocal(zone, zonedInstant(plain.date, plain.time, zone))).toEqual(plain);
  }
}

describe('dates in a branch’s zone', () => {
  it('are the values worked out by hand', () => {
    // Beijing is UTC+8 all year: the 1st of March begins at 16:00 UTC on 28 February.
    expect(zonedInstant('2026-03-01', '00:00', 'Asia/Shanghai').toISOString()).toBe(
      '2026-02-28T16:00:00.000Z',
    );
    expect(dateIn('Asia/Shanghai', new Date('2026-12-03T16:30:00Z'))).toBe('2026-12-04');
    expect(dateIn('Asia/Shanghai', new Date('2026-12-03T15:59:00Z'))).toBe('2026-12-03');
    // New York moves to daylight time at 02:00 EST (07:00 UTC) on 8 March 2026.
    expect(localIn('America/New_York', new Date('2026-03-08T06:30:00Z'))).toEqual({
      date: '2026-03-08',
      time: '01:30',
    });
    expect(localIn('America/New_York', new Date('2026-03-08T07:30:00Z'))).toEqual({
      date: '2026-03-08',
      time: '03:30',
    });
    // Kathmandu is UTC+5:45.
    expect(zonedInstant('2026-06-30', '10:00', 'Asia/Kathmandu').toISOString()).toBe(
      '2026-06-30T04:15:00.000Z',
    );
  });

  it('are the plain way’s over random instants and interleaved zones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ zone: fc.constantFrom(...ZONES), at: instant }), { maxLength: 30 }),
        (calls) => checkAgainstPlain(calls),
      ),
      { numRuns: 200 },
    );
  });

  it('are the plain way’s when more zones are used than the formatters kept', () => {
    const many = Intl.supportedValuesOf('timeZone').slice(0, 150);
    expect(many.length).toBeGreaterThan(64);
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 3 }), (ats) =>
        checkAgainstPlain([...many, ...ZONES].flatMap((zone) => ats.map((at) => ({ zone, at })))),
      ),
      { numRuns: 10 },
    );
  });

  it('gives each zone its own instant when the same days come back, interleaved', () => {
    // Wall clocks read off random instants; each is then asked in every zone, again and again.
    const wallClock = fc
      .record({ zone: fc.constantFrom(...ZONES), at: instant })
      .map(({ zone, at }) => ({ zone, ...plainLocal(zone, at) }));
    fc.assert(
      fc.property(
        fc.array(wallClock, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
        (days, picks) => {
          for (const pick of picks) {
            const { zone, date, time } = days[pick % days.length]!;
            for (const other of ZONES) {
              expect(zonedInstant(date, time, other).getTime()).toBe(
                plainInstant(date, time, other),
              );
            }
            // In the zone it was read in, the wall clock exists: the instant shows it.
            expect(plainLocal(zone, zonedInstant(date, time, zone))).toEqual({ date, time });
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('are right past the number of instants kept, on both sides of it', () => {
    // Midnight of 6,000 consecutive days in Beijing (UTC+8 since 1991, so worked out by hand:
    // 16:00 UTC the day before), twice over: more keys than the 4,096 kept.
    for (let round = 0; round < 2; round += 1) {
      for (let day = 0; day < 6_000; day += 1) {
        const utcMidnight = Date.UTC(2000, 0, 1) + day * 86_400_000;
        const date = new Date(utcMidnight).toISOString().slice(0, 10);
        expect(zonedInstant(date, '00:00', 'Asia/Shanghai').getTime()).toBe(
          utcMidnight - 8 * 3_600_000,
        );
      }
    }
  });

  it('refuses a zone Intl does not know, every time', () => {
    expect(() => dateIn('Mars/Olympus', new Date())).toThrow(RangeError);
    expect(() => dateIn('Mars/Olympus', new Date())).toThrow(RangeError);
  });
});
