import VisibilityIcon from '@mui/icons-material/Visibility';
import { Box, Button, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../../electron/shared/contract';
import { useCan } from '../../app/session';
import { useAction } from '../../components/useAction';

type RevealRequest = ChannelInput<'cases:revealField'>;

/**
 * A masked ID or phone number with, for roles that may, a deliberate "show" click. The full
 * value is fetched (and audited by the core) on that click and kept only in this component's
 * state: leaving the page forgets it.
 */
export function RevealableNumber(props: {
  label: string;
  masked: string | null;
  request: RevealRequest;
  testId?: string;
}) {
  const { t } = useTranslation();
  const mayReveal = useCan('cases.reveal');
  const [revealed, setRevealed] = useState<string | null>(null);
  const reveal = useAction('cases:revealField', {
    onDone: (answer) => setRevealed(answer.value),
  });
  const busy = reveal.busy;

  if (props.masked === null) {
    return <Typography color="text.secondary">—</Typography>;
  }
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
      <Typography
        component="span"
        data-testid={props.testId}
        sx={{ fontFamily: 'monospace', fontSize: 15, letterSpacing: 0.5 }}
      >
        {revealed ?? props.masked}
      </Typography>
      {revealed !== null ? (
        <Tooltip title={t('cases.case.revealed')}>
          <VisibilityIcon fontSize="small" color="warning" aria-label={t('cases.case.revealed')} />
        </Tooltip>
      ) : (
        mayReveal && (
          <Button
            size="small"
            onClick={() => void reveal.run(props.request)}
            disabled={busy}
            aria-label={`${t('cases.case.show')} ${props.label}`}
            sx={{ minWidth: 0, px: 1 }}
          >
            {t('cases.case.show')}
          </Button>
        )
      )}
    </Box>
  );
}
