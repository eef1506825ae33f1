/**
 * The document template engine. A template is plain text:
 *
 *   [[section]]          starts a named section; the print layout decides where it goes
 *   # Heading            a heading line
 *   text {{ name }}      a named placeholder (whitespace inside the braces is tolerated)
 *   (blank line)         ends a paragraph; a single line break stays a line break
 *
 * There is nothing else: no expressions, no conditions, no loops, no markup. Rendering returns
 * data (sections of blocks of text runs) that React prints as text nodes, so neither a value nor
 * the template itself can inject HTML or run code. Pure: the renderer's live preview and the
 * core's print log render the same way.
 */

export interface PlaceholderSpec {
  name: string;
  zh: string;
  en: string;
  /** A list value: alone in a paragraph it prints as one line per item, inline it is joined. */
  list?: boolean;
}

export interface SectionSpec {
  name: string;
  zh: string;
  en: string;
  /** A required section must be present and hold some text (e.g. the borrower's rights). */
  required: boolean;
}

/** What one kind of document may contain. */
export interface TemplateCatalogue {
  sections: readonly SectionSpec[];
  placeholders: readonly PlaceholderSpec[];
}

export type TemplateIssueCode =
  | 'unknownPlaceholder'
  | 'badPlaceholder'
  | 'unclosedBraces'
  | 'strayClosingBraces'
  | 'unknownSection'
  | 'duplicateSection'
  | 'missingSection'
  | 'emptySection'
  | 'textOutsideSection';

export interface TemplateIssue {
  code: TemplateIssueCode;
  /** The placeholder or section concerned. */
  name?: string;
  /** 1-based position in the template text. */
  line: number;
  column: number;
}

export interface TemplateRun {
  text: string;
  /** Set when the text is a placeholder's value, so a layout can mark filled-in facts. */
  field?: string;
}

export type TemplateBlock =
  | { type: 'heading'; runs: TemplateRun[] }
  | { type: 'paragraph'; lines: TemplateRun[][] }
  | { type: 'list'; field: string; items: string[] };

export type RenderedTemplate = Record<string, TemplateBlock[]>;

export type TemplateValues = Readonly<Record<string, string | readonly string[]>>;

export class TemplateError extends Error {
  readonly issues: TemplateIssue[];
  constructor(issues: TemplateIssue[]) {
    super(issues.map((i) => templateIssueText(i, 'en')).join('; '));
    this.name = 'TemplateError';
    this.issues = issues;
  }
}

const SECTION_LINE = /^\s*\[\[\s*([^\]]*?)\s*\]\]\s*$/;
const NAME = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/;
const HEADING = /^\s*#\s+/;

type Piece = { kind: 'text'; text: string } | { kind: 'field'; name: string; column: number };

interface ParsedLine {
  pieces: Piece[];
  heading: boolean;
  blank: boolean;
}

interface ParsedSection {
  name: string;
  line: number;
  lines: ParsedLine[];
}

/** Splits one line into text and placeholders, reporting brace problems with their column. */
function parseLine(text: string, lineNo: number, shift: number, issues: TemplateIssue[]): Piece[] {
  const pieces: Piece[] = [];
  let rest = 0;
  while (rest < text.length) {
    const open = text.indexOf('{{', rest);
    const strayClose = text.indexOf('}}', rest);
    if (strayClose !== -1 && (open === -1 || strayClose < open)) {
      issues.push({ code: 'strayClosingBraces', line: lineNo, column: shift + strayClose + 1 });
      pieces.push({ kind: 'text', text: text.slice(rest, strayClose + 2) });
      rest = strayClose + 2;
      continue;
    }
    if (open === -1) {
      pieces.push({ kind: 'text', text: text.slice(rest) });
      break;
    }
    if (open > rest) pieces.push({ kind: 'text', text: text.slice(rest, open) });
    const close = text.indexOf('}}', open + 2);
    const nextOpen = text.indexOf('{{', open + 2);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      issues.push({ code: 'unclosedBraces', line: lineNo, column: shift + open + 1 });
      pieces.push({ kind: 'text', text: text.slice(open, nextOpen === -1 ? undefined : nextOpen) });
      rest = nextOpen === -1 ? text.length : nextOpen;
      continue;
    }
    const name = text.slice(open + 2, close).trim();
    if (!NAME.test(name)) {
      issues.push({ code: 'badPlaceholder', name, line: lineNo, column: shift + open + 1 });
    }
    pieces.push({ kind: 'field', name, column: shift + open + 1 });
    rest = close + 2;
  }
  return pieces;
}

