import DownloadIcon from '@mui/icons-material/Download';
import { Alert, AlertTitle, Box, Button, Chip, Stack, Typography } from '@mui/material';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../../electron/shared/money';
import type { ImportMode, ImportProblem } from '../../../../electron/shared/schemas/imports';
import { call } from '../../api';
import { PurposeDialog } from '../../components/PurposeDialog';
import { downloadBase64 } from '../../components/files';
import type { OfficerConflictView } from '../../../../electron/shared/schemas/imports';
import { OfficerConflicts } from '../assignments/OfficerConflicts';
import { useGridLocaleText } from '../../components/useGridLocaleText';

type Severity = 'error' | 'warning';
type ReportRow = ImportProblem & { id: number; severity: Severity };

const MORE = new Set(['v.import.moreProblems', 'v.import.moreWarnings']);

/**
 * The per-row validation report: severity, line, column and reason in the UI language. Errors
 * (the row was rejected) and warnings (the row was imported, not quite as the file says) are
 * told apart by a chip and counted apart. The CSV export is written by the core (both
 * languages, a severity column, UTF-8 with BOM, formula-safe), the same file the CLI would give.
 */
export function ValidationReport(props: {
  problems: ImportProblem[];
  warnings?: ImportProblem[];
  sourceFileName: string;
}) {
  const { t } = useTranslation();
  const localeText = useGridLocaleText();
  const warnings = useMemo(() => props.warnings ?? [], [props.warnings]);
  const rows = useMemo<ReportRow[]>(
    () =>
      [
        ...props.problems.map((p) => ({ ...p, severity: 'error' as const })),
        ...warnings.map((p) => ({ ...p, severity: 'warning' as const })),
      ].map((p, i) => ({ ...p, id: i + 1 })),
    [props.problems, warnings],
  );
  const count = (list: ImportProblem[]) =>
    list.reduce((n, p) => n + (MORE.has(p.reason) ? Number(p.detail ?? 0) : 1), 0);
  const reason = (p: ImportProblem) => {
    if (MORE.has(p.reason)) {
      return t(
        p.reason === 'v.import.moreWarnings'
          ? 'cases.import.moreWarnings'
          : 'cases.import.moreErrors',
        {
          count: Number(p.detail ?? 0),
        },
      );
    }
    return p.detail ? `${t(p.reason)}（${p.detail}）` : t(p.reason);
  };
  const columns = useMemo<GridColDef<ReportRow>[]>(
    () => [
      {
        field: 'severity',
        headerName: t('cases.import.severity'),
        width: 90,
        renderCell: ({ row }) => (
          <Chip
            size="small"
            color={row.severity === 'error' ? 'error' : 'warning'}
            label={t(`cases.import.severity.${row.severity}`)}
          />
        ),
      },
      {
        field: 'line',
        headerName: t('cases.import.line'),
        width: 90,
        type: 'number',
        valueFormatter: (value: number) => (value === 0 ? '—' : String(value)),
      },
      { field: 'column', headerName: t('cases.import.column'), width: 180 },
      {
        field: 'reason',
        headerName: t('cases.import.reason'),
        flex: 1,
        valueGetter: (_value, row) => reason(row),
      },
    ],
    // reason() depends only on t.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t],
  );
  // The report echoes names and ID numbers of rejected rows: the purpose is asked first.
  const [exporting, setExporting] = useState(false);
  const exportCsv = async (purpose: string) => {
    const file = await call('imports:report', {
      fileName: props.sourceFileName || 'import',
      problems: props.problems,
      warnings,
      purpose,
    });
    downloadBase64(file.fileName, file.contentBase64, 'text/csv');
  };

  return (
    <Stack spacing={1}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Typography variant="h6" component="h2">
          {t('cases.import.report')}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ flex: 1 }} data-testid="report-counts">
          {props.problems.length > 0 && (
            <Chip
              color="error"
              variant="outlined"
              label={t('cases.import.errorCount', { count: count(props.problems) })}
            />
          )}
          {warnings.length > 0 && (
            <Chip
              color="warning"
              variant="outlined"
              label={t('cases.import.warningCount', { count: count(warnings) })}
            />
          )}
        </Stack>
        <Button
          startIcon={<DownloadIcon />}
          variant="outlined"
          disabled={rows.length === 0}
          onClick={() => setExporting(true)}
        >
          {t('cases.import.exportReport')}
        </Button>
      </Box>
      {rows.length === 0 ? (
        <Alert severity="success">{t('cases.import.reportEmpty')}</Alert>
      ) : (
        <Box sx={{ height: Math.min(460, 112 + rows.length * 37), bgcolor: 'background.paper' }}>
          <DataGrid
            rows={rows}
            columns={columns}
            density="compact"
            pageSizeOptions={[25, 50, 100]}
            initialState={{ pagination: { paginationModel: { pageSize: 25 } } }}
            disableRowSelectionOnClick
            localeText={localeText}
            aria-label={t('cases.import.report')}
          />
        </Box>
      )}
      {exporting && (
        <PurposeDialog
          title={t('cases.import.exportReport')}
          contents={t('purpose.contents.importReport')}
          onClose={() => setExporting(false)}
          onConfirm={exportCsv}
        />
      )}
    </Stack>
  );
}

