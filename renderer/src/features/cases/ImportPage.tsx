import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  FormControlLabel,
  LinearProgress,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link as RouterLink } from 'react-router';
import { z } from 'zod';
import {
  encodingNames,
  importEncodings,
  type ColumnMapping,
  type ImportEncodingChoice,
  type ImportMode,
  type ImportResult,
} from '../../../../electron/shared/schemas/imports';
import type { ChannelInput } from '../../../../electron/shared/contract';
import { ApiError, call, onEvent } from '../../api';
import { DateField, NOT_A_DATE } from '../../components/DateField';
import { errorMessage } from '../../components/error-text';
import { Page } from '../../components/Page';
import { useToast } from '../../components/Toasts';
import { downloadBase64, fileToBase64, formatBytes } from '../../components/files';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';
import { labelColon, withAside } from '../../components/punctuation';
import { OfficerConflictsAhead } from '../assignments/OfficerConflicts';
import { ImportPreviewTable } from './ImportMapping';
import { UnknownOfficersCard } from './ImportOfficers';
import { ImportCounts, PreviewVerdict, ValidationReport } from './ImportReport';

const PREVIEW_ROWS = 10;

/** The worker's progress events, checked at the boundary like everything else from main. */
const jobProgress = z.object({
  jobId: z.number(),
  done: z.number(),
  total: z.number(),
  task: z.string().optional(),
  note: z.string().optional(),
});

interface ChosenFile {
  /** Tells two choices of the same file apart (the second one is previewed afresh). */
  id: number;
  name: string;
  size: number;
  base64: string;
}

type Running = { jobId: number | null; done: number; total: number; note?: string };

/**
 * Import from a head-office spreadsheet: choose the file, check the detected encoding and the
 * column mapping on a preview, choose the mode, import with a progress bar and a Cancel
 * button, then read the validation report.
 */
