import { Box, Card, CardActionArea, CardContent, Tooltip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../../electron/shared/money';
import type {
  FigureBlock,
  FigureDefinition,
  Ratio,
  RollRate,
} from '../../../../electron/shared/schemas/reports';

export type Lang = 'zh' | 'en';
export const langOf = (language: string): Lang => (language.startsWith('en') ? 'en' : 'zh');

/** A rate shown to one decimal; no denominator means no rate ("—"). */
export function showRate(r: Ratio): string {
  return r.den === 0 ? '—' : `${((r.num / r.den) * 100).toFixed(1)}%`;
}

export function showFigure(block: FigureBlock, d: FigureDefinition): string {
  const value = block[d.key as keyof FigureBlock];
  if (value === null) return '—';
  if (d.kind === 'rate') return showRate(value as Ratio);
  if (d.kind === 'fen') return `${formatYuan(value as number)}`;
  return String(value);
}

/** One KPI card: the figure, its definition as a tooltip, and the comparisons below it. */
export function KpiCard(props: {
  definition: FigureDefinition;
  block: FigureBlock;
  previous: FigureBlock | null;
  lastYear: FigureBlock | null;
  onOpen: (() => void) | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const d = props.definition;
  const body = (
    <CardContent sx={{ py: 1.5 }}>
      <Typography variant="body2" color="text.secondary">
        {d.label[lang]}
      </Typography>
      <Typography variant="h5" data-figure={d.key}>
        {showFigure(props.block, d)}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div">
        {props.previous && `${t('reports.previous')} ${showFigure(props.previous, d)}`}
        {props.previous && props.lastYear && ' · '}
        {props.lastYear && `${t('reports.lastYear')} ${showFigure(props.lastYear, d)}`}
      </Typography>
    </CardContent>
  );
  return (
    <Tooltip title={d.definition[lang]} arrow>
      <Card variant="outlined" sx={{ breakInside: 'avoid' }}>
        {props.onOpen ? <CardActionArea onClick={props.onOpen}>{body}</CardActionArea> : body}
      </Card>
    </Tooltip>
  );
}

/** The roll-rate matrix as a heat table: the darker the cell, the larger its share of the row. */
export function RollRateTable(props: { rollRate: RollRate; onOpen: () => void }) {
  const { t } = useTranslation();
  const { rollRate } = props;
  return (
    <Box
      component="table"
      sx={{
        borderCollapse: 'collapse',
        '& td, & th': { border: 1, borderColor: 'divider', px: 1, py: 0.5, textAlign: 'right' },
      }}
      onClick={props.onOpen}
      data-testid="roll-rate"
    >
      <thead>
        <tr>
          <th />
          <th>{t('reports.startBalance')}</th>
          {rollRate.buckets.map((b) => (
            <th key={b}>→ {b}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rollRate.buckets.map((from, i) => (
          <tr key={from}>
            <th>{from}</th>
            <td>{formatYuan(rollRate.startFen[i]!)}</td>
            {rollRate.cellsFen[i]!.map((fen, j) => {
              const share = rollRate.startFen[i]! === 0 ? 0 : fen / rollRate.startFen[i]!;
              return (
                <td
                  key={j}
                  style={{ background: `rgba(211, 47, 47, ${(share * 0.8).toFixed(2)})` }}
                >
                  {showRate({ num: fen, den: rollRate.startFen[i]! })}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </Box>
  );
}
