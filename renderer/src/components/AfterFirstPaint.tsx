import { Box } from '@mui/material';
import { startTransition, useEffect, useState, type ReactNode } from 'react';

/**
 * Shows its children once the screen around them has painted: controls the user does not need
 * to read the screen (a row of filters) come a frame later instead of holding up the first rows
 * on a slow office PC. An empty box of the controls' height stands in, so nothing moves.
 */
export function AfterFirstPaint({ children, height }: { children: ReactNode; height: number }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The frame is painted after this callback; the timer runs after that paint.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setShown(true)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return shown ? children : <Box sx={{ minHeight: height }} />;
}
