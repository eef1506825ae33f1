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

/**
 * A figure's definition as the summary sends it (reports/definitions.ts, the one source): the
 * text, then for a rate what it divides by what. The tooltips and the printed list both use it.
 */
export function DefinitionText(props: { definition: FigureDefinition }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const d = props.definition;
  return (
    <>
      {d.definition[lang]}
      {d.numerator && (
        <>
          <br />
          {t('reports.numerator')}
          {d.numerator[lang]}
        </>
      )}
      {d.denominator && (
        <>
          <br />
          {t('reports.denominator')}
          {d.denominator[lang]}
        </>
      )}
    </>
  );
}

/**
 * Every definition on the printed report (a tooltip does not print): on screen it opens with
 * a button, on paper it is always there.
 */
export function DefinitionsList(props: { definitions: FigureDefinition[]; shown: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  return (
    <Box
      data-testid="report-definitions"
      sx={{
        display: props.shown ? 'block' : 'none',
        '@media print': { display: 'block', breakBefore: 'page' },
        mt: 2,
      }}
    >
      <Typography variant="h6">{t('reports.definitions')}</Typography>
      <Box component="dl" sx={{ m: 0, '& dd': { ml: 2, mb: 1 } }}>
        {props.definitions.map((d) => (
          <Box key={d.key} sx={{ breakInside: 'avoid' }}>
            <Typography component="dt" variant="subtitle2">
              {d.label[lang]}
            </Typography>
            <Typography component="dd" variant="body2">
              <DefinitionText definition={d} />
            </Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
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
    <Tooltip title={<DefinitionText definition={d} />} arrow>
      <Card variant="outlined" sx={{ breakInside: 'avoid' }}>
        {props.onOpen ? <CardActionArea onClick={props.onOpen}>{body}</CardActionArea> : body}
      </Card>
    </Tooltip>
  );
}

/**
 * The roll-rate matrix as a heat table: per start bucket its loans and balance, then for each
 * end bucket and for paid off the rate by balance with the rate by count beside it. The darker
 * a cell, the larger its rate by balance. A bucket with no loans at the start shows "—".
 */
export function RollRateTable(props: {
  rollRate: RollRate;
  definition: FigureDefinition;
  paidOffLabel: string;
  onOpen: () => void;
  /** The branch's table is 'roll-rate'; an officer's names them. */
  testId?: string;
  /** Leave out the caption that says how to read a cell (said once, under the branch's). */
  noCaption?: boolean;
}) {
  const { t } = useTranslation();
  const { rollRate } = props;
  const cell = (key: string, fen: number, loans: number, i: number) => {
    const byBalance = { num: fen, den: rollRate.startFen[i]! };
    const share = byBalance.den === 0 ? 0 : Math.max(0, Math.min(1, fen / byBalance.den));
    return (
      <td key={key} style={{ background: `rgba(211, 47, 47, ${(share * 0.8).toFixed(2)})` }}>
        <div data-rate="balance">{showRate(byBalance)}</div>
        <Typography variant="caption" data-rate="count" component="div">
          {showRate({ num: loans, den: rollRate.startLoans[i]! })}
        </Typography>
      </td>
    );
  };
  return (
    <Tooltip title={<DefinitionText definition={props.definition} />} arrow>
      <Box
        component="table"
        sx={{
          borderCollapse: 'collapse',
          '& td, & th': { border: 1, borderColor: 'divider', px: 1, py: 0.5, textAlign: 'right' },
        }}
        onClick={props.onOpen}
        data-testid={props.testId ?? 'roll-rate'}
      >
        {!props.noCaption && (
          <caption style={{ captionSide: 'bottom', textAlign: 'left' }}>
            <Typography variant="caption">{t('reports.rollRateCells')}</Typography>
          </caption>
        )}
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t('reports.startLoans')}</th>
            <th scope="col">{t('reports.startBalance')}</th>
            {rollRate.buckets.map((b) => (
              <th scope="col" key={b}>
                → {b}
              </th>
            ))}
            <th scope="col">{props.paidOffLabel}</th>
          </tr>
        </thead>
        <tbody>
          {rollRate.buckets.map((from, i) => (
            <tr key={from}>
              <th scope="row">{from}</th>
              <td>{rollRate.startLoans[i]}</td>
              <td>{formatYuan(rollRate.startFen[i]!)}</td>
              {rollRate.cellsFen[i]!.map((fen, j) =>
                cell(rollRate.buckets[j]!, fen, rollRate.cellsLoans[i]![j]!, i),
              )}
              {cell('paidOff', rollRate.paidOffFen[i]!, rollRate.paidOffLoans[i]!, i)}
            </tr>
          ))}
        </tbody>
      </Box>
    </Tooltip>
  );
}
