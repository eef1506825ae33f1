import path from 'node:path';
import type { Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import config from '../../../electron.vite.config';

const root = path.resolve(__dirname, '../../..');
const mui = (file: string) => path.join(root, 'node_modules/@mui/material', file);

function resolver() {
  const plugins = (config.renderer?.plugins ?? []).flat() as Plugin[];
  const plugin = plugins.find((p) => p?.name === 'visitdesk-lazy-locale-numbers');
  if (!plugin) throw new Error('the renderer has no visitdesk-lazy-locale-numbers plugin');
  const hook = plugin.resolveId as (source: string, importer?: string) => string | null;
  return (source: string, importer?: string) => hook.call({} as never, source, importer);
}

describe("the renderer build's lazy number format for MUI's locales", () => {
  const resolve = resolver();
  const helper = path.join(root, 'renderer/src/app/lazy-format-number.ts');

  it("sends the locales' and the table pager's imports of MUI's helper to ours", () => {
    expect(resolve('./utils/buildFormatNumber.mjs', mui('locale/zhCN.mjs'))).toBe(helper);
    expect(resolve('./utils/buildFormatNumber.mjs', mui('locale/enUS.mjs'))).toBe(helper);
    expect(
      resolve('../locale/utils/buildFormatNumber.mjs', mui('TablePagination/TablePagination.mjs')),
    ).toBe(helper);
  });

  it('leaves every other import alone, and the same name outside MUI', () => {
    expect(resolve('./utils/index.mjs', mui('locale/zhCN.mjs'))).toBeNull();
    expect(resolve('react', mui('TablePagination/TablePagination.mjs'))).toBeNull();
    expect(
      resolve('./utils/buildFormatNumber.mjs', path.join(root, 'renderer/src/app/theme.ts')),
    ).toBeNull();
    expect(resolve('./utils/buildFormatNumber.mjs', undefined)).toBeNull();
  });
});
