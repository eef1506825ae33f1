import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../../electron/shared/money';
import {
  CURRENT_DEFINITIONS,
  type SummaryOutput,
} from '../../../../electron/shared/schemas/reports';
import { call } from '../../api';
import { useCan } from '../../app/session';
import { errorMessage } from '../../components/forms';
import { PurposeDialog } from '../../components/PurposeDialog';
import { useToast } from '../../components/Toasts';
import { DrilldownDialog, type Detail } from './DrilldownDialog';
import { officerName, OfficerRollRates } from './OfficerRollRates';
import { DefinitionsList, KpiCard, langOf, RollRateTable } from './parts';

const thisMonth = () => new Date().toISOString().slice(0, 7);

function download(fileName: string, base64: string, type: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}

/** The monthly branch summary: figures, charts, drill-downs, close/reopen and exports. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const toast = useToast();
  const canClose = useCan('reports.close');
  const [month, setMonth] = useState(thisMonth);
  const [summary, setSummary] = useState<SummaryOutput | null>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [reopening, setReopening] = useState(false);
  const [showDefinitions, setShowDefinitions] = useState(false);
  const [reason, setReason] = useState('');
  const fail = useCallback((e: unknown) => toast(errorMessage(e, t), 'error'), [toast, t]);

  const load = useCallback(() => {
    if (!/^\d{4}-\d{2}$/.test(month)) return;
    call('reports:summary', { month }).then(setSummary).catch(fail);
  }, [month, fail]);
  useEffect(load, [load]);

  const open = (figure: string, officerId?: number) => {
    const d = summary?.definitions.find((x) => x.key === figure);
    if (!d?.drilldown) return;
    const officer = summary?.figures.officers.find((o) => o.staffId === officerId);
    const label = officer ? `${d.label[lang]} · ${officerName(officer, lang)}` : d.label[lang];
    call('reports:drilldown', { month, figure, ...(officerId ? { officerId } : {}) })
      .then((data) => setDetail({ label, data }))
      .catch(fail);
  };
  const close = () =>
    call('reports:close', { month })
      .then(() => (toast(t('reports.closed'), 'success'), load()))
      .catch(fail);
  const reopen = () =>
    call('reports:reopen', { month, reason })
      .then(
        () => (toast(t('reports.reopened'), 'success'), setReopening(false), setReason(''), load()),
      )
      .catch(fail);
  // Both files name borrowers (the month's visit list): the purpose is asked first.
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null);
  const exportFile = async (kind: 'xlsx' | 'csv', purpose: string) => {
    const file =
      kind === 'xlsx'
        ? await call('reports:exportXlsx', { month, lang, purpose })
        : await call('reports:exportCsv', { month, lang, purpose });
    download(
      file.fileName,
      file.base64,
      kind === 'xlsx'
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'text/csv',
    );
    toast(t('reports.exported', { file: file.fileName }), 'success');
  };

  const f = summary?.figures;
  const cards = summary?.definitions.filter((d) => d.key !== 'rollRate') ?? [];
  const definition = (key: string) => summary?.definitions.find((d) => d.key === key);
  // Months whose figures were frozen under earlier definitions (closed before issue 15).
  const olderMonths = summary
    ? [
        { month: summary.figures.month, version: summary.figures.definitionsVersion },
        ...[summary.previous, summary.lastYear].flatMap((c) =>
          c ? [{ month: c.month, version: c.definitionsVersion }] : [],
        ),
      ]
        .filter((m) => m.version < CURRENT_DEFINITIONS)
        .map((m) => m.month)
    : [];
  return (
    <Box sx={{ p: 2 }} className="reports-page">
      <style>
        {
          '@media print { @page { size: A4; margin: 12mm } nav, header, .no-print { display: none !important } }'
        }
      </style>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5">{t('reports.title')}</Typography>
        <TextField
          type="month"
          size="small"
          label={t('reports.month')}
          value={month}
          onChange={(e) => setMonth(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <Box sx={{ flex: 1 }} />
        <Stack direction="row" spacing={1} className="no-print">
          {canClose && summary && !summary.frozen && (
            <Button variant="contained" onClick={close}>
              {t('reports.close')}
            </Button>
          )}
          {canClose && summary?.frozen && (
            <Button onClick={() => setReopening(true)}>{t('reports.reopen')}</Button>
          )}
          <Button onClick={() => setExporting('xlsx')}>{t('reports.exportXlsx')}</Button>
          <Button onClick={() => setExporting('csv')}>{t('reports.exportCsv')}</Button>
          <Button onClick={() => setShowDefinitions((x) => !x)} aria-pressed={showDefinitions}>
            {t('reports.definitions')}
          </Button>
          <Button onClick={() => window.print()}>{t('reports.print')}</Button>
        </Stack>
      </Stack>
      {!summary || !f ? (
        <Typography>{t('reports.loading')}</Typography>
      ) : (
        <>
          {summary.close ? (
            <Alert
              severity="info"
              sx={{ mb: 2, wordBreak: 'break-all' }}
              data-testid="frozen-banner"
            >
              {t('reports.frozen', {
                at: new Date(summary.close.closedAt).toLocaleString(),
                name: summary.close.closedBy.name,
                head: summary.close.auditHead,
              })}
              <br />
              {t('reports.sha', { sha: summary.close.figuresSha256 })}
            </Alert>
          ) : (
            <Alert severity="warning" sx={{ mb: 2 }}>
              {t('reports.open')} {canClose && t('reports.close.hint')}
            </Alert>
          )}
          {olderMonths.length > 0 && (
            <Alert severity="info" sx={{ mb: 2 }} data-testid="older-definitions">
              {t('reports.olderDefinitions', { months: olderMonths.join('、') })}
            </Alert>
          )}
          <Typography
            variant="body2"
            color="text.secondary"
            sx={{ mb: 2, wordBreak: 'break-all' }}
            data-testid="report-checkpoint"
          >
            {summary.checkpoint
              ? t('checkpoint.latest', {
                  ...summary.checkpoint,
                  at: new Date(summary.checkpoint.at).toLocaleString(i18n.language),
                })
              : t('checkpoint.none')}
          </Typography>
          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))',
              gap: 1,
              mb: 2,
            }}
          >
            {cards.map((d) => (
              <KpiCard
                key={d.key}
                definition={d}
                block={f.branch}
                previous={summary.previous?.figures ?? null}
                lastYear={summary.lastYear?.figures ?? null}
                onOpen={d.drilldown ? () => open(d.key) : null}
              />
            ))}
          </Box>
          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))',
              gap: 2,
            }}
          >
            <Box>
              <Typography variant="h6">{t('reports.byWeek')}</Typography>
              <BarChart
                height={240}
                xAxis={[{ scaleType: 'band', data: f.weeks.map((w) => w.weekStart.slice(5)) }]}
                series={[
                  { data: f.weeks.map((w) => w.planned), label: t('reports.planned') },
                  { data: f.weeks.map((w) => w.done), label: t('reports.done') },
                ]}
              />
            </Box>
            <Box>
              <Typography variant="h6">{t('reports.outcomes')}</Typography>
              <BarChart
                height={240}
                layout="horizontal"
                yAxis={[
                  {
                    scaleType: 'band',
                    data: f.outcomes.map((o) => t(`visits.outcome.${o.outcome}`)),
                    width: 110,
                  },
                ]}
                series={[{ data: f.outcomes.map((o) => o.count) }]}
              />
            </Box>
            <Box>
              <Typography variant="h6">{t('reports.collected')}</Typography>
              <BarChart
                height={240}
                xAxis={[
                  {
                    scaleType: 'band',
                    data: [lang === 'zh' ? '支行' : 'Branch', ...f.officers.map((o) => o.name)],
                  },
                ]}
                series={[
                  {
                    data: [
                      f.branch.collectedFen,
                      ...f.officers.map((o) => o.figures.collectedFen),
                    ].map((x) => x / 100),
                    label: t('reports.collectedAmount'),
                    valueFormatter: (v) => `${formatYuan(Math.round((v ?? 0) * 100))}`,
                  },
                  {
                    data: [
                      f.branch.targetFen ?? 0,
                      ...f.officers.map((o) => o.figures.targetFen ?? 0),
                    ].map((x) => x / 100),
                    label: t('reports.target'),
                  },
                ]}
              />
            </Box>
            <Box>
              <Typography variant="h6">{t('reports.perOfficer')}</Typography>
              <BarChart
                height={240}
                xAxis={[{ scaleType: 'band', data: f.officers.map((o) => o.name) }]}
                series={[
                  {
                    data: f.officers.map((o) => o.figures.visitsPlanned),
                    label: t('reports.planned'),
                  },
                  { data: f.officers.map((o) => o.figures.visitsDone), label: t('reports.done') },
                ]}
                onItemClick={(_, item) => {
                  const officer = f.officers[item.dataIndex ?? -1];
                  if (officer) open('visitsPlanned', officer.staffId);
                }}
              />
            </Box>
          </Box>
          <Typography variant="h6" sx={{ mt: 2 }}>
            {t('reports.rollRate')}
          </Typography>
          <RollRateTable
            rollRate={f.rollRate}
            definition={definition('rollRate')!}
            paidOffLabel={definition('loansPaidOff')?.label[lang] ?? ''}
            onOpen={() => open('rollRate')}
          />
          <OfficerRollRates
            officers={f.officers}
            definition={definition('rollRate')!}
            paidOffLabel={definition('loansPaidOff')?.label[lang] ?? ''}
            onOpen={(officerId) => open('rollRate', officerId)}
          />
          <DefinitionsList definitions={summary.definitions} shown={showDefinitions} />
        </>
      )}
      <DrilldownDialog
        detail={detail}
        paidOffLabel={definition('loansPaidOff')?.label[lang] ?? ''}
        onClose={() => setDetail(null)}
      />
      {exporting && (
        <PurposeDialog
          title={t(exporting === 'xlsx' ? 'reports.exportXlsx' : 'reports.exportCsv')}
          contents={t(
            exporting === 'xlsx' ? 'reports.exportXlsxContents' : 'reports.exportCsvContents',
            { month },
          )}
          onClose={() => setExporting(null)}
          onConfirm={(purpose) => exportFile(exporting, purpose)}
        />
      )}
      <Dialog open={reopening} onClose={() => setReopening(false)}>
        <DialogTitle>{t('reports.reopen')}</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            fullWidth
            multiline
            sx={{ mt: 1 }}
            label={t('reports.reopenReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setReopening(false)}>{t('reports.cancel')}</Button>
          <Button variant="contained" disabled={!reason.trim()} onClick={reopen}>
            {t('reports.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
