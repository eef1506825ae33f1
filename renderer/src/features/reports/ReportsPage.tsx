import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import PrintIcon from '@mui/icons-material/Print';
import { Alert, Box, Button, LinearProgress, Stack, TextField, Typography } from '@mui/material';
import { CashByOfficer } from './CashByOfficer';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CURRENT_DEFINITIONS } from '../../../../electron/shared/schemas/reports';
import { call } from '../../api';
import { useCan } from '../../app/session';
import { downloadBase64, fileName } from '../../components/files';
import { formatWhen, todayIso } from '../../components/format';
import { PurposeDialog } from '../../components/PurposeDialog';
import { useToast } from '../../components/Toasts';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';
import { MonthField } from '../../components/DateField';
import { DrilldownDialog, type Detail } from './DrilldownDialog';
import { FigureTiles } from './FigureTiles';
import { officerName, OfficerRollRates } from './OfficerRollRates';
import { DefinitionsList, langOf, RollRateLegend, RollRateTable } from './parts';
import { TierTable } from './TierTable';
import { ReportCharts } from './ReportCharts';
import { listJoin } from '../../components/punctuation';
import { ConfirmDialog } from '../../components/ConfirmDialog';

const MONTH = /^\d{4}-\d{2}$/;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The monthly branch summary: the headline figures, the rest grouped, charts, roll-rate
 * matrices, drill-downs, close/reopen, exports, and the printed report (a print document of its
 * own, `print:stageReport`, printed or saved as PDF by the host like the notices).
 */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const canClose = useCan('reports.close');
  const toast = useToast();
  const [month, setMonth] = useState(() => todayIso().slice(0, 7));
  const read = useChannel('reports:summary', MONTH.test(month) ? { month } : null);
  // While another month loads, the last one's figures are not shown as if they were its.
  const summary = read.loading && read.data?.figures.month !== month ? null : read.data;
  const [detail, setDetail] = useState<Detail | null>(null);
  const [reopening, setReopening] = useState(false);
  const [showDefinitions, setShowDefinitions] = useState(false);
  const [reason, setReason] = useState('');
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null);

  const drill = useAction(
    async ({ figure, officerId }: { figure: string; officerId?: number }) => {
      const d = summary?.definitions.find((x) => x.key === figure);
      const officer = summary?.figures.officers.find((o) => o.staffId === officerId);
      const label = officer
        ? `${d?.label[lang] ?? figure} · ${officerName(officer, lang)}`
        : (d?.label[lang] ?? figure);
      const data = await call('reports:drilldown', {
        month,
        figure,
        ...(officerId ? { officerId } : {}),
      });
      return { label, data };
    },
    { onDone: setDetail },
  );
  const open = (figure: string, officerId?: number) => {
    if (!summary?.definitions.find((x) => x.key === figure)?.drilldown) return;
    void drill.run({ figure, ...(officerId ? { officerId } : {}) });
  };
  const closeMonth = useAction('reports:close', { done: t('reports.closed'), onDone: read.reload });
  const reopenMonth = useAction('reports:reopen', {
    done: t('reports.reopened'),
    onDone: () => {
      setReopening(false);
      setReason('');
      read.reload();
    },
  });
  // The printed report: staged by the core from the month's summary, then saved or printed.
  const print = useAction(
    async (to: 'pdf' | 'printer') => {
      const { jobId } = await call('print:stageReport', { month, lang });
      if (to === 'pdf') {
        const file = `${lang === 'zh' ? '月度汇总' : 'monthly-summary'}-${month}`;
        return { to, saved: (await call('print:savePdf', { jobId, fileName: file })).file };
      }
      return { to, printed: (await call('print:system', { jobId })).printed };
    },
    {
      done: (r) =>
        r.to === 'pdf'
          ? r.saved
            ? t('reports.saved', { file: fileName(r.saved) })
            : null
          : 'printed' in r && r.printed
            ? t('reports.printed')
            : null,
    },
  );
  // Both files name borrowers (the month's visit list): the purpose is asked first.
  const exportFile = async (kind: 'xlsx' | 'csv', purpose: string) => {
    const file =
      kind === 'xlsx'
        ? await call('reports:exportXlsx', { month, lang, purpose })
        : await call('reports:exportCsv', { month, lang, purpose });
    downloadBase64(file.fileName, file.base64, kind === 'xlsx' ? XLSX_TYPE : 'text/csv');
    toast(t('reports.exported', { file: file.fileName }), 'success');
  };

  const f = summary?.figures;
  const definition = (key: string) => summary?.definitions.find((d) => d.key === key);
  const paidOffLabel = definition('loansPaidOff')?.label[lang] ?? '';
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
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5">{t('reports.title')}</Typography>
        {/* A filter: a half-typed month keeps showing the last whole one's figures. */}
        <MonthField
          label={t('reports.month')}
          value={month}
          onChange={(next) => MONTH.test(next) && setMonth(next)}
          holdInvalid
          required
        />
        <Box sx={{ flex: 1 }} />
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {canClose && summary && !summary.frozen && (
            <Button
              variant="contained"
              disabled={closeMonth.busy}
              onClick={() => void closeMonth.run({ month })}
            >
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
          <Button
            startIcon={<PrintIcon />}
            disabled={!summary || print.busy}
            onClick={() => void print.run('printer')}
          >
            {t('reports.print')}
          </Button>
          <Button
            startIcon={<PictureAsPdfIcon />}
            disabled={!summary || print.busy}
            onClick={() => void print.run('pdf')}
          >
            {t('reports.savePdf')}
          </Button>
        </Stack>
      </Stack>
      {print.busy && (
        <Box sx={{ mb: 2 }} role="status">
          <Typography variant="body2">{t('reports.printing')}</Typography>
          <LinearProgress sx={{ mt: 1 }} />
        </Box>
      )}
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
                at: formatWhen(summary.close.closedAt),
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
              {t('reports.olderDefinitions', { months: listJoin(olderMonths, lang) })}
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
                  at: formatWhen(summary.checkpoint.at),
                })
              : t('checkpoint.none')}
          </Typography>
          <FigureTiles summary={summary} onOpen={(figure) => open(figure)} />
          <ReportCharts figures={f} onOfficer={(staffId) => open('visitsPlanned', staffId)} />
          <CashByOfficer figures={f} definitions={summary.definitions} />
          <Typography variant="h6" sx={{ mt: 2 }}>
            {t('reports.rollRate')}
          </Typography>
          <RollRateTable
            rollRate={f.rollRate}
            definition={definition('rollRate')!}
            paidOffLabel={paidOffLabel}
            onOpen={() => open('rollRate')}
          />
          <RollRateLegend />
          <Typography variant="h6" sx={{ mt: 2 }}>
            {t('reports.tiers.title')}
          </Typography>
          <TierTable tiers={f.tiers} monthEnd={f.to} />
          <OfficerRollRates
            officers={f.officers}
            definition={definition('rollRate')!}
            paidOffLabel={paidOffLabel}
            onOpen={(officerId) => open('rollRate', officerId)}
          />
          <DefinitionsList definitions={summary.definitions} shown={showDefinitions} />
        </>
      )}
      <DrilldownDialog
        detail={detail}
        paidOffLabel={paidOffLabel}
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
      {reopening && (
        <ConfirmDialog
          title={t('reports.reopen')}
          confirmLabel={t('reports.confirm')}
          busy={reopenMonth.busy}
          disabled={!reason.trim()}
          onCancel={() => setReopening(false)}
          onConfirm={() => void reopenMonth.run({ month, reason })}
        >
          <TextField
            autoFocus
            fullWidth
            multiline
            sx={{ mt: 1 }}
            label={t('reports.reopenReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </ConfirmDialog>
      )}
    </Box>
  );
}
