import fc from 'fast-check';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresEngine, type PostgresEngine } from '../../../electron/core/db/postgres/connect';
import { int8ToNumber, timestampToIso } from '../../../electron/core/db/postgres/types';
import { freshDatabase, type TestDatabase } from '../support/postgres';

// Instants at millisecond precision from 1970 to 2200, the range the app's dates live in.
const instants = fc.date({
  min: new Date('1970-01-01T00:00:00.000Z'),
  max: new Date('2200-12-31T23:59:59.999Z'),
  noInvalidDate: true,
});
const days = instants.map((d) => d.toISOString().slice(0, 10));
// Process zones far from UTC either way, with half- and quarter-hour offsets and DST.
const processZones = ['Asia/Shanghai', 'America/St_Johns', 'Pacific/Chatham', 'Asia/Kathmandu'];

/** Runs `work` with the process in another time zone (Node rereads TZ when it is set). */
async function inProcessZone<T>(zone: string, work: () => Promise<T>): Promise<T> {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

describe('reading PostgreSQL timestamps', () => {
  it('gives the ISO instant for any offset PostgreSQL writes, in any process zone', async () => {
    const offsets = fc.record({
      sign: fc.constantFrom('+', '-'),
      hours: fc.integer({ min: 0, max: 15 }),
      minutes: fc.constantFrom(0, 30, 45),
      seconds: fc.constantFrom(0, 0, 0, 43),
    });
    const check = () =>
      fc.assert(
        fc.property(instants, offsets, (instant, { sign, hours, minutes, seconds }) => {
          const offset = (sign === '-' ? -1 : 1) * (hours * 3600 + minutes * 60 + seconds);
          const local = new Date(instant.getTime() + offset * 1000).toISOString();
          const two = (n: number) => String(n).padStart(2, '0');
          let zone = `${sign}${two(hours)}`;
          if (minutes || seconds) zone += `:${two(minutes)}`;
          if (seconds) zone += `:${two(seconds)}`;
          // PostgreSQL leaves out a zero fraction and trailing zeros of microseconds.
          const fraction = local.slice(20, 23).replace(/0+$/, '');
          const text = `${local.slice(0, 10)} ${local.slice(11, 19)}${fraction ? `.${fraction}` : ''}${zone}`;
          expect(timestampToIso(text)).toBe(instant.toISOString());
        }),
        { numRuns: 300 },
      );
    check();
    for (const zone of processZones) {
      await inProcessZone(zone, () => {
        // The zone did change for this process, so the check below means something.
        expect(new Date('2024-01-01T00:00:00Z').getTimezoneOffset()).not.toBe(0);
        check();
        return Promise.resolve();
      });
    }
  });

  it('cuts microseconds to milliseconds, reads a timestamp without zone as UTC', () => {
    expect(timestampToIso('2024-03-01 08:00:00.123999+00')).toBe('2024-03-01T08:00:00.123Z');
    expect(timestampToIso('2024-03-01 08:00:00.5')).toBe('2024-03-01T08:00:00.500Z');
    expect(timestampToIso('2024-03-01 00:30:00+08')).toBe('2024-02-29T16:30:00.000Z');
    expect(timestampToIso('0099-12-31 23:59:59+00')).toBe('0099-12-31T23:59:59.000Z');
  });

  it('refuses what the app never writes', () => {
    for (const text of ['infinity', '-infinity', '2024-03-01 08:00:00+00 BC', '03/01/2024']) {
      expect(() => timestampToIso(text)).toThrow(RangeError);
    }
  });

  it('turns bigint into a number, and refuses one beyond 2^53 − 1', () => {
    expect(int8ToNumber('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(int8ToNumber('-9007199254740991')).toBe(-Number.MAX_SAFE_INTEGER);
    expect(int8ToNumber('0')).toBe(0);
    for (const text of ['9007199254740992', '-9007199254740993', '9223372036854775807']) {
      expect(() => int8ToNumber(text)).toThrow(RangeError);
    }
  });
});

describe('PostgreSQL values through the engine', () => {
  let database: TestDatabase;
  let engine: PostgresEngine;

  beforeAll(async () => {
    database = await freshDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(
      'CREATE TABLE sample (id bigserial PRIMARY KEY, at timestamptz, plain timestamp, day date, fen bigint)',
    );
    await client.end();
    engine = await postgresEngine({ url: database.url, seesEveryBranch: true });
  });
  afterAll(async () => {
    await engine.close();
    await database.drop();
  });

  async function roundTrip(iso: string, sessionZone: string): Promise<unknown[]> {
    return engine.transaction(async (tx) => {
      // The server writes its output in the session's zone: the parser must not care.
      await sql`SELECT set_config('TimeZone', ${sessionZone}, true)`.execute(tx);
      const { rows } = await sql<{ at: unknown; plain: unknown; id: unknown }>`
        INSERT INTO sample (at, plain) VALUES (${iso}, ${iso}::timestamptz AT TIME ZONE 'UTC')
        RETURNING id, at, plain`.execute(tx);
      const row = rows[0]!;
      return [row.at, row.plain, typeof row.id];
    });
  }

  it('reads back every instant written as an ISO string, whatever the zones', async () => {
    const check = () =>
      fc.assert(
        fc.asyncProperty(
          instants,
          fc.constantFrom('UTC', 'Asia/Shanghai', 'America/St_Johns', 'Asia/Kathmandu'),
          async (instant, zone) => {
            const iso = instant.toISOString();
            expect(await roundTrip(iso, zone)).toEqual([iso, iso, 'number']);
          },
        ),
        { numRuns: 150 },
      );
    await check();
    await inProcessZone('Pacific/Chatham', check);
  });

  it('reads back every date as the same text, never a Date', async () => {
    const check = () =>
      fc.assert(
        fc.asyncProperty(days, async (day) => {
          const { rows } = await sql<{ day: unknown }>`
            INSERT INTO sample (day) VALUES (${day}) RETURNING day`.execute(engine.db);
          expect(rows[0]?.day).toBe(day);
        }),
        { numRuns: 150 },
      );
    await check();
    await inProcessZone('America/St_Johns', check);
  });

  it('reads bigint as a number up to 2^53 − 1 and fails the query beyond it', async () => {
    const { rows } = await sql<{ fen: unknown; n: unknown }>`
      INSERT INTO sample (fen) VALUES (${Number.MAX_SAFE_INTEGER})
      RETURNING fen, (SELECT count(*) FROM sample) AS n`.execute(engine.db);
    expect(rows[0]?.fen).toBe(Number.MAX_SAFE_INTEGER);
    expect(typeof rows[0]?.n).toBe('number');
    await expect(
      sql`SELECT ${'9007199254740993'}::bigint AS fen`.execute(engine.db),
    ).rejects.toThrow(RangeError);
    // The connection is still good after the refused row.
    const after = await sql<{ one: unknown }>`SELECT 1::bigint AS one`.execute(engine.db);
    expect(after.rows[0]?.one).toBe(1);
  });

  it('leaves pg’s own parsers alone for everyone else in the process', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ at: unknown; fen: unknown }>(
        "SELECT '2024-03-01T08:00:00Z'::timestamptz AS at, 5::bigint AS fen",
      );
      expect(rows[0]?.at).toBeInstanceOf(Date);
      expect(rows[0]?.fen).toBe('5');
    } finally {
      await client.end();
    }
  });
});
