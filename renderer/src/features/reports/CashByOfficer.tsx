import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type {
  FigureDefinition,
  MonthFigures,
  OfficerFigures,
} from '../../../../electron/shared/schemas/reports';
import { showFigure } from './parts';

/** The visit-money figures, per officer and for the branch (definitions.ts, issue 18). */
export const cashFigureKeys = ['cashCollectedFen', 'cashHandedInLate', 'cashOpenDifferences'];

/** Officers with any visit money or hand-in difference in the month. */
export const cashOfficers = (figures: MonthFigures): OfficerFigures[] =>
  figures.officers.filter((o) =>
    cashFigureKeys.some((k) => (o.figures[k as keyof typeof o.figures] as number) !== 0),
  );

/**
 * On screen: per officer, the money taken on visits, the receipts handed in late and the
 * hand-in differences still open at the month's end, with the branch's total row.
 */
export function CashByOfficer(props: {
  figures: MonthFigures;
  definitions: readonly FigureDefinition[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const defs = cashFigureKeys.flatMap((k) => props.definitions.filter((d) => d.key === k));
  const officers = cashOfficers(props.figures);
  const title = t('reports.cashByOfficer');
  if (defs.length === 0) return null;
  return (
    <>
      <Typography variant="h6" sx={{ mt: 2 }}>
        {title}
      </Typography>
      {officers.length === 0 ? (
        <Typography color="text.secondary">{t('reports.cashNone')}</Typography>
      ) : (
        <Table size="small" aria-label={title} sx={{ maxWidth: 760 }}>
          <TableHead>
            <TableRow>
              <TableCell>{t('reports.paper.officer')}</TableCell>
              {defs.map((d) => (
                <TableCell key={d.key} align="right" title={d.definition[lang]}>
                  {d.label[lang]}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {officers.map((o) => (
              <TableRow key={o.staffId}>
                <TableCell>
                  {o.name}（{o.staffNo}）
                </TableCell>
                {defs.map((d) => (
                  <TableCell key={d.key} align="right">
                    {showFigure(o.figures, d)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
            <TableRow>
              <TableCell sx={{ fontWeight: 600 }}>{t('reports.paper.branchTotal')}</TableCell>
              {defs.map((d) => (
                <TableCell key={d.key} align="right" sx={{ fontWeight: 600 }}>
                  {showFigure(props.figures.branch, d)}
                </TableCell>
              ))}
            </TableRow>
          </TableBody>
        </Table>
      )}
    </>
  );
}
