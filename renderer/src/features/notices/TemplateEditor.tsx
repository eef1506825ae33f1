import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  List,
  ListItemButton,
  ListItemText,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { templateCatalogues } from '../../../../electron/shared/notice-catalogue';
import {
  documentKindLabels,
  documentKinds,
  documentLangs,
  type DocumentKind,
  type DocumentLang,
  type NoticeTemplateRow,
} from '../../../../electron/shared/schemas/notices';
import { templateIssueText, validateTemplate } from '../../../../electron/shared/templates';
import { useCan } from '../../app/session';
import { EditedElsewhere, staleOf, type Stale } from '../../components/EditedElsewhere';
import { errorMessage } from '../../components/error-text';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';
import { sampleDocument } from '../../print/samples';
import { DocumentPreview } from './DocumentPreview';
import { TemplateHistory } from './TemplateHistory';
import { useTextLang } from '../../components/text-lang';

/**
 * The wording of each document: everyone may read it, the manager edits it. The text is
 * checked as it is typed with the same validator the core uses before saving and printing, and
 * the page is drawn live on sample data by the real print layout, so what is seen is what
 * prints. Saving writes a new version; the old ones stay for the print log's references and
 * can be read and restored from the version history.
 *
 * A save names the version its draft started from (issue 20): when another desk has saved the
 * template since, the save is refused (STALE_VERSION), the draft stays in the editor, and the
 * manager chooses to load the version now in force or to save the draft over it.
 */
