import {
  Button,
  Card,
  CardActions,
  CardContent,
  CardHeader,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsSchema } from '../../../../electron/shared/schemas/foundation';
import { useCan, useSession } from '../../app/session';
import { useAction } from '../../components/useAction';
import { RotateKeyDialog } from './RotateKeyDialog';

export function SecurityCard() {
  const { t } = useTranslation();
  const { state, refresh } = useSession();
  const editable = useCan('settings.edit');
  const [rotating, setRotating] = useState(false);
  const [minutes, setMinutes] = useState(String(state.settings?.autoLockMinutes ?? 10));
  const parsed = settingsSchema.safeParse({ autoLockMinutes: Number(minutes) });
  const save = useAction('settings:update', { done: t('common.saved'), onDone: () => refresh() });
  return (
    <Card>
      <CardHeader title={t('settings.security')} />
      <CardContent>
        <TextField
          label={t('settings.autoLock')}
          type="number"
          value={minutes}
          disabled={!editable}
          onChange={(e) => setMinutes(e.target.value)}
          error={!parsed.success}
          helperText={parsed.success ? t('settings.autoLockHelp') : t('v.minutes')}
          slotProps={{ htmlInput: { min: 1, max: 240 } }}
        />
        {state.server && editable && (
          <Typography color="text.secondary" variant="body2" sx={{ mt: 2 }}>
            {t(state.branchServer ? 'keys.rotateOnBranchServer' : 'keys.rotateOnServer')}
          </Typography>
        )}
      </CardContent>
      {editable && (
        <CardActions sx={{ justifyContent: 'flex-end' }}>
          {!state.server && (
            <Button color="warning" onClick={() => setRotating(true)}>
              {t('keys.rotate')}
            </Button>
          )}
          <Button
            variant="contained"
            disabled={!parsed.success || Number(minutes) === state.settings?.autoLockMinutes}
            onClick={() => parsed.success && void save.run(parsed.data)}
          >
            {t('common.save')}
          </Button>
        </CardActions>
      )}
      {rotating && <RotateKeyDialog onClose={() => setRotating(false)} />}
    </Card>
  );
}
