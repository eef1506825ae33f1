// Types for download.mjs.

export declare function firstReason(output: string): string;
export declare function downloadElectron(
  electronDir: string,
  options?: { log?: (line: string) => void; timeoutMs?: number },
): { ok: true } | { ok: false; reason: string };
