import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import {
  Alert,
  Box,
  Button,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { alpha } from '@mui/material/styles';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  importFields,
  mappingName,
  type ColumnMapping,
  type ImportField,
  type ImportPreview,
} from '../../../../electron/shared/schemas/imports';

/**
 * A field's label in the UI language: the template's own header in Chinese, words in English
 * (the English template's headers are column names such as `id_number`, not labels).
 */
const englishLabels: Record<ImportField, string> = {
  name: 'Name',
  id_number: 'Resident ID',
  mobile: 'Mobile',
  province: 'Province',
  city: 'City',
  county: 'County',
  township: 'Township',
  village: 'Village',
  address: 'Address',
  loan_no: 'Loan no.',
  product: 'Product',
  principal: 'Principal',
  disbursed_on: 'Disbursed on',
  maturity_on: 'Matures on',
  outstanding_principal: 'Outstanding principal',
  overdue_principal: 'Overdue principal',
  overdue_interest: 'Overdue interest',
  penalty: 'Penalty',
  overdue_since: 'Overdue since',
  officer: 'Officer',
  last_paid_on: 'Last repayment date',
  classification: 'Loan classification',
};

export function useFieldLabel() {
  const { i18n } = useTranslation();
  return (field: ImportField) => {
    const spec = importFields.find((f) => f.field === field)!;
    return i18n.language === 'en' ? englishLabels[field] : spec.zh;
  };
}

/**
 * The preview of the first rows with, above each column, the field it fills. Each column's
 * field can be changed here; the choice becomes a column mapping (header → field) that the
 * core applies on preview and import, and that can be saved by name for next month's file.
 */
export function ImportPreviewTable(props: {
  preview: ImportPreview;
  mapping: ColumnMapping | undefined;
  onMappingChange: (mapping: ColumnMapping | undefined) => void;
  onSaveMapping: (name: string) => void;
}) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const { preview } = props;
  const [name, setName] = useState('');
  const nameError = name === '' ? null : mappingName.safeParse(name).error?.issues[0]?.message;
  const needsMapping = preview.missingFields.length > 0 || preview.columns.some((c) => c === null);

  const fieldText = (field: ImportField) =>
    `${label(field)}${importFields.find((f) => f.field === field)?.required ? ' *' : ''}`;
  // The rows of the sample the import will refuse, with why: marked before anything is written.
  const flagged = new Map<number, string[]>();
  for (const p of preview.problems) {
    if (p.line === 0 || p.line === preview.headerLine) continue;
    const reason = `${p.column ? `${p.column}：` : ''}${t(p.reason)}`;
    flagged.set(p.line, [...(flagged.get(p.line) ?? []), reason]);
  }

  const choose = (header: string, field: ImportField | '') => {
    const next: ColumnMapping = { ...(props.mapping ?? {}) };
    if (field === '') delete next[header];
    else next[header] = field;
    props.onMappingChange(Object.keys(next).length > 0 ? next : undefined);
  };

  return (
    <Stack spacing={2}>
      {needsMapping && (
        <Alert severity={preview.missingFields.length > 0 ? 'warning' : 'info'}>
          {t('cases.import.mappingHelp')}
        </Alert>
      )}
      <Box sx={{ overflowX: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Table size="small" aria-label={t('cases.import.preview', { count: preview.rows.length })}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 60, whiteSpace: 'nowrap' }}>
                {t('cases.import.line')}
              </TableCell>
              {preview.headers.map((header, i) => (
                <TableCell key={`${header}-${i}`} sx={{ minWidth: 140, verticalAlign: 'top' }}>
                  <Typography variant="caption" color="text.secondary" component="div">
                    {header}
                  </Typography>
                  {/* A column no field takes is ignored: a choice shown as such, not an error. */}
                  <TextField
                    select
                    variant="standard"
                    value={preview.columns[i] ?? ''}
                    onChange={(e) => choose(header, e.target.value as ImportField | '')}
                    slotProps={{
                      htmlInput: { 'aria-label': `${t('cases.import.field')}: ${header}` },
                      select: {
                        displayEmpty: true,
                        renderValue: (value) =>
                          value === '' ? (
                            <Typography
                              component="em"
                              variant="inherit"
                              color="text.secondary"
                              data-testid="ignored-column"
                            >
                              {t('cases.import.ignore')}
                            </Typography>
                          ) : (
                            fieldText(value as ImportField)
                          ),
                      },
                    }}
                    sx={{ minWidth: 120 }}
                  >
                    <MenuItem value="">
                      <em>{t('cases.import.ignore')}</em>
                    </MenuItem>
                    {importFields.map((f) => (
                      <MenuItem key={f.field} value={f.field}>
                        {fieldText(f.field)}
                      </MenuItem>
                    ))}
                  </TextField>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {preview.rows.map((row) => {
              const reasons = flagged.get(row.line);
              const why = reasons && t('cases.import.flagged', { reasons: reasons.join('；') });
              return (
                <TableRow
                  key={row.line}
                  data-flagged={reasons ? 'error' : undefined}
                  sx={
                    reasons
                      ? { bgcolor: (theme) => alpha(theme.palette.error.main, 0.08) }
                      : undefined
                  }
                >
                  <TableCell
                    sx={{ whiteSpace: 'nowrap', color: reasons ? 'error.main' : undefined }}
                  >
                    {reasons ? (
                      <Tooltip title={why}>
                        <Box
                          component="span"
                          aria-label={why}
                          sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
                        >
                          <ErrorOutlineIcon fontSize="small" aria-hidden />
                          {row.line}
                        </Box>
                      </Tooltip>
                    ) : (
                      row.line
                    )}
                  </TableCell>
                  {preview.headers.map((header, i) => (
                    <TableCell key={`${header}-${i}`} sx={{ whiteSpace: 'nowrap' }}>
                      {row.cells[i] ?? ''}
                    </TableCell>
                  ))}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Box>
      {props.mapping && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
          <TextField
            label={t('cases.import.mappingName')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={Boolean(nameError)}
            helperText={nameError ? t(nameError) : undefined}
            sx={{ width: 260 }}
          />
          <Button
            variant="outlined"
            disabled={name.trim() === '' || Boolean(nameError)}
            onClick={() => props.onSaveMapping(name.trim())}
          >
            {t('cases.import.saveMapping')}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
