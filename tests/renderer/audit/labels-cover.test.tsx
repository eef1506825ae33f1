import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditLabelText } from '../../../renderer/src/features/audit/labels';

/**
 * Every action and entity code the core writes into the audit log has words in both languages,
 * so the viewer never shows a bare code like `access.refused` (it shows the code only in the
 * details). The codes are read from the core's source, where each audit call names them.
 */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const core = path.resolve(__dirname, '../../../electron/core');
const source = sourceFiles(core)
  .map((file) => fs.readFileSync(file, 'utf8'))
  .join('\n');
const codes = (key: 'action' | 'entity') =>
  [
    ...new Set(
      [...source.matchAll(new RegExp(`\\b${key}: '([a-z_][a-zA-Z_.]*)'`, 'g'))].map((m) => m[1]!),
    ),
  ].sort();

describe('audit viewer labels', () => {
  it('name every action code the core writes, in Chinese and English', () => {
    const actions = codes('action');
    // The refusal rows of the dispatcher and the sign-in are among them.
    expect(actions).toEqual(
      expect.arrayContaining(['access.refused', 'auth.signIn', 'cases.import']),
    );
    const missing = actions.filter(
      (code) =>
        !(`auditAction.${code}` in auditLabelText.zh) ||
        !(`auditAction.${code}` in auditLabelText.en),
    );
    expect(missing).toEqual([]);
  });

  it('name every entity code the core writes, in Chinese and English', () => {
    const entities = codes('entity');
    expect(entities).toEqual(expect.arrayContaining(['settings', 'backup']));
    const missing = entities.filter(
      (code) =>
        !(`auditEntity.${code}` in auditLabelText.zh) ||
        !(`auditEntity.${code}` in auditLabelText.en),
    );
    expect(missing).toEqual([]);
  });
});
