import type { settingsChannels } from '../../shared/channels/settings';
import { AppFailure } from '../../shared/result';
import type { FeatureHandlers } from '../app/handler-types';
import { first, qb, run } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { readSettings, writeSettings } from './settings';
import { readExtraBoundaries, setExtraBoundaries } from '../reports/bucket-setting';

function readBranch(db: Sqlite) {
  const row = first(db, qb.selectFrom('branch').selectAll());
  if (!row) throw new AppFailure('NOT_SET_UP', 'the branch is not set up');
  return {
    name: row.name,
    code: row.code,
    address: row.address,
    phone: row.phone,
    complaintHotline: row.complaint_hotline,
    timeZone: row.time_zone,
  };
}

export const settingsHandlers: FeatureHandlers<typeof settingsChannels> = {
  'settings:get': (_input, { app }) => readSettings(app.db),
  'settings:update': (input, { app }) =>
    app.db.transaction(() => {
      const before = readSettings(app.db);
      writeSettings(app.db, input);
      const after = readSettings(app.db);
      app.audit({ action: 'settings.update', entity: 'settings', before, after });
      return after;
    })(),
  'settings:branch': (_input, { app }) => readBranch(app.db),
  'settings:reportBuckets': (_input, { app }) => ({ extra: readExtraBoundaries(app.db) }),
  'settings:setReportBuckets': (input, { app }) => setExtraBoundaries(app, input.extra),
  'settings:updateBranch': (input, { app }) =>
    app.db.transaction(() => {
      const before = readBranch(app.db);
      run(
        app.db,
        qb
          .updateTable('branch')
          .set({
            name: input.name,
            code: input.code,
            address: input.address,
            phone: input.phone,
            complaint_hotline: input.complaintHotline,
            time_zone: input.timeZone,
            updated_at: app.now().toISOString(),
          })
          .where('id', '=', 1),
      );
      const after = readBranch(app.db);
      app.audit({ action: 'branch.update', entity: 'branch', entityId: 1, before, after });
      return after;
    })(),
};