interface Parsed {
  sections: ParsedSection[];
  issues: TemplateIssue[];
  /** Every placeholder with where it stands, for validation. */
  fields: { name: string; line: number; column: number }[];
}

function parse(body: string): Parsed {
  const issues: TemplateIssue[] = [];
  const sections: ParsedSection[] = [];
  const fields: Parsed['fields'] = [];
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const section = SECTION_LINE.exec(raw);
    if (section) {
      sections.push({ name: section[1] ?? '', line: lineNo, lines: [] });
      return;
    }
    const blank = raw.trim() === '';
    const current = sections[sections.length - 1];
    if (!current) {
      if (!blank) issues.push({ code: 'textOutsideSection', line: lineNo, column: 1 });
      return;
    }
    const heading = HEADING.test(raw);
    const text = heading ? raw.replace(HEADING, '') : raw.trimEnd();
    // Columns refer to the line as written, not to the heading's text after its "# ".
    const shift = heading ? raw.length - text.length : 0;
    const pieces = parseLine(text, lineNo, shift, issues);
    for (const piece of pieces) {
      if (piece.kind === 'field')
        fields.push({ name: piece.name, line: lineNo, column: piece.column });
    }
    current.lines.push({ pieces, heading, blank });
  });
  return { sections, issues, fields };
}

/**
 * Everything wrong with a template for a kind of document, in reading order: unknown or
 * malformed placeholders with their line and column, brace problems, unknown, repeated,
 * missing or empty sections. An empty list means it can be printed.
 */
export function validateTemplate(body: string, catalogue: TemplateCatalogue): TemplateIssue[] {
  const parsed = parse(body);
  const issues = [...parsed.issues];
  const known = new Set(catalogue.placeholders.map((p) => p.name));
  for (const field of parsed.fields) {
    if (NAME.test(field.name) && !known.has(field.name)) {
      issues.push({ code: 'unknownPlaceholder', ...field });
    }
  }
  const sectionNames = new Set(catalogue.sections.map((s) => s.name));
  const seen = new Set<string>();
  for (const section of parsed.sections) {
    if (!sectionNames.has(section.name)) {
      issues.push({ code: 'unknownSection', name: section.name, line: section.line, column: 1 });
    } else if (seen.has(section.name)) {
      issues.push({ code: 'duplicateSection', name: section.name, line: section.line, column: 1 });
    }
    seen.add(section.name);
  }
  const lastLine = body.split('\n').length;
  for (const spec of catalogue.sections) {
    if (!spec.required) continue;
    const section = parsed.sections.find((s) => s.name === spec.name);
    if (!section) {
      issues.push({ code: 'missingSection', name: spec.name, line: lastLine, column: 1 });
    } else if (!section.lines.some((l) => !l.blank)) {
      issues.push({ code: 'emptySection', name: spec.name, line: section.line, column: 1 });
    }
  }
  return issues.sort((a, b) => a.line - b.line || a.column - b.column);
}

const joiners = { zh: '、', en: ', ' } as const;

function valueText(value: string | readonly string[] | undefined, lang: 'zh' | 'en'): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : value.join(joiners[lang]);
}

/**
 * Renders a valid template against values. Throws TemplateError when validation finds any
 * issue, so nothing half-checked is ever printed.
 */
