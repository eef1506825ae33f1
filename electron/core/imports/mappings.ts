import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  columnMapping,
  savedMapping,
  type ColumnMapping,
  type SavedMapping,
} from '../../shared/schemas/imports';
import { AppFailure } from '../../shared/result';
import type { DB } from '../db/schema';
import { loadJsonSetting, saveJsonSetting } from '../settings/json-settings';

/** Saved column mappings live in the settings table under one key, as a JSON list. */
export const MAPPINGS_KEY = 'import.mappings';

const stored = z.array(savedMapping);

/** The saved mappings, on the engine or a write's `tx`. */
export async function loadMappings(db: Kysely<DB>): Promise<SavedMapping[]> {
  const value = await loadJsonSetting(db, 'settings', MAPPINGS_KEY);
  if (value === undefined) return [];
  const parsed = stored.safeParse(value);
  // A damaged entry must not block imports; the user can save the mapping again.
  return parsed.success ? parsed.data : [];
}

/** Saves (or replaces) a mapping by name, inside the write `tx` that audits it. */
export async function saveMapping(
  tx: Kysely<DB>,
  name: string,
  mapping: ColumnMapping,
): Promise<SavedMapping[]> {
  const next = [...(await loadMappings(tx)).filter((m) => m.name !== name), { name, mapping }];
  next.sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  await saveJsonSetting(tx, 'settings', MAPPINGS_KEY, next);
  return next;
}

/** The mapping to apply: given inline, or saved under a name (unknown name: NOT_FOUND). */
export async function resolveMapping(
  db: Kysely<DB>,
  input: { mapping?: ColumnMapping; mappingName?: string },
): Promise<ColumnMapping | undefined> {
  if (input.mapping) return columnMapping.parse(input.mapping);
  if (!input.mappingName) return undefined;
  const found = (await loadMappings(db)).find((m) => m.name === input.mappingName);
  if (!found) throw new AppFailure('NOT_FOUND', `no saved mapping named ${input.mappingName}`);
  return found.mapping;
}
