/**
 * Files in and out of the renderer, which has no file system: bytes cross IPC as base64, a
 * chosen file is read here and a file the core made is saved through the browser's download.
 */

/** Reads a chosen file as base64 for the IPC call. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // Chunks keep String.fromCharCode under the engine's argument limit on 50 MB files.
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** Saves bytes the core produced as a file through the browser's download (the window's save dialog in Electron). */
export function downloadBase64(fileName: string, base64: string, type: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The last part of a path as the host gave it (Windows or POSIX separators). */
export const fileName = (file: string): string => file.split(/[\\/]/).pop() || file;

/** 1536 → "1.5 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
