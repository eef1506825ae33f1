import type { backupChannels } from '../../shared/channels/backup';
import { latestCheckpoint } from '../audit/checkpoint';
import type { FeatureHandlers } from '../app/handler-types';
import { listBackups } from './backup';

export const backupHandlers: FeatureHandlers<typeof backupChannels> = {
  'backup:create': async (_input, { app }) => {
    const result = await app.backup();
    await app.write((tx) =>
      app.record(tx, { action: 'backup.create', entity: 'backup', entityId: result.file }),
    );
    // The backup sheet shows the checkpoint the copy carries (written just before the copy).
    return { ...result, checkpoint: await latestCheckpoint(app.engine.db) };
  },
  'backup:list': (_input, { app }) => listBackups(app.files.backups),
};
