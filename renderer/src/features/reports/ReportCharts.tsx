import { Box, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../../electron/shared/money';
import type { MonthFigures } from '../../../../electron/shared/schemas/reports';
import { langOf } from './parts';

/**
 * A band axis whose every tick label is drawn. The axis's height is shared by its ticks, its
 * tick labels and its name: at the default height a named axis leaves its tick labels no room,
 * and the charts shorten them to nothing (the officers' names were missing). Many officers'
 * names are slanted so they do not run into each other.
 */
function namedTicks(count: number) {
  return count > 6
    ? {
        tickLabelInterval: () => true,
        tickLabelStyle: { angle: -35, textAnchor: 'end', fontSize: 12 } as const,
        height: 96,
      }
    : { tickLabelInterval: () => true, height: 64 };
}

/**
 * The month's charts on screen, each axis named and each series in the legend: visits by
 * week, outcomes, collected against target per officer, and visits per officer (a bar opens
 * that officer's visits).
 */
export function ReportCharts(props: {
  figures: MonthFigures;
  onOfficer: (staffId: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const f = props.figures;
  const branch = lang === 'zh' ? '支行合计' : 'Branch';
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 420px), 1fr))',
        gap: 2,
      }}
      data-testid="report-charts"
    >
      <Box>
        <Typography variant="h6">{t('reports.byWeek')}</Typography>
        <BarChart
          height={280}
          xAxis={[
            {
              scaleType: 'band',
              data: f.weeks.map((w) => w.weekStart.slice(5)),
              label: t('reports.axisWeek'),
              ...namedTicks(f.weeks.length),
            },
          ]}
          yAxis={[{ label: t('reports.axisVisits'), tickMinStep: 1 }]}
          series={[
            { data: f.weeks.map((w) => w.planned), label: t('reports.planned') },
            { data: f.weeks.map((w) => w.done), label: t('reports.done') },
          ]}
        />
      </Box>
      <Box>
        <Typography variant="h6">{t('reports.outcomes')}</Typography>
        <BarChart
          height={280}
          layout="horizontal"
          yAxis={[
            {
              scaleType: 'band',
              data: f.outcomes.map((o) => t(`visits.outcome.${o.outcome}`)),
              width: 110,
            },
          ]}
          xAxis={[{ label: t('reports.axisCount'), tickMinStep: 1 }]}
          series={[{ data: f.outcomes.map((o) => o.count), label: t('reports.axisVisits') }]}
        />
      </Box>
      <Box>
        <Typography variant="h6">{t('reports.collected')}</Typography>
        <BarChart
          height={320}
          xAxis={[
            {
              scaleType: 'band',
              data: [branch, ...f.officers.map((o) => o.name)],
              label: t('reports.axisOfficer'),
              ...namedTicks(f.officers.length + 1),
            },
          ]}
          yAxis={[{ label: t('reports.axisYuan'), width: 72 }]}
          series={[
            {
              data: [f.branch.collectedFen, ...f.officers.map((o) => o.figures.collectedFen)].map(
                (x) => x / 100,
              ),
              label: t('reports.collectedAmount'),
              valueFormatter: (v) => formatYuan(Math.round((v ?? 0) * 100)),
            },
            {
              data: [
                f.branch.targetFen ?? 0,
                ...f.officers.map((o) => o.figures.targetFen ?? 0),
              ].map((x) => x / 100),
              label: t('reports.target'),
              valueFormatter: (v) => formatYuan(Math.round((v ?? 0) * 100)),
            },
          ]}
        />
      </Box>
      <Box>
        <Typography variant="h6">{t('reports.perOfficer')}</Typography>
        <BarChart
          height={320}
          xAxis={[
            {
              scaleType: 'band',
              data: f.officers.map((o) => o.name),
              label: t('reports.axisOfficer'),
              ...namedTicks(f.officers.length),
            },
          ]}
          yAxis={[{ label: t('reports.axisVisits'), tickMinStep: 1 }]}
          series={[
            {
              data: f.officers.map((o) => o.figures.visitsPlanned),
              label: t('reports.planned'),
            },
            { data: f.officers.map((o) => o.figures.visitsDone), label: t('reports.done') },
          ]}
          onItemClick={(_, item) => {
            const officer = f.officers[item.dataIndex ?? -1];
            if (officer) props.onOfficer(officer.staffId);
          }}
        />
      </Box>
    </Box>
  );
}
