import type { noticeChannels } from '../../shared/channels/notices';
import type { FeatureHandlers } from '../app/handler-types';
import { previewDocuments, printDocuments, printLog, reprintDocument } from './print';
import { loadNoticeSettings, saveNoticeSettings } from './settings';
import { listTemplates, listTemplateVersions, restoreTemplate, saveTemplate } from './templates';

export const noticeHandlers: FeatureHandlers<typeof noticeChannels> = {
  'notices:templates': (_input, { app }) => listTemplates(app.engine.db),
  'notices:saveTemplate': (input, { app }) => saveTemplate(app, input),
  'notices:templateVersions': (input, { app }) =>
    listTemplateVersions(app.engine.db, input.kind, input.lang),
  'notices:restoreTemplate': (input, { app }) => restoreTemplate(app, input),
  'notices:preview': (input, { app }) => previewDocuments(app, input),
  'notices:print': (input, { app }) => printDocuments(app, input),
  'notices:reprint': (input, { app }) => reprintDocument(app, input.printLogId),
  'notices:log': (input, { app }) => printLog(app.engine.db, input),
  'notices:settings': (_input, { app }) => loadNoticeSettings(app.engine.db),
  'notices:saveSettings': (input, { app }) =>
    app.write(async (tx) => {
      const before = await loadNoticeSettings(tx);
      await saveNoticeSettings(tx, input);
      const after = await loadNoticeSettings(tx);
      // The logo is large and not personal data; the audit records that it changed.
      const summary = (s: typeof before) => ({ ...s, logoDataUrl: s.logoDataUrl ? 'set' : null });
      await app.record(tx, {
        action: 'notices.saveSettings',
        entity: 'notice_settings',
        before: summary(before),
        after: summary(after),
      });
      return after;
    }),
};
