import type { Kysely } from 'kysely';
import { importOfficerSetting, type ImportOfficerRule } from '../../shared/schemas/assignments';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';
import { loadJsonSetting, readJsonSetting, saveJsonSetting } from '../settings/json-settings';

/**
 * Who wins when a head-office file names another officer than the one a manager assigned by
 * hand: the branch (default: the file's officer is reported, the case stays) or head office
 * (the case moves and the move is kept as an 'import' assignment). Stored under its own key,
 * read on the engine (`loadImportOfficerRule`) or on the connection for the imports, still
 * synchronous (`readImportOfficerRule`).
 */
const KEY = 'assignments.importOfficer';

function ruleOf(stored: unknown): ImportOfficerRule {
  const parsed = importOfficerSetting.safeParse(stored);
  return parsed.success ? parsed.data.wins : 'branch';
}

export async function loadImportOfficerRule(db: Kysely<DB>): Promise<ImportOfficerRule> {
  return ruleOf(await loadJsonSetting(db, 'settings', KEY));
}

export function readImportOfficerRule(db: Sqlite): ImportOfficerRule {
  return ruleOf(readJsonSetting(db, 'settings', KEY));
}

export function setImportOfficerRule(
  app: Visitdesk,
  wins: ImportOfficerRule,
): Promise<{ wins: ImportOfficerRule }> {
  return app.write(async (tx) => {
    const before = await loadImportOfficerRule(tx);
    await saveJsonSetting(tx, 'settings', KEY, { wins });
    await app.record(tx, {
      action: 'settings.importOfficer',
      entity: 'settings',
      entityId: KEY,
      before: { wins: before },
      after: { wins },
    });
    return { wins };
  });
}
