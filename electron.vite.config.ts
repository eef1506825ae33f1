import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * The renderer's entry (renderer/src/main.tsx) is a few lines that ask the core for the first
 * screen's data and then import the app (renderer/src/boot.tsx) dynamically. A dynamic import's
 * chunks would be fetched only once the entry has run; this lists the app's chunks and its
 * stylesheet in index.html, so the browser fetches them while it parses the page, in parallel
 * with the entry. Everything the app loads later (sections, dialogs, print) stays out.
 */
function preloadApp(entry: string): Plugin {
  return {
    name: 'visitdesk-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const app = chunks.find((c) => c.facadeModuleId === entry);
        if (!app) throw new Error(`no chunk for ${entry}`);
        const files = new Set<string>();
        const css = new Set<string>();
        const visit = (file: string) => {
          if (files.has(file)) return;
          files.add(file);
          const chunk = bundle[file];
          if (chunk?.type !== 'chunk') return;
          chunk.viteMetadata?.importedCss.forEach((f) => css.add(f));
          chunk.imports.forEach(visit);
        };
        visit(app.fileName);
        // What the entry itself imports, Vite already lists.
        for (const c of chunks)
          if (c.isEntry) [c.fileName, ...c.imports].forEach((f) => files.delete(f));
        return [
          ...[...css].map((href) => ({
            tag: 'link',
            attrs: { rel: 'stylesheet', crossorigin: true, href: `./${href}` },
            injectTo: 'head' as const,
          })),
          ...[...files].map((href) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${href}` },
            injectTo: 'head' as const,
          })),
        ];
      },
    },
  };
}

/**
 * MUI's locale modules and its table pager each build an `Intl.NumberFormat` when imported
 * (@mui/material/locale/utils/buildFormatNumber). The theme imports the zh-CN locale, so a cold
 * start loaded ICU's zh-CN number data (17–30 ms measured in Debian's Chromium) before the
 * first row, which needs no number formatted that way. Their imports of that helper resolve to
 * renderer/src/app/lazy-format-number.ts: the same function, its formatter built at first use.
 */
function lazyLocaleNumbers(): Plugin {
  const helper = resolve(__dirname, 'renderer/src/app/lazy-format-number.ts');
  return {
    name: 'visitdesk-lazy-locale-numbers',
    enforce: 'pre',
    resolveId(source, importer) {
      const fromMui = importer && /[\\/]@mui[\\/]material[\\/]/.test(importer);
      return fromMui &&
        /(^|\/)locale\/utils\/buildFormatNumber\.mjs$|^\.\/utils\/buildFormatNumber\.mjs$/.test(
          source,
        )
        ? helper
        : null;
    },
  };
}

// Our folders are not electron-vite's src/ defaults, so every entry point is explicit.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          worker: resolve(__dirname, 'electron/core/jobs/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require packages: bundle everything into one CJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [
      lazyLocaleNumbers(),
      react(),
      preloadApp(resolve(__dirname, 'renderer/src/boot.tsx')),
    ],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves bundles unminified by default; the renderer's first chunk is
      // what a cold start downloads and parses before the first case-list row.
      minify: true,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
        output: {
          codeSplitting: {
            // Forms load with the first dialog, not with the first screen (which has none).
            // React is a group of its own first, or the forms group would take it along as a
            // dependency and the first screen would load the forms to get React.
            groups: [
              {
                name: 'react',
                test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/,
                priority: 2,
              },
              {
                name: 'forms',
                test: /node_modules[\\/](react-hook-form|@hookform)[\\/]/,
                priority: 1,
              },
            ],
          },
        },
      },
    },
  },
});
