import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two files at a time. Vitest's default is one fewer than the cores: one on these 2-core
    // machines, so CI ran the files one after another (862 s for 829 s of test time) while a
    // test often waits on PostgreSQL, scrypt or a child process. With two, the unit project
    // took 979 s for 1,865 s of test time here, all 217 files passing, on a machine loaded by
    // other work.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          // PostgreSQL for the suites that run on both engines (started here unless given).
          globalSetup: ['tests/unit/support/postgres-global.ts'],
          // Real encrypted databases and scrypt: give them room on a 2-core machine.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
          // Files in a fork share its modules: the core, its zod contract and exceljs load once
          // per fork instead of once per file (about 1.8 s a file here). The core keeps no
          // mutable module state beyond caches of fixed data, the suites use no vi.mock or fake
          // timers, and each test opens its own database in its own temp folder.
          isolate: false,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['tests/renderer/**/*.test.tsx'],
          setupFiles: ['tests/renderer/setup.ts'],
          testTimeout: 30_000,
          // One window and module graph per worker instead of per file: jsdom and MUI set up
          // once (setup + environment took 156 s of the 402 s). setup.ts puts the page back
          // (language, storage, address) before every test.
          isolate: false,
        },
      },
    ],
  },
});
