import type { reportChannels } from '../../shared/channels/reports';
import type { FeatureHandlers } from '../app/handler-types';
import { closeMonth, reopenMonth } from './close';
import { exportCsv, exportXlsx } from './exports';
import { figuresSource, liveDrilldown } from './live-figures';
import { monthSummary } from './summary';

export const reportHandlers: FeatureHandlers<typeof reportChannels> = {
  'reports:summary': (input, { app }) => monthSummary(app, input.month),
  'reports:drilldown': (input, { app }) => liveDrilldown(figuresSource(app), input),
  'reports:close': (input, { app }) => closeMonth(app, input.month),
  'reports:reopen': (input, { app }) => reopenMonth(app, input.month, input.reason),
  'reports:exportXlsx': (input, { app }) => exportXlsx(app, input.month, input.lang, input.purpose),
  'reports:exportCsv': (input, { app }) => exportCsv(app, input.month, input.lang, input.purpose),
};
