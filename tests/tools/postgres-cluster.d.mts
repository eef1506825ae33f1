export interface Cluster {
  url: string;
  caFile: string;
  port: number;
  dir: string;
  bin: string;
}
export function postgresBin(): string | null;
export function startCluster(): Promise<Cluster>;
export function stopCluster(dir: string): void;
