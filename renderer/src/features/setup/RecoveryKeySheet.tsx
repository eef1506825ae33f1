import PrintIcon from '@mui/icons-material/Print';
import { Alert, Box, Button, Checkbox, FormControlLabel, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The recovery key, shown once: the raw database key as 64 hex digits in groups, printable,
 * so the branch can always open its own data with any SQLCipher 4 tool.
 */
export function RecoveryKeySheet(props: {
  recoveryKey: string;
  branchName: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [stored, setStored] = useState(false);
  const groups = props.recoveryKey.split('-');
  return (
    <Stack spacing={2} className="recovery-sheet">
      <Typography variant="h5" component="h2">
        {t('recovery.title')}
      </Typography>
      <Typography>{t('recovery.branch', { name: props.branchName })}</Typography>
      <Alert severity="warning" className="no-print">
        {t('recovery.warning')}
      </Alert>
      <Box
        data-testid="recovery-key"
        aria-label={t('recovery.title')}
        sx={{
          fontFamily: '"Noto Sans Mono", "Consolas", monospace',
          fontSize: 22,
          letterSpacing: 1,
          display: 'grid',
          gridTemplateColumns: 'repeat(4, max-content)',
          gap: '8px 24px',
          p: 2,
          border: '2px dashed',
          borderColor: 'divider',
          width: 'fit-content',
        }}
      >
        {groups.map((g, i) => (
          <span key={i}>{g}</span>
        ))}
      </Box>
      <Typography variant="body2" color="text.secondary">
        {t('recovery.explain')}
      </Typography>
      <Typography variant="body2">{t('recovery.signature')}</Typography>
      <Stack direction="row" spacing={2} className="no-print" sx={{ alignItems: 'center' }}>
        <Button startIcon={<PrintIcon />} variant="outlined" onClick={() => window.print()}>
          {t('recovery.print')}
        </Button>
        <FormControlLabel
          control={<Checkbox checked={stored} onChange={(e) => setStored(e.target.checked)} />}
          label={t('recovery.stored')}
        />
        <Box sx={{ flex: 1 }} />
        <Button variant="contained" disabled={!stored} onClick={props.onDone}>
          {t('recovery.continue')}
        </Button>
      </Stack>
    </Stack>
  );
}
