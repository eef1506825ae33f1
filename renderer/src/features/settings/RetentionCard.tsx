import {
  Alert,
  Button,
  Card,
  CardActions,
  CardContent,
  CardHeader,
  DialogContentText,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../electron/shared/contract';
import { useCan } from '../../app/session';
import { useAction } from '../../components/useAction';
import { ConfirmDialog } from '../../components/ConfirmDialog';

/** PIPL retention: closed cases past the period are anonymised after a preview (manager). */
export function RetentionCard() {
  const { t } = useTranslation();
  const allowed = useCan('settings.edit');
  const [years, setYears] = useState('5');
  const [preview, setPreview] = useState<ChannelOutput<'retention:preview'> | null>(null);
  const [confirming, setConfirming] = useState(false);
  const n = Number(years);
  // A preview is asked for with a button and shown until the period changes.
  const load = useAction('retention:preview', { onDone: (found) => setPreview(found) });
  const anonymise = useAction('retention:anonymise', {
    done: (result) => t('retention.done', { count: result.anonymised }),
    onDone: async (_result, input) => {
      setConfirming(false);
      await load.run({ years: input.years });
    },
  });
  if (!allowed) return null;
  const valid = Number.isInteger(n) && n >= 2 && n <= 30;
  const plainAuditRows = preview?.candidates.reduce((sum, c) => sum + c.plainAuditRows, 0) ?? 0;
  return (
    <Card>
      <CardHeader title={t('retention.title')} subheader={t('retention.help')} />
      <CardContent>
        <TextField
          label={t('retention.years')}
          type="number"
          value={years}
          onChange={(e) => {
            setYears(e.target.value);
            setPreview(null);
          }}
          error={!valid}
          helperText={valid ? undefined : t('retention.yearsRange')}
        />
        {preview && (
          <Alert
            severity={preview.candidates.length ? 'warning' : 'success'}
            sx={{ mt: 2 }}
            data-testid="retention-preview"
          >
            {preview.candidates.length
              ? t('retention.found', {
                  count: preview.candidates.length,
                  cutoff: preview.cutoff.slice(0, 10),
                })
              : t('retention.none', { cutoff: preview.cutoff.slice(0, 10) })}
          </Alert>
        )}
      </CardContent>
      <CardActions sx={{ justifyContent: 'flex-end' }}>
        <Button disabled={!valid} onClick={() => void load.run({ years: n })}>
          {t('retention.preview')}
        </Button>
        <Button
          color="error"
          variant="contained"
          disabled={!preview || preview.candidates.length === 0}
          onClick={() => setConfirming(true)}
        >
          {t('retention.anonymise')}
        </Button>
      </CardActions>
      {confirming && preview && (
        <ConfirmDialog
          title={t('retention.confirmTitle', { count: preview.candidates.length })}
          confirmLabel={t('retention.anonymise')}
          danger
          busy={anonymise.busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            void anonymise.run({
              years: n,
              borrowerIds: preview.candidates.map((c) => c.borrowerId),
            })
          }
        >
          <DialogContentText>{t('retention.confirmBody')}</DialogContentText>
          <Typography variant="body2" sx={{ mt: 1 }}>
            {t('retention.keep')} {t('retention.sealed')}
          </Typography>
          {plainAuditRows > 0 && (
            <Typography variant="body2" sx={{ mt: 1 }} data-testid="retention-plain-audit">
              {t('retention.plainAudit', { count: plainAuditRows })}
            </Typography>
          )}
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {t('retention.backups')}
          </Typography>
        </ConfirmDialog>
      )}
    </Card>
  );
}
