import { Box } from '@mui/material';
import type { DocumentData } from '../../../../electron/shared/schemas/notices';
import { PrintDocument } from '../../print/PrintRoute';

/**
 * Documents drawn on screen by the real print layouts, inside the same `.print-root` the print
 * route uses, so the preview has the paper's font, margins and A4 width; scaled to fit a dialog.
 */
export function DocumentPreview({
  documents,
  scale = 0.75,
  label,
}: {
  documents: readonly DocumentData[];
  scale?: number;
  label?: string;
}) {
  return (
    <Box
      data-testid="document-preview"
      aria-label={label}
      role={label ? 'region' : undefined}
      sx={{ overflow: 'auto', maxHeight: '70vh', bgcolor: 'grey.200' }}
    >
      <Box sx={{ zoom: scale }}>
        <div className="print-root">
          {documents.map((doc, index) => (
            <PrintDocument key={`${index}-${doc.kind}`} doc={doc} />
          ))}
        </div>
      </Box>
    </Box>
  );
}
