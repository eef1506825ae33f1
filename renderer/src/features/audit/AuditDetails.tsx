import { Alert, Box, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../../../../electron/shared/channels/audit';

/** Pretty JSON when the text is JSON; as stored otherwise (never throws on odd text). */
function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * What one audit row recorded. Rows about a borrower are sealed with the borrower's key; once
 * the borrower is anonymised the key is gone and the details cannot be read by anyone, so the
 * viewer says so instead of showing empty boxes.
 */
export function AuditDetails({ row }: { row: AuditRow }) {
  const { t } = useTranslation();
  return (
    <Stack spacing={2}>
      {row.subject !== null && (
        <Typography variant="body2" color="text.secondary">
          {t('audit.subject')}: #{row.subject}
        </Typography>
      )}
      {row.details === 'anonymised' ? (
        <Alert severity="info" data-testid="audit-details-anonymised">
          <strong>{t('audit.anonymised')}</strong> — {t('audit.anonymisedHelp')}
        </Alert>
      ) : (
        <Stack direction="row" spacing={2}>
          {(['before', 'after'] as const).map((k) => (
            <Box key={k} sx={{ flex: 1 }}>
              <Typography variant="subtitle2">{t(`audit.${k}`)}</Typography>
              <Box
                component="pre"
                data-testid={`audit-details-${k}`}
                sx={{ fontSize: 12, bgcolor: 'grey.100', p: 1, overflow: 'auto', maxHeight: 300 }}
              >
                {row[k] === null ? '—' : pretty(row[k])}
              </Box>
            </Box>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
