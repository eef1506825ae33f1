// Types for preflight.mjs (plain JavaScript so that it runs before anything is built).

export declare const CHINA_MIRROR: string;
export declare const MIN_NODE: [number, number];

export interface Resolved {
  file: string | null;
  source: 'ELECTRON_EXEC_PATH' | 'ELECTRON_OVERRIDE_DIST_PATH' | 'node_modules' | 'missing-package';
  looked: string;
}

export type DriverProblem =
  | { problem: 'missing' }
  | { problem: 'version'; version: string | null }
  | { problem: 'prebuild'; target: string; looked: string };

export declare function platformExecutable(platform: string): string;
export declare function locatePackages(projectDir: string): {
  electronDir: string | null;
  napiDir: string | null;
};
export declare function resolveElectron(input: {
  env: Record<string, string | undefined>;
  electronDir: string | null;
  platform: string;
}): Resolved;
export declare function checkNapiDriver(input: {
  napiDir: string | null;
  platform: string;
  arch: string;
  musl?: boolean;
}): DriverProblem | null;
export declare function nodeTooOld(version: string): boolean;
export declare function missingElectronMessage(input: {
  resolved: Resolved;
  platform: string;
  version: string;
}): string;
export declare function napiDriverMessage(problem: DriverProblem): string;
export declare function isMusl(): boolean;
export declare function oldNodeMessage(version: string): string;
