import type { Session } from '../../shared/schemas/foundation';
import type { WaiverRow } from '../../shared/schemas/waivers';
import type { Visitdesk } from '../app/visitdesk';
import { loadWaiverRows, loadWaitingFor } from './read';
import { lapseSettlements } from './service';

/**
 * The lists behind the case page, the visit record and the tasks page. Settlements past their
 * pay-by date unpaid lapse first, so no list shows one as still approved.
 */
export async function waiverListFor(
  app: Visitdesk,
  filter: { borrowerId?: number | undefined; visitRecordId?: number | undefined } | 'awaiting',
  session: Session,
): Promise<WaiverRow[]> {
  await lapseSettlements(app);
  const db = app.engine.db;
  return filter === 'awaiting' ? loadWaitingFor(db, session) : loadWaiverRows(db, filter, session);
}
