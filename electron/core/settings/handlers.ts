import type { Kysely } from 'kysely';
import type { settingsChannels } from '../../shared/channels/settings';
import { AppFailure } from '../../shared/result';
import type { FeatureHandlers } from '../app/handler-types';
import type { DB } from '../db/schema';
import { loadSettings, saveSettings } from './settings';
import { loadExtraBoundaries, setExtraBoundaries } from '../reports/bucket-setting';

async function readBranch(db: Kysely<DB>) {
  const row = await db.selectFrom('branch').selectAll().executeTakeFirst();
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
  'settings:get': (_input, { app }) => loadSettings(app.engine.db),
  'settings:update': (input, { app }) =>
    app.write(async (tx) => {
      const before = await loadSettings(tx);
      await saveSettings(tx, input);
      const after = await loadSettings(tx);
      await app.record(tx, { action: 'settings.update', entity: 'settings', before, after });
      return after;
    }),
  'settings:branch': (_input, { app }) => readBranch(app.engine.db),
  'settings:reportBuckets': async (_input, { app }) => ({
    extra: await loadExtraBoundaries(app.engine.db),
  }),
  'settings:setReportBuckets': (input, { app }) => setExtraBoundaries(app, input.extra),
  'settings:updateBranch': (input, { app }) =>
    app.write(async (tx) => {
      const before = await readBranch(tx);
      await tx
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
        .where('id', '=', 1)
        .execute();
      const after = await readBranch(tx);
      await app.record(tx, {
        action: 'branch.update',
        entity: 'branch',
        entityId: 1,
        before,
        after,
      });
      return after;
    }),
};
