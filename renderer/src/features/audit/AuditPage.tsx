import DownloadIcon from '@mui/icons-material/Download';
import VerifiedIcon from '@mui/icons-material/Verified';
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
  MenuItem,
  Stack,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilter, AuditRow } from '../../../../electron/shared/channels/audit';
import type { ChannelOutput } from '../../../../electron/shared/contract';
import { call } from '../../api';
import { DateField } from '../../components/DateField';
import { Page } from '../../components/Page';
import { PurposeDialog } from '../../components/PurposeDialog';
import { useToast } from '../../components/Toasts';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';
import { useGridLocaleText } from '../../components/useGridLocaleText';
import { formatWhen } from '../../components/format';
import { AuditDetails } from './AuditDetails';
import { downloadBase64 } from '../../components/files';
import { actionLabel, entityLabel } from './labels';

/** An audit code in words, the code itself on hover for the auditor. */
function Coded({ code, label }: { code: string; label: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('audit.code', { code })} placement="top-start">
      <span data-code={code}>{label}</span>
    </Tooltip>
  );
}

type Verify = ChannelOutput<'audit:verify'>;

export function AuditPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [paging, setPaging] = useState({ page: 0, pageSize: 25 });
  const [selected, setSelected] = useState<AuditRow | null>(null);
  const [verifyOpen, setVerifyOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const localeText = useGridLocaleText({ noRowsLabel: t('audit.empty') });

  const { data, loading } = useChannel('audit:list', { ...filter, ...paging });

  const columns = useMemo<GridColDef<AuditRow>[]>(
    () => [
      { field: 'id', headerName: '#', width: 70, sortable: false },
      {
        field: 'at',
        headerName: t('audit.time'),
        width: 170,
        sortable: false,
        // One format in both languages, to the second (en's locale form did not fit the column).
        valueFormatter: (value: string) => formatWhen(value, { seconds: true }),
      },
      {
        field: 'staffName',
        headerName: t('audit.staff'),
        width: 120,
        sortable: false,
        valueFormatter: (value: string | null) => value ?? t('audit.system'),
      },
      {
        field: 'action',
        headerName: t('audit.action'),
        width: 210,
        sortable: false,
        renderCell: ({ value }) => (
          <Coded code={String(value)} label={actionLabel(t, String(value))} />
        ),
      },
      {
        field: 'entity',
        headerName: t('audit.entity'),
        width: 140,
        sortable: false,
        renderCell: ({ value }) => (
          <Coded code={String(value)} label={entityLabel(t, String(value))} />
        ),
      },
      { field: 'entityId', headerName: t('audit.entityId'), width: 90, sortable: false },
      {
        field: 'details',
        headerName: t('audit.details'),
        width: 100,
        sortable: false,
        renderCell: ({ value }) =>
          value === 'anonymised' ? (
            <Chip size="small" variant="outlined" label={t('audit.anonymised')} />
          ) : null,
      },
      {
        field: 'success',
        headerName: t('audit.result'),
        width: 90,
        sortable: false,
        renderCell: ({ value }) => (
          <Chip
            size="small"
            color={value ? 'success' : 'error'}
            label={value ? t('audit.success') : t('audit.failure')}
          />
        ),
      },
      {
        field: 'hash',
        headerName: 'SHA-256',
        flex: 1,
        sortable: false,
        renderCell: ({ value }) => (
          <span style={{ fontFamily: 'monospace', fontSize: 12 }}>
            {String(value).slice(0, 16)}…
          </span>
        ),
      },
    ],
    [t],
  );

  const label = (key: 'action' | 'entity', code: string) =>
    key === 'action' ? actionLabel(t, code) : entityLabel(t, code);
  const select = (key: 'action' | 'entity', options: string[]) => (
    <TextField
      select
      label={t(`audit.${key}`)}
      value={filter[key] ?? ''}
      onChange={(e) => {
        setPaging((p) => ({ ...p, page: 0 }));
        setFilter((f) => ({ ...f, [key]: e.target.value || undefined }));
      }}
      sx={{ minWidth: 180 }}
    >
      <MenuItem value="">{t('audit.any')}</MenuItem>
      {options.map((o) => (
        <MenuItem key={o} value={o} title={t('audit.code', { code: o })}>
          {label(key, o)}
        </MenuItem>
      ))}
    </TextField>
  );
  const dateField = (key: 'from' | 'to') => (
    <DateField
      label={t(`audit.${key}`)}
      value={filter[key]}
      empty={undefined}
      holdInvalid
      onChange={(value) => {
        setFilter((f) => ({ ...f, [key]: value }));
      }}
    />
  );

  return (
    <Page
      title={t('nav.audit')}
      actions={
        <Stack direction="row" spacing={1}>
          <Button
            startIcon={<VerifiedIcon />}
            variant="outlined"
            onClick={() => setVerifyOpen(true)}
          >
            {t('audit.verify')}
          </Button>
          <Button
            startIcon={<DownloadIcon />}
            variant="outlined"
            onClick={() => setExportOpen(true)}
          >
            {t('audit.export')}
          </Button>
        </Stack>
      }
    >
      <Card sx={{ mb: 2 }}>
        <CardContent>
          <Stack
            direction="row"
            spacing={2}
            useFlexGap
            sx={{ flexWrap: 'wrap' }}
            aria-label={t('audit.filters')}
          >
            {select('action', data?.actions ?? [])}
            {select('entity', data?.entities ?? [])}
            {dateField('from')}
            {dateField('to')}
          </Stack>
        </CardContent>
      </Card>
      {/* The grid takes what the window leaves below the filters: the page itself never scrolls
          the title away. */}
      <Box sx={{ height: 'max(360px, calc(100vh - 250px))', bgcolor: 'background.paper' }}>
        <DataGrid
          rows={data?.rows ?? []}
          columns={columns}
          rowCount={data?.total ?? 0}
          loading={loading}
          paginationMode="server"
          paginationModel={paging}
          onPaginationModelChange={setPaging}
          pageSizeOptions={[25, 50, 100]}
          disableColumnFilter
          density="compact"
          onRowClick={({ row }) => setSelected(row)}
          localeText={localeText}
        />
      </Box>
      {selected && (
        <Dialog open onClose={() => setSelected(null)} maxWidth="md" fullWidth>
          <DialogTitle>
            #{selected.id} {actionLabel(t, selected.action)} · {entityLabel(t, selected.entity)}
            <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
              ({selected.action}, {selected.entity})
            </Typography>
          </DialogTitle>
          <DialogContent>
            <Typography
              variant="body2"
              sx={{ fontFamily: 'monospace', wordBreak: 'break-all', mb: 2 }}
            >
              {selected.hash}
            </Typography>
            <AuditDetails row={selected} />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setSelected(null)}>{t('common.close')}</Button>
          </DialogActions>
        </Dialog>
      )}
      {verifyOpen && <VerifyDialog onClose={() => setVerifyOpen(false)} />}
      {exportOpen && (
        <PurposeDialog
          title={t('audit.export')}
          contents={t('audit.exportContents')}
          onClose={() => setExportOpen(false)}
          onConfirm={async (purpose) => {
            const out = await call('audit:export', { ...filter, purpose });
            downloadBase64(out.fileName, out.csvBase64, 'text/csv');
            toast(t('audit.exported', { rows: out.rows }));
          }}
        />
      )}
    </Page>
  );
}

function VerifyDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [anchors, setAnchors] = useState('');
  const [report, setReport] = useState<Verify | null>(null);
  const verification = useAction('audit:verify', { onDone: (found) => setReport(found) });
  const busy = verification.busy;
  const verify = () =>
    verification.run({
      anchors: anchors
        .split(/\s+/)
        .map((s) => s.trim())
        .filter(Boolean),
    });
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>{t('audit.verify')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            label={t('audit.anchors')}
            multiline
            minRows={3}
            value={anchors}
            onChange={(e) => setAnchors(e.target.value)}
          />
          {report && (
            <Alert severity={report.ok ? 'success' : 'error'} data-testid="audit-verify-result">
              {report.firstBadId === null
                ? t('audit.verifyOk', { rows: report.rows, head: report.head })
                : t('audit.verifyBad', { id: report.firstBadId })}
              {report.anchors.map((a) => (
                <div key={a.hash} style={{ fontFamily: 'monospace', fontSize: 12 }}>
                  {a.hash.slice(0, 16)}… —{' '}
                  {a.foundAtId === null
                    ? t('audit.anchorMissing')
                    : t('audit.anchorFound', { id: a.foundAtId })}
                </div>
              ))}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
        <Button variant="contained" onClick={() => void verify()} disabled={busy}>
          {t('audit.verify')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
