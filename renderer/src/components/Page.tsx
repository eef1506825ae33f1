import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';

export function Page(props: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Box sx={{ p: 3, maxWidth: 1400 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 2, gap: 2 }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          {props.title}
        </Typography>
        {props.actions}
      </Box>
      {props.children}
    </Box>
  );
}