export function ImportPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [encoding, setEncoding] = useState<ImportEncodingChoice>('auto');
  const [mapping, setMapping] = useState<ColumnMapping | undefined>(undefined);
  const mappings = useChannel('imports:mappings', {});
  const saved = mappings.data ?? [];
  const [mode, setMode] = useState<ImportMode>('all-or-nothing');
  const [asOf, setAsOf] = useState('');
  const [running, setRunning] = useState<Running | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  // Counts finished imports, so the waiting officer names are read again after each.
  const [imported, setImported] = useState(0);
  // Bumped when a manager settles an officer name: the preview is read again.
  const [officersSettled, setOfficersSettled] = useState(0);

  // A preview answers for one file, encoding and mapping; the file is known by its id, not by
  // comparing its bytes on every render.
  const previewed = useChannel(
    'imports:preview',
    file && {
      fileName: file.name,
      contentBase64: file.base64,
      encoding,
      mapping,
      rows: PREVIEW_ROWS,
    },
    {
      inputKey: file ? `${file.id}:${encoding}:${JSON.stringify(mapping ?? {})}` : '',
      version: officersSettled,
    },
  );
  // The last preview stays while the next is read; a failed one leaves none.
  const preview = file && previewed.error === null ? previewed.data : null;
  const previewing = file !== null && previewed.loading;

  const choose = async (chosen: File | undefined) => {
    if (!chosen) return;
    setResult(null);
    setMapping(undefined);
    const base64 = await fileToBase64(chosen);
    setFile({ id: Date.now(), name: chosen.name, size: chosen.size, base64 });
  };

  const template = useAction('imports:template', {
    onDone: (template) =>
      downloadBase64(
        template.fileName,
        template.contentBase64,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ),
  });
  const downloadTemplate = () => template.run({ format: 'xlsx' });

  const mappingSave = useAction('imports:saveMapping', {
    done: t('cases.import.mappingSaved'),
    onDone: (list) => mappings.setData(list),
  });
  const saveMapping = async (name: string) => {
    if (mapping) await mappingSave.run({ name, mapping });
  };

  const importing = useAction(
    async (run: ChannelInput<'imports:run'>): Promise<ImportResult> => {
      setRunning({ jobId: null, done: 0, total: preview?.totalRows ?? 0 });
      // The first progress event names the job; only its events move this bar.
      let jobId: number | null = null;
      const stop = onEvent('job:progress', (payload) => {
        const progress = jobProgress.safeParse(payload);
        // A small import runs inline as job 0, so the task tells it from other work's events.
        if (!progress.success || progress.data.task !== 'importCases') return;
        if (jobId === null) jobId = progress.data.jobId;
        if (progress.data.jobId !== jobId) return;
        const { done, total, note } = progress.data;
        setRunning({ jobId, done, total, note });
      });
      try {
        return await call('imports:run', run);
      } finally {
        stop();
        setRunning(null);
      }
    },
    {
      onDone: (answer) => {
        setResult(answer);
        setImported((n) => n + 1);
      },
      explain: (error, t) => {
        if (!(error instanceof ApiError && error.error.code === 'CANCELLED')) {
          return errorMessage(error, t);
        }
        // A cancelled import is what the user asked for: said, not as an error.
        toast(t('cases.import.cancelled'), 'info');
        return null;
      },
    },
  );
  const runImport = async () => {
    if (!file) return;
    await importing.run({
      fileName: file.name,
      contentBase64: file.base64,
      encoding,
      mapping,
      mode,
      // Each import stores a dated snapshot of the loans it touches; the date is the file's.
      ...(asOf ? { asOf } : {}),
    });
  };

  // imports:cancel stops this window's import whatever its job id; the run then ends CANCELLED.
  const cancelling = useAction('imports:cancel');
  const cancel = () => cancelling.run({});

  const reset = () => {
    setFile(null);
    setResult(null);
    setMapping(undefined);
    if (input.current) input.current.value = '';
  };

  const blocking = preview?.problems.filter((p) => p.line === 0 || p.line === preview.headerLine);
  // A half-typed "as of" date (the field says so) holds the import back.
  const canRun = Boolean(
    preview && !previewing && !running && (blocking?.length ?? 0) === 0 && asOf !== NOT_A_DATE,
  );

  return (
    <Page
      title={t('cases.import.title')}
      actions={
        <Button
          startIcon={<DownloadIcon />}
          variant="outlined"
          onClick={() => void downloadTemplate()}
        >
          {t('cases.import.template')}
        </Button>
      }
    >
      <Stack spacing={2}>
        <Typography color="text.secondary">{t('cases.import.intro')}</Typography>
        <UnknownOfficersCard
          fileNames={(result ?? preview)?.unknownOfficers ?? []}
          refreshKey={imported}
          onResolved={() => result || setOfficersSettled((n) => n + 1)}
        />
        <Card>
          <CardContent>
            <Stack
              direction="row"
              spacing={2}
              useFlexGap
              sx={{ flexWrap: 'wrap', alignItems: 'center' }}
            >
              <Button
                component="label"
                variant="contained"
                startIcon={<UploadFileIcon />}
                disabled={Boolean(running)}
              >
                {t('cases.import.chooseFile')}
                <input
                  ref={input}
                  type="file"
                  hidden
                  accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  data-testid="import-file"
                  onChange={(e) => void choose(e.target.files?.[0])}
                />
              </Button>
              {file && (
                <Typography>
                  {t('cases.import.file', { name: file.name, size: formatBytes(file.size) })}
                </Typography>
              )}
              <TextField
                select
                label={t('cases.import.encoding')}
                value={encoding}
                onChange={(e) => setEncoding(e.target.value as ImportEncodingChoice)}
                sx={{ minWidth: 220 }}
                disabled={Boolean(running) || preview?.kind === 'xlsx'}
              >
                {importEncodings.map((e) => (
                  <MenuItem key={e} value={e}>
                    {encodingNames[e][lang]}
                  </MenuItem>
                ))}
              </TextField>
              {preview?.encoding && (
                <Chip
                  data-testid="import-encoding"
                  label={t('cases.import.encodingDetected', {
                    encoding: encodingNames[preview.encoding][lang],
                  })}
                />
              )}
              {saved.length > 0 && (
                <TextField
                  select
                  label={t('cases.import.useMapping')}
                  value=""
                  onChange={(e) =>
                    setMapping(saved.find((m) => m.name === e.target.value)?.mapping)
                  }
                  sx={{ minWidth: 200 }}
                >
                  {saved.map((m) => (
                    <MenuItem key={m.name} value={m.name}>
                      {m.name}
                    </MenuItem>
                  ))}
                </TextField>
              )}
            </Stack>
          </CardContent>
          {previewing && <LinearProgress aria-label={t('cases.import.previewing')} />}
        </Card>

        {preview && !result && (
          <Card>
            <CardContent>
              <Stack spacing={2}>
                <Typography variant="h6" component="h2">
                  {t('cases.import.preview', { count: preview.rows.length })} ·{' '}
                  {t('cases.import.rows', { count: preview.totalRows })}
                </Typography>
                {blocking && blocking.length > 0 && (
                  <Alert severity="error">
                    {blocking.map((p, i) => (
                      <div key={i}>
                        {p.column ? labelColon(p.column, lang) : ''}
                        {withAside(t(p.reason), p.detail, lang)}
                      </div>
                    ))}
                  </Alert>
                )}
                {(blocking?.length ?? 0) === 0 && (
                  <PreviewVerdict
                    total={preview.totalRows}
                    rejected={preview.rejected}
                    mode={mode}
                  />
                )}
                {preview.headers.length > 0 && (
                  <ImportPreviewTable
                    preview={preview}
                    mapping={mapping}
                    onMappingChange={setMapping}
                    onSaveMapping={(name) => void saveMapping(name)}
                  />
                )}
                {/* The report the import will give, read before it runs. */}
                {preview.problems.length + preview.warnings.length > 0 && (
                  <ValidationReport
                    problems={preview.problems}
                    warnings={preview.warnings}
                    sourceFileName={file?.name ?? ''}
                  />
                )}
                {preview.officerRule && (
                  <OfficerConflictsAhead
                    conflicts={preview.officerConflicts ?? []}
                    total={preview.officerConflictsTotal ?? 0}
                    rule={preview.officerRule}
                  />
                )}
                <DateField
                  label={t('cases.import.asOf')}
                  value={asOf}
                  onChange={setAsOf}
                  helperText={t('cases.import.asOfHelp')}
                  sx={{ maxWidth: 360 }}
                />
                <RadioGroup
                  value={mode}
                  onChange={(e) => setMode(e.target.value as ImportMode)}
                  aria-label={t('cases.import.mode')}
                >
                  <FormControlLabel
                    value="all-or-nothing"
                    control={<Radio />}
                    label={t('cases.import.mode.allOrNothing')}
                  />
                  <FormControlLabel
                    value="valid-only"
                    control={<Radio />}
                    label={t('cases.import.mode.validOnly')}
                  />
                </RadioGroup>
                {running ? (
                  <Box>
                    <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
                      <Typography sx={{ flex: 1 }} data-testid="import-progress">
                        {t('cases.import.running')} {progressText(running, t)}
                      </Typography>
                      <Button color="error" onClick={() => void cancel()}>
                        {t('cases.import.cancel')}
                      </Button>
                    </Stack>
                    <LinearProgress
                      variant={running.total > 0 ? 'determinate' : 'indeterminate'}
                      value={running.total > 0 ? (100 * running.done) / running.total : 0}
                      aria-label={t('cases.import.running')}
                    />
                  </Box>
                ) : (
                  <Box>
                    <Button variant="contained" disabled={!canRun} onClick={() => void runImport()}>
                      {t('cases.import.run')}
                    </Button>
                  </Box>
                )}
              </Stack>
            </CardContent>
          </Card>
        )}

        {result && (
          <Card>
            <CardContent>
              <Stack spacing={2}>
                <Typography variant="h6" component="h2">
                  {t('cases.import.result')}
                </Typography>
                <ImportCounts {...result} />
                <ValidationReport
                  problems={result.errors}
                  warnings={result.warnings}
                  sourceFileName={file?.name ?? ''}
                />
                <Stack direction="row" spacing={1}>
                  <Button variant="outlined" onClick={reset}>
                    {t('cases.import.again')}
                  </Button>
                  <Button component={RouterLink} to="/cases">
                    {t('cases.import.openCases')}
                  </Button>
                </Stack>
              </Stack>
            </CardContent>
          </Card>
        )}
      </Stack>
    </Page>
  );
}

/** Where a running import is: rows read while checking, rows written of all, then the index. */
function progressText(running: Running, t: TFunction): string {
  if (running.note === 'index' || running.note === 'done') return t('cases.import.phase.index');
  if (running.total > 0) {
    return t('cases.import.progress', { done: running.done, total: running.total });
  }
  return running.done > 0 ? t('cases.import.phase.check', { done: running.done }) : '';
}
