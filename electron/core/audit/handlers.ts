import type { auditChannels } from '../../shared/channels/audit';
import type { FeatureHandlers } from '../app/handler-types';
import type { Visitdesk } from '../app/visitdesk';
import { tableCounts } from '../db/table-counts';
import { verifyChain } from './chain';
import { checkDatabaseFile } from './file-check';
import { writeCheckpoint } from './checkpoint';
import { exportAudit, listAudit, verifyAudit } from './viewer';

function quickCheck(app: Visitdesk) {
  app.db.pragma('wal_checkpoint(PASSIVE)');
  return app.runJob('quickCheck', {});
}

export const auditHandlers: FeatureHandlers<typeof auditChannels> = {
  'audit:checkpoint': async (_input, { app }) => {
    const c = await writeCheckpoint(app, 'on demand');
    return { at: c.at, rows: c.rows, head: c.head, username: c.username, reason: c.reason };
  },
  'audit:list': (input, { app }) => listAudit(app, input),
  'audit:verify': (input, { app }) => verifyAudit(app, input.anchors),
  'audit:export': (input, { app }) => exportAudit(app, input),
  'audit:checkFile': (input, { app }) => checkDatabaseFile(app, input),
  'audit:tableCounts': (_input, { app }) => tableCounts(app.engine),
  'audit:checkIntegrity': async (_input, { app }) => {
    // This PC's file gets SQLite's quick_check in a worker; a server's storage is checked by its
    // administrators' tools, so on a server desk the check is the audit chain's.
    const { problems } = app.server ? { problems: [] } : await quickCheck(app);
    if (problems.length) {
      app.markDamaged(problems.join('; '));
      return {
        ok: false,
        problems,
        auditOk: false,
        auditRows: 0,
        auditHead: '',
        auditFirstBadId: null,
      };
    }
    const chain = await verifyChain(app.engine.db);
    return {
      ok: problems.length === 0 && chain.ok,
      problems,
      auditOk: chain.ok,
      auditRows: chain.rows,
      auditHead: chain.head,
      auditFirstBadId: chain.firstBadId,
    };
  },
};
