import v8 from 'node:v8';

let tuned = false;

/**
 * Turns off V8's allocation-site pretenuring for this process (V8 flags are per process, so
 * the import worker threads share it). Reading a CSV is a stream of short-lived objects, but
 * while the first rows are held (the header window, the kept problems) V8 sees the row
 * checker's objects survive and starts allocating every later one straight in the old
 * generation, where only full collections free them. Measured on a 27 MB GBK file with a
 * million bad rows (tests/unit/imports/bad-rows-memory.test.ts): with pretenuring the peak
 * was bimodal, 223–250 MB or 490–540 MB on Node 24 and 310–337 MB on Node 20; without it
 * 223–241 MB and 201–222 MB, every run. Called first thing by the app's main process and the
 * CLI (and by the test that measures it); calling it again does nothing.
 */
export function tuneHeapForStreaming(): void {
  if (tuned) return;
  tuned = true;
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
}
