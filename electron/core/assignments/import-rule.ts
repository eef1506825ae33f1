import { importOfficerSetting, type ImportOfficerRule } from '../../shared/schemas/assignments';
import type { Visitdesk } from '../app/visitdesk';
import type { Sqlite } from '../db/sqlite';
import { readJsonSetting, writeJsonSetting } from '../settings/json-settings';

/**
 * Who wins when a head-office file names another officer than the one a manager assigned by
 * hand: the branch (default: the file's officer is reported, the case stays) or head office
 * (the case moves and the move is kept as an 'import' assignment). Stored under its own key.
 */
const KEY = 'assignments.importOfficer';

export function readImportOfficerRule(db: Sqlite): ImportOfficerRule {
  const parsed = importOfficerSetting.safeParse(readJsonSetting(db, 'settings', KEY));
  return parsed.success ? parsed.data.wins : 'branch';
}

export function setImportOfficerRule(app: Visitdesk, wins: ImportOfficerRule) {
  return app.db.transaction(() => {
    const before = readImportOfficerRule(app.db);
    writeJsonSetting(app.db, 'settings', KEY, { wins });
    app.audit({
      action: 'settings.importOfficer',
      entity: 'settings',
      entityId: KEY,
      before: { wins: before },
      after: { wins },
    });
    return { wins };
  })();
}