export function TemplateEditor() {
  const { t } = useTranslation();
  const uiLang = useTextLang();
  const canEdit = useCan('templates.edit');
  const loaded = useChannel('notices:templates', {});
  const templates = loaded.data;
  const [kind, setKind] = useState<DocumentKind>('visitNotice');
  const [lang, setLang] = useState<DocumentLang>('zh');
  // Unsaved edits per kind and language, so switching to look at another one loses nothing,
  // each with the version it started from (what a save names as its base).
  const [drafts, setDrafts] = useState<Record<string, { body: string; base: number }>>({});
  // A save refused because another desk saved the template first, for the kind and language.
  const [stale, setStale] = useState<(Stale<NoticeTemplateRow> & { key: string }) | null>(null);
  // Bumped on every save, so the version history reloads.
  const [revision, setRevision] = useState(0);
  const editor = useRef<HTMLTextAreaElement | null>(null);

  const current = templates?.find((row) => row.kind === kind && row.lang === lang) ?? null;
  const draftKey = `${kind}:${lang}`;
  const draft = drafts[draftKey];
  const body = draft?.body ?? current?.body ?? '';
  const baseVersion = draft?.base ?? current?.version ?? 0;
  const setBody = (text: string) =>
    setDrafts((old) => ({ ...old, [draftKey]: { body: text, base: baseVersion } }));
  const staleHere = stale?.key === draftKey ? stale : null;
  // The version in force: another desk's, once a save here was refused for it.
  const inForce = staleHere?.current ?? current;

  const catalogue = templateCatalogues[kind];
  const issues = useMemo(() => validateTemplate(body, catalogue), [body, catalogue]);
  const preview = useMemo(
    () => sampleDocument(kind, lang, { version: (current?.version ?? 0) + 1, body }),
    [kind, lang, current, body],
  );

  const insert = (name: string) => {
    const area = editor.current;
    const token = `{{${name}}}`;
    const start = area?.selectionStart ?? body.length;
    const end = area?.selectionEnd ?? body.length;
    setBody(body.slice(0, start) + token + body.slice(end));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  /** A version saved or restored is now the one in force; an unsaved draft of it is done. */
  const adopt = (row: NoticeTemplateRow) => {
    if (templates) {
      loaded.setData(templates.map((r) => (r.kind === row.kind && r.lang === row.lang ? row : r)));
    }
    const key = `${row.kind}:${row.lang}`;
    setDrafts(({ [key]: _done, ...rest }) => rest);
    setStale((refused) => (refused?.key === key ? null : refused));
  };

  const saveTemplate = useAction('notices:saveTemplate', {
    done: (row) => t('notices.tpl.saved', { version: row.version }),
    onDone: (row) => {
      adopt(row);
      setRevision((n) => n + 1);
    },
    onFailed: (error, asked) => {
      const refused = staleOf<NoticeTemplateRow>(error);
      setStale(refused && { ...refused, key: `${asked.kind}:${asked.lang}` });
    },
    // A refusal for another desk's save is told in place, by EditedElsewhere.
    explain: (error, tr) => (staleOf(error) ? null : errorMessage(error, tr)),
  });
  const saving = saveTemplate.busy;
  const save = (base: number) => saveTemplate.run({ kind, lang, body, baseVersion: base });

  /** Drops the draft for the version now in force (and lists the versions again). */
  const takeTheirs = (refused: Stale<NoticeTemplateRow>) => {
    adopt(refused.current);
    setRevision((n) => n + 1);
  };
  /** Saves the draft again, knowingly over the version now in force. */
  const keepMine = (refused: Stale<NoticeTemplateRow>) => {
    const base = Number(refused.version);
    setDrafts((old) => ({ ...old, [draftKey]: { body, base } }));
    void save(base);
  };

  return (
    <Stack spacing={2}>
      <Card>
        <CardContent>
          <Stack
            direction="row"
            spacing={2}
            useFlexGap
            sx={{ flexWrap: 'wrap', alignItems: 'center' }}
          >
            <TextField
              select
              label={t('notices.tpl.kind')}
              value={kind}
              onChange={(e) => setKind(e.target.value as DocumentKind)}
              sx={{ minWidth: 220 }}
            >
              {documentKinds.map((k) => (
                <MenuItem key={k} value={k}>
                  {documentKindLabels[k][uiLang]}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              label={t('notices.tpl.lang')}
              value={lang}
              onChange={(e) => setLang(e.target.value as DocumentLang)}
              sx={{ minWidth: 140 }}
            >
              {documentLangs.map((l) => (
                <MenuItem key={l} value={l}>
                  {t(`notices.tpl.lang.${l}`)}
                </MenuItem>
              ))}
            </TextField>
            <Typography variant="body2" color="text.secondary">
              {inForce?.isDefault
                ? t('notices.tpl.defaultVersion')
                : inForce && t('notices.tpl.version', { version: inForce.version })}
            </Typography>
            <Box sx={{ flex: 1 }} />
            {canEdit ? (
              <>
                <Button
                  disabled={!current || body === current.defaultBody}
                  onClick={() => current && setBody(current.defaultBody)}
                >
                  {t('notices.tpl.restore')}
                </Button>
                <Button
                  variant="contained"
                  disabled={saving || issues.length > 0 || !current || body === current.body}
                  onClick={() => void save(baseVersion)}
                >
                  {t('notices.tpl.save')}
                </Button>
              </>
            ) : (
              <Chip label={t('notices.tpl.readOnly')} />
            )}
          </Stack>
        </CardContent>
      </Card>
      {staleHere && (
        <EditedElsewhere
          stale={staleHere}
          changed={
            staleHere.current.body === current?.body
              ? []
              : [
                  t('notices.tpl.changedWording', {
                    kind: documentKindLabels[kind][uiLang],
                    lang: t(`notices.tpl.lang.${lang}`),
                    version: staleHere.version,
                  }),
                ]
          }
          onTakeTheirs={() => takeTheirs(staleHere)}
          onKeepMine={() => keepMine(staleHere)}
          // One text, not fields: saving it replaces the other desk's wording whole.
          note={t('notices.tpl.keepMineReplaces', { version: staleHere.version })}
          busy={saving}
        />
      )}
      <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Stack spacing={2} sx={{ flex: 1, minWidth: 0, width: '100%' }}>
          <TextField
            label={t('notices.tpl.text')}
            multiline
            minRows={18}
            maxRows={40}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            inputRef={editor}
            slotProps={{
              htmlInput: {
                readOnly: !canEdit,
                spellCheck: false,
                'aria-label': t('notices.tpl.text'),
              },
              input: { sx: { fontFamily: 'monospace', fontSize: 13 } },
              inputLabel: { shrink: true },
            }}
          />
          {issues.length > 0 ? (
            <Alert severity="error" data-testid="template-problems">
              <Typography variant="subtitle2">{t('notices.tpl.problems')}</Typography>
              <Box component="ul" sx={{ m: 0, pl: 2 }}>
                {issues.map((issue) => (
                  <li key={`${issue.line}:${issue.column}:${issue.code}:${issue.name ?? ''}`}>
                    {templateIssueText(issue, uiLang)}
                  </li>
                ))}
              </Box>
            </Alert>
          ) : (
            <Alert severity="success">{t('notices.tpl.ok')}</Alert>
          )}
          <TemplateHistory kind={kind} lang={lang} revision={revision} onRestored={adopt} />
        </Stack>
        <Card variant="outlined" sx={{ width: { lg: 300 }, flexShrink: 0 }}>
          <CardContent>
            <Typography variant="subtitle2">{t('notices.tpl.sections')}</Typography>
            <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, my: 1 }}>
              {catalogue.sections.map((s) => (
                <Chip
                  key={s.name}
                  size="small"
                  variant={s.required ? 'filled' : 'outlined'}
                  // Section descriptions are long: let them wrap rather than be cut off.
                  sx={{ height: 'auto', '& .MuiChip-label': { whiteSpace: 'normal', py: 0.25 } }}
                  label={`[[${s.name}]] ${s[uiLang]}${s.required ? ` · ${t('notices.tpl.required')}` : ''}`}
                />
              ))}
            </Box>
            <Typography variant="subtitle2">{t('notices.tpl.placeholders')}</Typography>
            <List dense sx={{ maxHeight: 560, overflow: 'auto' }}>
              {catalogue.placeholders.map((p) => (
                <ListItemButton key={p.name} disabled={!canEdit} onClick={() => insert(p.name)}>
                  <ListItemText
                    primary={p[uiLang]}
                    secondary={`{{${p.name}}}`}
                    slotProps={{ secondary: { sx: { fontFamily: 'monospace' } } }}
                  />
                </ListItemButton>
              ))}
            </List>
          </CardContent>
        </Card>
      </Stack>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="subtitle2" sx={{ mb: 1 }}>
            {t('notices.tpl.livePreview')}
          </Typography>
          <Box data-testid="template-preview">
            <DocumentPreview documents={[preview]} />
          </Box>
        </CardContent>
      </Card>
    </Stack>
  );
}
