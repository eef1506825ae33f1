/**
 * Ids a thousand at a time, each chunk one `IN (…)` list of bound parameters on either engine
 * (SQLite takes 32,766 in a statement, PostgreSQL 65,535), whatever the count.
 */
export function idChunks(ids: readonly number[], size = 1000): number[][] {
  const chunks: number[][] = [];
  for (let i = 0; i < ids.length; i += size) chunks.push(ids.slice(i, i + size));
  return chunks;
}
