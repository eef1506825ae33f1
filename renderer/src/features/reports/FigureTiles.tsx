import { Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { FigureBlock, SummaryOutput } from '../../../../electron/shared/schemas/reports';
import { groupFigures } from './groups';
import { KpiCard } from './parts';

/**
 * The month's figures as head office reads them: the headline figures first, larger, then the
 * rest in groups (visits, contact, promises, money, portfolio, rule exceptions and complaints),
 * each tile with its definition as a tooltip and its drill-down.
 */
export function FigureTiles(props: { summary: SummaryOutput; onOpen: (figure: string) => void }) {
  const { t } = useTranslation();
  const { summary } = props;
  const { headline, groups } = groupFigures(summary.definitions);
  const previous: FigureBlock | null = summary.previous?.figures ?? null;
  const lastYear: FigureBlock | null = summary.lastYear?.figures ?? null;
  const tile = (d: (typeof headline)[number], isHeadline = false) => (
    <KpiCard
      key={d.key}
      definition={d}
      block={summary.figures.branch}
      previous={previous}
      lastYear={lastYear}
      headline={isHeadline}
      onOpen={d.drilldown ? () => props.onOpen(d.key) : null}
    />
  );
  return (
    <Box sx={{ mb: 2 }}>
      <Box component="section" aria-labelledby="figures-headline" data-group="headline">
        <Typography variant="h6" id="figures-headline" sx={{ mb: 1 }}>
          {t('reports.headline')}
        </Typography>
        <Box
          sx={{
            display: 'grid',
            // Six headline figures: one row on a wide screen, two rows of three otherwise.
            gridTemplateColumns: {
              xs: 'repeat(2, 1fr)',
              sm: 'repeat(3, 1fr)',
              lg: 'repeat(6, 1fr)',
            },
            gap: 1.5,
          }}
        >
          {headline.map((d) => tile(d, true))}
        </Box>
      </Box>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 520px), 1fr))',
          gap: 2,
          mt: 2,
        }}
      >
        {groups.map((g) => (
          <Box
            key={g.id}
            component="section"
            aria-labelledby={`figures-${g.id}`}
            data-group={g.id}
            sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5 }}
          >
            <Typography variant="subtitle1" id={`figures-${g.id}`} sx={{ mb: 1, fontWeight: 600 }}>
              {t(`reports.group.${g.id}`)}
            </Typography>
            <Box
              sx={{
                display: 'grid',
                gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
                gap: 1,
              }}
            >
              {g.figures.map((d) => tile(d))}
            </Box>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