export function renderTemplate(
  body: string,
  catalogue: TemplateCatalogue,
  values: TemplateValues,
  lang: 'zh' | 'en' = 'zh',
): RenderedTemplate {
  const issues = validateTemplate(body, catalogue);
  if (issues.length) throw new TemplateError(issues);
  const lists = new Set(catalogue.placeholders.filter((p) => p.list).map((p) => p.name));
  const rendered: RenderedTemplate = {};
  for (const section of parse(body).sections) {
    const blocks: TemplateBlock[] = [];
    let paragraph: TemplateRun[][] = [];
    const endParagraph = () => {
      if (paragraph.length) blocks.push(listOrParagraph(paragraph, lists, values));
      paragraph = [];
    };
    for (const line of section.lines) {
      if (line.blank) {
        endParagraph();
        continue;
      }
      const runs = line.pieces
        .map<TemplateRun>((piece) =>
          piece.kind === 'text'
            ? { text: piece.text }
            : { text: valueText(values[piece.name], lang), field: piece.name },
        )
        .filter((run) => run.text !== '' || run.field !== undefined);
      if (line.heading) {
        endParagraph();
        blocks.push({ type: 'heading', runs });
      } else {
        paragraph.push(runs);
      }
    }
    endParagraph();
    rendered[section.name] = blocks;
  }
  return rendered;
}

/** A paragraph that is nothing but one list placeholder prints as a list, one item a line. */
function listOrParagraph(
  lines: TemplateRun[][],
  lists: Set<string>,
  values: TemplateValues,
): TemplateBlock {
  const only = lines.length === 1 ? lines[0]!.filter((r) => r.field || r.text.trim()) : [];
  const field = only.length === 1 ? only[0]!.field : undefined;
  if (field && lists.has(field)) {
    const value = values[field];
    const items = value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
    return { type: 'list', field, items };
  }
  return { type: 'paragraph', lines };
}

/** The plain text of a rendered section, for hashing, search and tests. */
export function renderedText(blocks: readonly TemplateBlock[]): string {
  return blocks
    .map((block) => {
      if (block.type === 'heading') return block.runs.map((r) => r.text).join('');
      if (block.type === 'list') return block.items.join('\n');
      return block.lines.map((line) => line.map((r) => r.text).join('')).join('\n');
    })
    .join('\n\n');
}

const issueTexts: Record<TemplateIssueCode, { zh: string; en: string }> = {
  unknownPlaceholder: { zh: '未知的占位符 {{{name}}}', en: 'unknown placeholder {{{name}}}' },
  badPlaceholder: {
    zh: '占位符“{name}”格式不正确（应为字母、数字和点，如 borrower.name）',
    en: 'malformed placeholder "{name}" (letters, digits and dots, e.g. borrower.name)',
  },
  unclosedBraces: { zh: '“{{”缺少对应的“}}”', en: '"{{" without a matching "}}"' },
  strayClosingBraces: { zh: '“}}”前缺少“{{”', en: '"}}" without a matching "{{"' },
  unknownSection: { zh: '未知的段落标记 [[{name}]]', en: 'unknown section [[{name}]]' },
  duplicateSection: { zh: '段落 [[{name}]] 重复出现', en: 'section [[{name}]] appears twice' },
  missingSection: { zh: '缺少必需的段落 [[{name}]]', en: 'required section [[{name}]] is missing' },
  emptySection: {
    zh: '必需的段落 [[{name}]] 没有内容',
    en: 'required section [[{name}]] is empty',
  },
  textOutsideSection: {
    zh: '文字必须写在段落标记（如 [[body]]）之后',
    en: 'text must come after a section marker such as [[body]]',
  },
};

/** One issue as a sentence with its position, e.g. "第 3 行第 5 列：未知的占位符 {{borrower.nam}}". */
export function templateIssueText(issue: TemplateIssue, lang: 'zh' | 'en'): string {
  const text = issueTexts[issue.code][lang].replace('{name}', issue.name ?? '');
  return lang === 'zh'
    ? `第 ${issue.line} 行第 ${issue.column} 列：${text}`
    : `line ${issue.line}, column ${issue.column}: ${text}`;
}
