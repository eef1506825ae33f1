import pg from 'pg';

/**
 * How PostgreSQL's values reach the core: as the same JavaScript values SQLite gives, so a
 * repository reads alike on both engines. Set per pool (pg's `types` option), never through
 * the global `pg.types`, so nothing else in the process that uses pg is changed.
 *
 * - bigint (fen, ids, counts) → number, refused beyond 2^53 − 1 rather than rounded;
 * - timestamptz and timestamp → the ISO instant the app stores everywhere,
 *   `2024-03-01T08:00:00.000Z` (what `Date.prototype.toISOString` gives);
 * - date → its `YYYY-MM-DD` text as it is (pg would make a Date at local midnight).
 */
export function visitdeskTypes(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, 'text', int8ToNumber);
  types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text', timestampToIso);
  types.setTypeParser(pg.types.builtins.TIMESTAMP, 'text', timestampToIso);
  types.setTypeParser(pg.types.builtins.DATE, 'text', (text: string) => text);
  return types;
}

export function int8ToNumber(text: string): number {
  const value = Number(text);
  // Every integer text beyond 2^53 − 1 rounds to at least 2^53, which is not a safe integer.
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value)) {
    throw new RangeError(`bigint ${text} is beyond the integers JavaScript holds exactly`);
  }
  return value;
}

// PostgreSQL's ISO output (DateStyle ISO, set on every connection): a year of four or more
// digits, microseconds when there are any, and for timestamptz the session's offset from UTC
// in hours, minutes when not whole, seconds for historical local mean times.
const isoOutput =
  /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?:([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?)?$/;

/**
 * A timestamp as PostgreSQL writes it → `YYYY-MM-DDTHH:mm:ss.sssZ`. Computed with UTC
 * arithmetic only, so the process's own time zone plays no part; microseconds are cut to
 * milliseconds (the app writes milliseconds, so its own values come back unchanged). A value
 * without an offset (timestamp without time zone) is read as UTC. Infinity and BC dates are
 * refused: the app never writes them, so one is a sign of another application's data.
 */
export function timestampToIso(text: string): string {
  const match = isoOutput.exec(text);
  if (!match) throw new RangeError(`not a timestamp the app can read: ${text}`);
  const [, year, month, day, hour, minute, second, fraction, sign, oh, om, os] = match;
  const instant = new Date(0);
  instant.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  instant.setUTCHours(
    Number(hour),
    Number(minute),
    Number(second),
    Number((fraction ?? '').padEnd(3, '0').slice(0, 3)),
  );
  const offsetSeconds = sign
    ? (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om ?? 0) * 60 + Number(os ?? 0))
    : 0;
  return new Date(instant.getTime() - offsetSeconds * 1000).toISOString();
}
