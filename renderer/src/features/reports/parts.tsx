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

/**
 * What a headline rate divides, under it: amounts for collected against target ("¥1,250.00 /
 * ¥2,000.00"), counts otherwise ("3 / 4"); null when the rate has nothing to divide.
 */
export function ratioDetail(block: FigureBlock, d: FigureDefinition): string | null {
  if (d.kind !== 'rate') return null;
  const r = block[d.key as keyof FigureBlock] as Ratio;
  if (d.key === 'collectedVsTarget') {
    return `${formatYuan(block.collectedFen)} / ${
      block.targetFen === null ? '—' : formatYuan(block.targetFen)
    }`;
  }
  return r.den === 0 ? null : `${r.num} / ${r.den}`;
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

/**
 * One KPI card: the figure, its definition as a tooltip, and the comparisons below it. A
 * headline card is larger and says what its rate divides.
 */
export function KpiCard(props: {
  definition: FigureDefinition;
  block: FigureBlock;
  previous: FigureBlock | null;
  lastYear: FigureBlock | null;
  onOpen: (() => void) | null;
  headline?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const d = props.definition;
  const detail = props.headline ? ratioDetail(props.block, d) : null;
  const body = (
    <CardContent sx={{ py: props.headline ? 1.5 : 1, '&:last-child': { pb: 1.25 } }}>
      <Typography variant="body2" color="text.secondary">
        {d.label[lang]}
      </Typography>
      <Typography
        variant={props.headline ? 'h4' : 'h6'}
        component="div"
        data-figure={d.key}
        sx={{ fontWeight: props.headline ? 600 : 500, lineHeight: 1.25 }}
      >
        {showFigure(props.block, d)}
      </Typography>
      {detail && (
        <Typography variant="body2" color="text.secondary" data-detail={d.key}>
          {detail}
        </Typography>
      )}
      <Typography variant="caption" color="text.secondary" component="div">
        {props.previous && `${t('reports.previous')} ${showFigure(props.previous, d)}`}
        {props.previous && props.lastYear && ' · '}
        {props.lastYear && `${t('reports.lastYear')} ${showFigure(props.lastYear, d)}`}
      </Typography>
    </CardContent>
  );
  return (
    <Tooltip title={<DefinitionText definition={d} />} arrow>
      <Card
        variant="outlined"
        data-tile={d.key}
        sx={{
          breakInside: 'avoid',
          ...(props.headline && { borderColor: 'primary.light', borderWidth: 2 }),
        }}
      >
        {props.onOpen ? <CardActionArea onClick={props.onOpen}>{body}</CardActionArea> : body}
      </Card>
    </Tooltip>
  );
}

/**
 * Where a cell of the roll-rate matrix moves a loan: to a better bucket (a cure, a roll back,
 * paid off), the same one, or a worse one. `to` is the end bucket's index, or 'paidOff'.
 */
type RollDirection = 'better' | 'same' | 'worse';
export function rollDirection(from: number, to: number | 'paidOff'): RollDirection {
  if (to === 'paidOff' || to < from) return 'better';
  return to === from ? 'same' : 'worse';
}

/** The heat colours of the matrix: better green, worse red, staying grey; the rate sets depth. */
const rollColours: Record<RollDirection, string> = {
  better: '46, 125, 50',
  same: '120, 120, 120',
  worse: '211, 47, 47',
};
export function rollHeat(direction: RollDirection, share: number): string {
  const depth = Math.max(0, Math.min(1, share)) * (direction === 'same' ? 0.35 : 0.7);
  return `rgba(${rollColours[direction]}, ${depth.toFixed(2)})`;
}

/** The key under a matrix: what the colours mean. */
export function RollRateLegend() {
  const { t } = useTranslation();
  const swatch = (direction: RollDirection, label: string) => (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, mr: 2 }}>
      <Box
        component="span"
        data-legend={direction}
        sx={{
          width: 14,
          height: 14,
          border: 1,
          borderColor: 'divider',
          background: rollHeat(direction, 1),
        }}
      />
      <Typography variant="caption">{label}</Typography>
    </Box>
  );
  return (
    <Box sx={{ mt: 0.5 }} data-testid="roll-rate-legend">
      {swatch('better', t('reports.rollBetter'))}
      {swatch('same', t('reports.rollSame'))}
      {swatch('worse', t('reports.rollWorse'))}
      <Typography variant="caption" color="text.secondary">
        {t('reports.rollDepth')}
      </Typography>
    </Box>
  );
}

/**
 * The roll-rate matrix as a heat table: per start bucket its loans and balance, then for each
 * end bucket and for paid off the rate by balance with the rate by count beside it. A cell's
 * colour says the direction (better green, worse red, the same bucket grey) and its depth the
 * rate by balance. A bucket with no loans at the start shows "—".
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
  const cell = (key: string, fen: number, loans: number, i: number, to: number | 'paidOff') => {
    const byBalance = { num: fen, den: rollRate.startFen[i]! };
    const share = byBalance.den === 0 ? 0 : Math.max(0, Math.min(1, fen / byBalance.den));
    const direction = rollDirection(i, to);
    return (
      <td key={key} data-direction={direction} style={{ background: rollHeat(direction, share) }}>
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
                cell(rollRate.buckets[j]!, fen, rollRate.cellsLoans[i]![j]!, i, j),
              )}
              {cell('paidOff', rollRate.paidOffFen[i]!, rollRate.paidOffLoans[i]!, i, 'paidOff')}
            </tr>
          ))}
        </tbody>
      </Box>
    </Tooltip>
  );
}
