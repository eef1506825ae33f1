import { Box, Card, CardContent, CardHeader, LinearProgress, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useChannel } from '../../components/useChannel';

/**
 * A SHA-256 fingerprint as four lines of eight bytes (`3F:A1:07:9C:E2:5B:44:D0`), the way the
 * server prints it, so two people can read it out and check it a line at a time.
 */
function fingerprintGroups(fingerprint: string): string[] {
  const pairs =
    fingerprint
      .replace(/[^0-9a-fA-F]/g, '')
      .toUpperCase()
      .match(/.{1,2}/g) ?? [];
  const lines: string[] = [];
  for (let at = 0; at < pairs.length; at += 8) lines.push(pairs.slice(at, at + 8).join(':'));
  return lines;
}

export function Fingerprint({ value, large = false }: { value: string; large?: boolean }) {
  return (
    <Box
      component="span"
      data-testid="fingerprint"
      sx={{ display: 'block', fontFamily: 'monospace', fontSize: large ? 18 : 14 }}
    >
      {fingerprintGroups(value).map((line) => (
        <Box component="span" key={line} sx={{ display: 'block' }}>
          {line}
        </Box>
      ))}
    </Box>
  );
}

/** Settings → where the data lives: this PC's own database, or the branch server it joined. */
export function DataLocationCard() {
  const { t } = useTranslation();
  const location = useChannel('desks:location', {}).data;
  return (
    <Card>
      <CardHeader title={t('dataLocation.title')} />
      {location === null && <LinearProgress />}
      {location && (
        <CardContent>
          {location.kind === 'thisPc' ? (
            <Typography>{t('dataLocation.thisPc')}</Typography>
          ) : (
            <>
              <Typography sx={{ mb: 2 }}>{t('dataLocation.branchServer')}</Typography>
              <Box
                component="dl"
                sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: 1, m: 0 }}
              >
                <Typography component="dt" color="text.secondary">
                  {t('dataLocation.address')}
                </Typography>
                <Typography component="dd" sx={{ m: 0, wordBreak: 'break-all' }}>
                  {location.address}
                </Typography>
                <Typography component="dt" color="text.secondary">
                  {t('dataLocation.fingerprint')}
                </Typography>
                <Box component="dd" sx={{ m: 0 }}>
                  <Fingerprint value={location.fingerprint} />
                </Box>
                <Typography component="dt" color="text.secondary">
                  {t('dataLocation.deskName')}
                </Typography>
                <Typography component="dd" sx={{ m: 0 }}>
                  {location.deskName}
                </Typography>
              </Box>
            </>
          )}
        </CardContent>
      )}
    </Card>
  );
}
