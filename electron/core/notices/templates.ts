import { templateCatalogues } from '../../shared/notice-catalogue';
import { AppFailure } from '../../shared/result';
import {
  documentKinds,
  documentLangs,
  type DocumentKind,
  type DocumentLang,
  type NoticeTemplateRow,
  type RestoreTemplateInput,
  type TemplateVersionRow,
} from '../../shared/schemas/notices';
import { templateIssueText, validateTemplate } from '../../shared/templates';
import type { Visitdesk } from '../app/visitdesk';
import { checkVersion } from '../app/versions';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { defaultTemplates } from './default-templates';

/** The template in force for a kind and language: the newest saved version, else the default. */
export async function loadCurrentTemplate(
  db: Kysely<DB>,
  kind: DocumentKind,
  lang: DocumentLang,
): Promise<NoticeTemplateRow> {
  const row = await db
    .selectFrom('document_templates as t')
    .leftJoin('staff as s', 's.id', 't.created_by')
    .select(['t.version', 't.body', 't.created_at', 's.name as created_by_name'])
    .where('t.kind', '=', kind)
    .where('t.lang', '=', lang)
    .orderBy('t.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  const defaultBody = defaultTemplates[kind][lang];
  if (!row) {
    return {
      kind,
      lang,
      version: 0,
      body: defaultBody,
      createdBy: null,
      createdAt: null,
      isDefault: true,
      defaultBody,
    };
  }
  return {
    kind,
    lang,
    version: row.version,
    body: row.body,
    createdBy: row.created_by_name,
    createdAt: row.created_at,
    isDefault: false,
    defaultBody,
  };
}

export async function listTemplates(db: Kysely<DB>): Promise<NoticeTemplateRow[]> {
  const rows: NoticeTemplateRow[] = [];
  for (const kind of documentKinds) {
    for (const lang of documentLangs) rows.push(await loadCurrentTemplate(db, kind, lang));
  }
  return rows;
}

/** Refuses a template the catalogue does not allow, listing every problem with its position. */
export function assertValidTemplate(kind: DocumentKind, lang: DocumentLang, body: string): void {
  const issues = validateTemplate(body, templateCatalogues[kind]);
  if (issues.length) {
    throw new AppFailure(
      'VALIDATION',
      `the ${kind} (${lang}) template has problems: ${issues
        .map((issue) => templateIssueText(issue, 'en'))
        .join('; ')}`,
      { fields: { body: 'v.invalid' }, details: { kind, lang, issues } },
    );
  }
}

/**
 * Writes `body` as the next version unless it is the text in force, and audits it with the
 * version it came from. One transaction: the caller's user action. With `baseVersion` (the
 * version in force when the editor or history was opened), a template another desk has saved
 * since is refused with STALE_VERSION (versions.ts), nothing written: the refusal carries the
 * template as `notices:templates` shows it now, its version and who saved it.
 */
function writeVersion(
  app: Visitdesk,
  input: { kind: DocumentKind; lang: DocumentLang; body: string; baseVersion?: number },
  action: 'notices.saveTemplate' | 'notices.restoreTemplate',
  restoredFrom?: number,
): Promise<NoticeTemplateRow> {
  return app.write(async (tx) => {
    const before = await loadCurrentTemplate(tx, input.kind, input.lang);
    await checkVersion(
      tx,
      input.baseVersion === undefined ? undefined : String(input.baseVersion),
      {
        entity: 'document_template',
        entityId: `${input.kind}:${input.lang}`,
        actual: String(before.version),
        current: before,
      },
    );
    if (before.body === input.body) return before;
    await tx
      .insertInto('document_templates')
      .values({
        kind: input.kind,
        lang: input.lang,
        version: before.version + 1,
        body: input.body,
        created_by: app.session?.staffId ?? null,
        created_at: app.now().toISOString(),
      })
      .execute();
    const after = await loadCurrentTemplate(tx, input.kind, input.lang);
    await app.record(tx, {
      action,
      entity: 'document_template',
      entityId: `${input.kind}:${input.lang}`,
      before: { version: before.version, body: before.body },
      after: {
        version: after.version,
        body: after.body,
        ...(restoredFrom === undefined ? {} : { restoredFrom }),
      },
    });
    return after;
  });
}

/** Saves a new version (the manager's edit); saving the same text again changes nothing. */
export function saveTemplate(
  app: Visitdesk,
  input: { kind: DocumentKind; lang: DocumentLang; body: string; baseVersion?: number },
): Promise<NoticeTemplateRow> {
  const body = input.body.replace(/\r\n?/g, '\n');
  assertValidTemplate(input.kind, input.lang, body);
  return writeVersion(app, { ...input, body }, 'notices.saveTemplate');
}

/**
 * Every version of a template, newest first, ending with the built-in wording (version 0).
 * The print log names versions by number; this is where their text can be read again.
 */
export async function listTemplateVersions(
  db: Kysely<DB>,
  kind: DocumentKind,
  lang: DocumentLang,
): Promise<TemplateVersionRow[]> {
  const saved = await db
    .selectFrom('document_templates as t')
    .leftJoin('staff as s', 's.id', 't.created_by')
    .select(['t.version', 't.body', 't.created_at', 's.name', 's.staff_no'])
    .where('t.kind', '=', kind)
    .where('t.lang', '=', lang)
    .orderBy('t.version', 'desc')
    .execute();
  const rows: TemplateVersionRow[] = saved.map((row, index) => ({
    kind,
    lang,
    version: row.version,
    body: row.body,
    createdBy: row.name,
    createdByNo: row.staff_no,
    createdAt: row.created_at,
    isCurrent: index === 0,
  }));
  rows.push({
    kind,
    lang,
    version: 0,
    body: defaultTemplates[kind][lang],
    createdBy: null,
    createdByNo: null,
    createdAt: null,
    isCurrent: saved.length === 0,
  });
  return rows;
}

/**
 * Puts an earlier version back in force by saving its text as a new version (the history and
 * the print log's references stay as they were). Restoring the version in force changes
 * nothing. The text is checked again: a catalogue may have changed since it was saved. With
 * `baseVersion`, refused like a save when another desk has saved since the history was read.
 */
export async function restoreTemplate(
  app: Visitdesk,
  input: RestoreTemplateInput,
): Promise<NoticeTemplateRow> {
  const versions = await listTemplateVersions(app.engine.db, input.kind, input.lang);
  const version = versions.find((row) => row.version === input.version);
  if (!version) {
    throw new AppFailure(
      'NOT_FOUND',
      `no version ${input.version} of the ${input.kind} (${input.lang}) template`,
      { details: { ...input, reason: 'e.templateVersionMissing' } },
    );
  }
  assertValidTemplate(input.kind, input.lang, version.body);
  return writeVersion(
    app,
    { kind: input.kind, lang: input.lang, body: version.body, baseVersion: input.baseVersion },
    'notices.restoreTemplate',
    input.version,
  );
}
