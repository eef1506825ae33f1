import type { planningChannels } from '../../shared/channels/planning';
import type { FeatureHandlers } from '../app/handler-types';
import { clearElderly, elderlyStatus, restoreElderly } from './elderly';
import { sheetOf } from '../imports/sheet';
import { importRoster } from './import-roster';
import { holidaysBetween, loadRules, setBranchHoliday, updateRules } from './rules';
import { planRoute } from './route';
import { getTargets, setTarget } from './targets';
import { calendar, dayRoute } from './visit-read';
import { approveVisit, cancelVisit, getVisit, recordNotice } from './visit-status';
import { checkDraft, planVisit, rescheduleVisit, updateVisit } from './visits';
import { worklist } from './worklist';

export const planningHandlers: FeatureHandlers<typeof planningChannels> = {
  'planning:check': (input, { app }) => checkDraft(app, input),
  'planning:planVisit': (input, { app }) => planVisit(app, input),
  'planning:visit': (input, { app }) => getVisit(app, input.id),
  'planning:updateVisit': (input, { app }) => updateVisit(app, input),
  'planning:reschedule': (input, { app }) => rescheduleVisit(app, input),
  'planning:cancelVisit': (input, { app }) => cancelVisit(app, input),
  'planning:approveVisit': (input, { app }) => approveVisit(app, input),
  'planning:recordNotice': (input, { app }) => recordNotice(app, input),
  'planning:calendar': (input, { app }) => calendar(app, input),
  'planning:dayRoute': (input, { app }) => dayRoute(app.engine.db, input.date, input.staffIds),
  'planning:planRoute': (input, { app }) => planRoute(app, input),
  'planning:worklist': (input, { app }) => worklist(app, input ?? { limit: 50 }),
  'planning:importRoster': (input, { app }) => importRoster(app, sheetOf(input), input.mode),

  'planning:rules': (_input, { app }) => loadRules(app.engine.db),
  'planning:updateRules': (input, { app }) => updateRules(app, input),
  'planning:holidays': (input, { app }) => holidaysBetween(app.engine.db, input.from, input.to),
  'planning:setHoliday': (input, { app }) => setBranchHoliday(app, input),
  'planning:elderly': (input, { app }) => elderlyStatus(app, input.borrowerId),
  'planning:clearElderly': (input, { app }) => clearElderly(app, input),
  'planning:restoreElderly': (input, { app }) => restoreElderly(app, input),

  'planning:targets': (input, { app }) => getTargets(app, input.month),
  'planning:setTargets': (input, { app }) => setTarget(app, input),
};
