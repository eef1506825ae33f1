import { z } from 'zod';
import {
  columnMapping,
  savedMapping,
  type ColumnMapping,
  type SavedMapping,
} from '../../shared/schemas/imports';
import { AppFailure } from '../../shared/result';
import { readJsonSetting, writeJsonSetting } from '../settings/json-settings';
import type { Sqlite } from '../db/sqlite';

/** Saved column mappings live in the settings table under one key, as a JSON list. */
export const MAPPINGS_KEY = 'import.mappings';

const stored = z.array(savedMapping);

export function listMappings(db: Sqlite): SavedMapping[] {
  const value = readJsonSetting(db, 'settings', MAPPINGS_KEY);
  if (value === undefined) return [];
  const parsed = stored.safeParse(value);
  // A damaged entry must not block imports; the user can save the mapping again.
  return parsed.success ? parsed.data : [];
}

/** Saves (or replaces) a mapping by name. Call inside the transaction that audits it. */
export function saveMapping(db: Sqlite, name: string, mapping: ColumnMapping): SavedMapping[] {
  const next = [...listMappings(db).filter((m) => m.name !== name), { name, mapping }];
  next.sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  writeJsonSetting(db, 'settings', MAPPINGS_KEY, next);
  return next;
}

/** The mapping to apply: given inline, or saved under a name (unknown name: NOT_FOUND). */
export function resolveMapping(
  db: Sqlite,
  input: { mapping?: ColumnMapping; mappingName?: string },
): ColumnMapping | undefined {
  if (input.mapping) return columnMapping.parse(input.mapping);
  if (!input.mappingName) return undefined;
  const found = listMappings(db).find((m) => m.name === input.mappingName);
  if (!found) throw new AppFailure('NOT_FOUND', `no saved mapping named ${input.mappingName}`);
  return found.mapping;
}
