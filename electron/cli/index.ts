import { tuneHeapForStreaming } from '../core/runtime/heap';
import { runCli } from './main';

tuneHeapForStreaming();

void runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  isTTY: Boolean(process.stdin.isTTY),
}).then((code) => {
  process.exitCode = code;
});
