import HistoryIcon from '@mui/icons-material/History';
import VisibilityIcon from '@mui/icons-material/Visibility';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  documentKindLabels,
  type DocumentKind,
  type DocumentLang,
  type NoticeTemplateRow,
  type TemplateVersionRow,
} from '../../../../electron/shared/schemas/notices';
import { useCan } from '../../app/session';
import { staleOf } from '../../components/EditedElsewhere';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';
import { sampleDocument } from '../../print/samples';
import { DocumentPreview } from './DocumentPreview';
import { printFailureText } from './print-errors';
import { useTextLang } from '../../components/text-lang';

const when = (iso: string, lang: 'zh' | 'en') =>
  new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });

/**
 * Every version of one template (`notices:templateVersions`), newest first, the built-in wording
 * last. Anyone may open a version to read its text and see it drawn on sample data; the manager
 * may restore it (`notices:restoreTemplate`), which saves its text as a new version.
 * `revision` changes whenever the editor saved, so the list reloads.
 */
export function TemplateHistory(props: {
  kind: DocumentKind;
  lang: DocumentLang;
  revision: number;
  onRestored: (row: NoticeTemplateRow) => void;
}) {
  const { t } = useTranslation();
  const uiLang = useTextLang();
  const canRestore = useCan('templates.edit');
  const [viewing, setViewing] = useState<TemplateVersionRow | null>(null);
  const { kind, lang, revision } = props;
  const versions = useChannel(
    'notices:templateVersions',
    { kind, lang },
    { version: revision, explain: printFailureText },
  );
  // Another template's versions never show under this one while its own load.
  const rows = versions.loading ? null : versions.data;

  const restoration = useAction('notices:restoreTemplate', {
    done: (saved, asked) =>
      t('notices.tpl.restored', { from: asked.version, version: saved.version }),
    onDone: (saved) => {
      setViewing(null);
      versions.reload();
      props.onRestored(saved);
    },
    // Another desk saved or restored since this list was read (the toast says so): the list
    // is read again, showing the version now in force.
    onFailed: (error) => {
      if (!staleOf(error)) return;
      setViewing(null);
      versions.reload();
    },
    explain: printFailureText,
  });
  const restoring = restoration.busy;
  // The restore names the version in force as this list shows it (issue 20).
  const restore = (row: TemplateVersionRow) =>
    restoration.run({
      kind,
      lang,
      version: row.version,
      baseVersion: rows?.find((r) => r.isCurrent)?.version,
    });

  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="subtitle2">{t('notices.tpl.history')}</Typography>
        {!canRestore && (
          <Typography variant="caption" color="text.secondary">
            {t('notices.tpl.historyReadOnly')}
          </Typography>
        )}
        {rows && rows.length === 1 && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {t('notices.tpl.historyEmpty')}
          </Typography>
        )}
        <List dense aria-label={t('notices.tpl.history')}>
          {(rows ?? []).map((row) => (
            <ListItem
              key={row.version}
              disableGutters
              secondaryAction={
                <Button
                  size="small"
                  startIcon={<VisibilityIcon />}
                  onClick={() => setViewing(row)}
                  aria-label={`${t('notices.tpl.view')} v${row.version}`}
                >
                  {t('notices.tpl.view')}
                </Button>
              }
            >
              <ListItemText
                primary={
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                    <span>{row.version === 0 ? t('notices.tpl.builtIn') : `v${row.version}`}</span>
                    {row.isCurrent && (
                      <Chip size="small" color="primary" label={t('notices.tpl.current')} />
                    )}
                  </Stack>
                }
                secondary={
                  row.createdAt
                    ? t('notices.tpl.by', {
                        by: row.createdBy
                          ? `${row.createdBy}${row.createdByNo ? `（${row.createdByNo}）` : ''}`
                          : '—',
                        at: when(row.createdAt, uiLang),
                      })
                    : 'v0'
                }
              />
            </ListItem>
          ))}
        </List>
      </CardContent>
      {viewing && (
        <VersionDialog
          row={viewing}
          canRestore={canRestore}
          restoring={restoring}
          onRestore={() => void restore(viewing)}
          onClose={() => setViewing(null)}
        />
      )}
    </Card>
  );
}

function VersionDialog(props: {
  row: TemplateVersionRow;
  canRestore: boolean;
  restoring: boolean;
  onRestore: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const uiLang = useTextLang();
  const { row } = props;
  const preview = useMemo(
    () => sampleDocument(row.kind, row.lang, { version: row.version, body: row.body }),
    [row],
  );
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="lg" aria-labelledby="tpl-version">
      <DialogTitle id="tpl-version">
        {t('notices.tpl.versionTitle', {
          kind: documentKindLabels[row.kind][uiLang],
          lang: t(`notices.tpl.lang.${row.lang}`),
          version: row.version,
        })}
        {row.isCurrent && (
          <Chip size="small" color="primary" label={t('notices.tpl.current')} sx={{ ml: 1 }} />
        )}
      </DialogTitle>
      <DialogContent>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          <Box
            component="pre"
            data-testid="template-version-text"
            sx={{
              flex: 1,
              minWidth: 0,
              m: 0,
              p: 1.5,
              maxHeight: '70vh',
              overflow: 'auto',
              bgcolor: 'grey.100',
              fontSize: 12,
              whiteSpace: 'pre-wrap',
            }}
          >
            {row.body}
          </Box>
          <Box sx={{ flex: 1.4, minWidth: 0 }}>
            <DocumentPreview documents={[preview]} scale={0.55} />
          </Box>
        </Stack>
        {props.canRestore && !row.isCurrent && (
          <Alert severity="info" sx={{ mt: 2 }}>
            {t('notices.tpl.restoreConfirm', { version: row.version })}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('notices.doc.close')}</Button>
        {props.canRestore && !row.isCurrent && (
          <Button
            variant="contained"
            startIcon={<HistoryIcon />}
            disabled={props.restoring}
            onClick={props.onRestore}
          >
            {t('notices.tpl.restoreVersion')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
