import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../../electron/shared/money';
import type { DrilldownOutput } from '../../../../electron/shared/schemas/reports';
import { langOf } from './parts';

/** The rows behind a figure, with the figure's name (and the officer's, for one officer). */
export interface Detail {
  label: string;
  data: DrilldownOutput;
}

/** Complaint drill-down columns whose codes have words (cases/complaints-i18n.ts). */
const complaintColumns: Record<string, string | undefined> = {
  complainant: 'complainant',
  complaintChannel: 'channel',
  complaintOutcome: 'outcome',
};

/** The list behind a figure (the core sends the first rows and the whole count). */
export function DrilldownDialog(props: {
  detail: Detail | null;
  /** The loan lists' end bucket "paid_off" in words (the figure's own name). */
  paidOffLabel: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const { detail } = props;
  const cellText = (key: string, value: string | number | null | undefined, type: string) => {
    if (value === null || value === undefined) return '';
    if (type === 'fen' && typeof value === 'number') return formatYuan(value);
    if ((key === 'met' || key === 'madeBy') && typeof value === 'string') {
      return t(`visits.met.${value}`);
    }
    const complaintWords = complaintColumns[key];
    if (complaintWords && typeof value === 'string') {
      return t(`complaints.${complaintWords}.${value}`);
    }
    if (key === 'endBucket' && value === 'paid_off') return props.paidOffLabel || value;
    return value;
  };
  return (
    <Dialog open={detail !== null} onClose={props.onClose} maxWidth="lg" fullWidth>
      <DialogTitle>{detail && t('reports.drilldown', { figure: detail.label })}</DialogTitle>
      <DialogContent>
        {detail && (
          <>
            <Typography variant="body2">
              {t('reports.rows', { total: detail.data.total })}
              {detail.data.truncated &&
                ` · ${t('reports.truncated', { shown: detail.data.rows.length })}`}
            </Typography>
            <Box
              component="table"
              sx={{
                width: '100%',
                '& td, & th': { borderBottom: 1, borderColor: 'divider', px: 1, textAlign: 'left' },
              }}
            >
              <thead>
                <tr>
                  {detail.data.columns.map((c) => (
                    <th key={c.key}>{c.label[lang]}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {detail.data.rows.map((row, i) => (
                  <tr key={i}>
                    {detail.data.columns.map((c) => (
                      <td key={c.key}>{cellText(c.key, row[c.key], c.type)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </Box>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('reports.cancel')}</Button>
      </DialogActions>
    </Dialog>
  );
}