/**
 * What the preview's checks mean for the import about to run: how many rows it will refuse
 * (the run's own count, from the same checks) and what the chosen mode then does with the
 * file, or that every row passes.
 */
export function PreviewVerdict(props: { total: number; rejected: number; mode: ImportMode }) {
  const { t } = useTranslation();
  if (props.total === 0) return null;
  if (props.rejected === 0) {
    return (
      <Alert severity="success" data-testid="preview-verdict">
        {t('cases.import.allPass', { count: props.total })}
      </Alert>
    );
  }
  const kept = props.total - props.rejected;
  return (
    <Alert severity="error" data-testid="preview-verdict">
      <AlertTitle>
        {t('cases.import.willRefuse', { count: props.rejected, total: props.total })}
      </AlertTitle>
      {props.mode === 'all-or-nothing'
        ? t('cases.import.willRefuse.allOrNothing')
        : t('cases.import.willRefuse.validOnly', { count: kept })}
    </Alert>
  );
}

/** The counts after an import; says plainly when nothing was written. */
export function ImportCounts(props: {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  written: boolean;
  /** Officer names nobody on the staff list has: rows imported without an officer. */
  unknownOfficers?: { rows: number }[];
  /** Money the file showed (records/reconcile.ts): new repayments, and visit cash confirmed. */
  paymentsFoundFen?: number;
  paymentsFoundLoans?: number;
  visitCashConfirmedFen?: number;
  visitCashConfirmedLoans?: number;
  /** Cases whose file officer differs from a manager's reassignment (assignments). */
  officerConflicts?: OfficerConflictView[];
  officerConflictsTotal?: number;
}) {
  const unassigned = (props.unknownOfficers ?? []).reduce((n, o) => n + o.rows, 0);
  const { t } = useTranslation();
  return (
    <Stack spacing={1} data-testid="import-result">
      <Stack direction="row" spacing={1}>
        <Chip color="success" label={`${t('cases.import.inserted')} ${props.inserted}`} />
        <Chip color="info" label={`${t('cases.import.updated')} ${props.updated}`} />
        {props.unchanged > 0 && (
          <Chip
            label={`${t('cases.import.unchanged')} ${props.unchanged}`}
            title={t('cases.import.unchangedHelp')}
          />
        )}
        <Chip
          color={props.rejected > 0 ? 'error' : 'default'}
          label={`${t('cases.import.rejected')} ${props.rejected}`}
        />
        {props.written && unassigned > 0 && (
          <Chip
            color="warning"
            label={`${t('cases.import.withoutOfficer')} ${unassigned}`}
            title={t('cases.import.withoutOfficerHelp')}
          />
        )}
      </Stack>
      {props.written && (
        <OfficerConflicts
          conflicts={props.officerConflicts ?? []}
          total={props.officerConflictsTotal ?? 0}
        />
      )}
      {props.written && <FileMoney {...props} />}
      {!props.written && <Alert severity="warning">{t('cases.import.nothingWritten')}</Alert>}
    </Stack>
  );
}

/** The money an imported file showed, new and confirmed, each with its loans. */
function FileMoney(props: {
  paymentsFoundFen?: number;
  paymentsFoundLoans?: number;
  visitCashConfirmedFen?: number;
  visitCashConfirmedLoans?: number;
}) {
  const { t } = useTranslation();
  const found = props.paymentsFoundFen ?? 0;
  const confirmed = props.visitCashConfirmedFen ?? 0;
  return (
    <Box data-testid="import-money">
      <Typography variant="subtitle2" component="h3">
        {t('cases.import.money')}
      </Typography>
      {found === 0 && confirmed === 0 ? (
        <Typography color="text.secondary">{t('cases.import.noMoney')}</Typography>
      ) : (
        <Stack component="ul" sx={{ m: 0, pl: 2.5 }}>
          {found > 0 && (
            <Typography component="li" title={t('cases.import.paymentsFoundHelp')}>
              {t('cases.import.paymentsFound', {
                amount: formatYuan(found),
                count: props.paymentsFoundLoans ?? 0,
              })}
            </Typography>
          )}
          {confirmed > 0 && (
            <Typography component="li" title={t('cases.import.visitCashConfirmedHelp')}>
              {t('cases.import.visitCashConfirmed', {
                amount: formatYuan(confirmed),
                count: props.visitCashConfirmedLoans ?? 0,
              })}
            </Typography>
          )}
        </Stack>
      )}
    </Box>
  );
}
