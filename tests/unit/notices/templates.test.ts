import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultTemplates } from '../../../electron/core/notices/default-templates';
import { templateCatalogues } from '../../../electron/shared/notice-catalogue';
import { documentKinds, documentLangs } from '../../../electron/shared/schemas/notices';
import {
  renderTemplate,
  renderedText,
  TemplateError,
  templateIssueText,
  validateTemplate,
  type TemplateCatalogue,
} from '../../../electron/shared/templates';

const catalogue: TemplateCatalogue = {
  sections: [
    { name: 'body', zh: '正文', en: 'Body', required: true },
    { name: 'slip', zh: '回执', en: 'Slip', required: false },
  ],
  placeholders: [
    { name: 'borrower.name', zh: '姓名', en: 'Name' },
    { name: 'loan.overdueAmount.capitals', zh: '大写', en: 'Capitals' },
    { name: 'repayment.channels', zh: '渠道', en: 'Channels', list: true },
  ],
};

describe('template validation', () => {
  it('accepts a template using only known placeholders and sections', () => {
    expect(validateTemplate('[[body]]\n尊敬的{{borrower.name}}：', catalogue)).toEqual([]);
  });

  it('reports an unknown placeholder with its name, line and column', () => {
    const issues = validateTemplate(
      '[[body]]\n尊敬的{{borrower.name}}：\n欠款{{loan.amount}}元',
      catalogue,
    );
    expect(issues).toEqual([
      { code: 'unknownPlaceholder', name: 'loan.amount', line: 3, column: 3 },
    ]);
    expect(templateIssueText(issues[0]!, 'zh')).toBe(
      '第 3 行第 3 列：未知的占位符 {{loan.amount}}',
    );
    expect(templateIssueText(issues[0]!, 'en')).toBe(
      'line 3, column 3: unknown placeholder {{loan.amount}}',
    );
  });

  it('tolerates whitespace inside the braces', () => {
    const body = '[[body]]\n{{ borrower.name }} {{\tloan.overdueAmount.capitals  }}';
    expect(validateTemplate(body, catalogue)).toEqual([]);
    const rendered = renderTemplate(body, catalogue, {
      'borrower.name': '张三',
      'loan.overdueAmount.capitals': '人民币壹元整',
    });
    expect(renderedText(rendered.body!)).toBe('张三 人民币壹元整');
  });

  it('reports unbalanced braces', () => {
    expect(validateTemplate('[[body]]\n尊敬的{{borrower.name：', catalogue)).toEqual([
      { code: 'unclosedBraces', line: 2, column: 4 },
    ]);
    expect(validateTemplate('[[body]]\n尊敬的borrower.name}}：', catalogue)).toEqual([
      { code: 'strayClosingBraces', line: 2, column: 17 },
    ]);
    // A placeholder never spans lines.
    expect(validateTemplate('[[body]]\n{{borrower.\nname}}', catalogue).map((i) => i.code)).toEqual(
      ['unclosedBraces', 'strayClosingBraces'],
    );
    expect(validateTemplate('[[body]]\n{{ {{borrower.name}}', catalogue)).toEqual([
      { code: 'unclosedBraces', line: 2, column: 1 },
    ]);
  });

  it('reports malformed and empty placeholders', () => {
    expect(validateTemplate('[[body]]\n{{}} {{a b}} {{x-y}}', catalogue)).toEqual([
      { code: 'badPlaceholder', name: '', line: 2, column: 1 },
      { code: 'badPlaceholder', name: 'a b', line: 2, column: 6 },
      { code: 'badPlaceholder', name: 'x-y', line: 2, column: 14 },
    ]);
  });

  it('has no expressions: anything but a name is refused, never evaluated', () => {
    const issues = validateTemplate(
      "[[body]]\n{{constructor.constructor('alert(1)')()}} {{borrower.name + 1}}",
      catalogue,
    );
    expect(issues.map((i) => i.code)).toEqual(['badPlaceholder', 'badPlaceholder']);
    // Prototype names are not placeholders either.
    expect(
      validateTemplate('[[body]]\n{{constructor}} {{__proto__}}', catalogue).map((i) => i.code),
    ).toEqual(['unknownPlaceholder', 'badPlaceholder']);
  });

  it('checks sections: unknown, repeated, missing, empty, text before the first', () => {
    expect(validateTemplate('hello\n[[body]]\nx', catalogue)).toEqual([
      { code: 'textOutsideSection', line: 1, column: 1 },
    ]);
    expect(validateTemplate('[[body]]\nx\n[[footer]]\ny', catalogue)).toEqual([
      { code: 'unknownSection', name: 'footer', line: 3, column: 1 },
    ]);
    expect(validateTemplate('[[body]]\nx\n[[body]]\ny', catalogue)).toEqual([
      { code: 'duplicateSection', name: 'body', line: 3, column: 1 },
    ]);
    expect(validateTemplate('[[slip]]\nx', catalogue)).toEqual([
      { code: 'missingSection', name: 'body', line: 2, column: 1 },
    ]);
    expect(validateTemplate('[[body]]\n\n  \n[[slip]]\nx', catalogue)).toEqual([
      { code: 'emptySection', name: 'body', line: 1, column: 1 },
    ]);
  });

  it('refuses to render an invalid template, listing every issue', () => {
    expect(() => renderTemplate('[[body]]\n{{nope}} {{', catalogue, {})).toThrow(TemplateError);
    try {
      renderTemplate('[[body]]\n{{nope}} {{', catalogue, {});
    } catch (error) {
      expect((error as TemplateError).issues.map((i) => i.code)).toEqual([
        'unknownPlaceholder',
        'unclosedBraces',
      ]);
    }
  });
});

describe('template rendering', () => {
  const values = {
    'borrower.name': '张三',
    'loan.overdueAmount.capitals': '人民币壹仟零伍元整',
    'repayment.channels': ['本行柜台', '手机银行'],
  };

  it('splits paragraphs on blank lines and keeps single line breaks', () => {
    const rendered = renderTemplate(
      '[[body]]\n# 标题 {{borrower.name}}\n第一行\n第二行\n\n\n第二段',
      catalogue,
      values,
    );
    expect(rendered.body).toEqual([
      { type: 'heading', runs: [{ text: '标题 ' }, { text: '张三', field: 'borrower.name' }] },
      { type: 'paragraph', lines: [[{ text: '第一行' }], [{ text: '第二行' }]] },
      { type: 'paragraph', lines: [[{ text: '第二段' }]] },
    ]);
  });

  it('prints a list placeholder alone in its paragraph as a list, and joins it inline', () => {
    const rendered = renderTemplate(
      '[[body]]\n{{repayment.channels}}\n\n渠道：{{repayment.channels}}',
      catalogue,
      values,
    );
    expect(rendered.body![0]).toEqual({
      type: 'list',
      field: 'repayment.channels',
      items: ['本行柜台', '手机银行'],
    });
    expect(renderedText([rendered.body![1]!])).toBe('渠道：本行柜台、手机银行');
    const english = renderTemplate('[[body]]\nVia {{repayment.channels}}', catalogue, values, 'en');
    expect(renderedText(english.body!)).toBe('Via 本行柜台, 手机银行');
  });

  it('keeps HTML and script in values and in the template as plain text', () => {
    const rendered = renderTemplate(
      '[[body]]\n<b>{{borrower.name}}</b><script>alert(1)</script>',
      catalogue,
      { 'borrower.name': '<img src=x onerror=alert(1)>{{loan.overdueAmount.capitals}}' },
    );
    expect(rendered.body).toEqual([
      {
        type: 'paragraph',
        lines: [
          [
            { text: '<b>' },
            {
              text: '<img src=x onerror=alert(1)>{{loan.overdueAmount.capitals}}',
              field: 'borrower.name',
            },
            { text: '</b><script>alert(1)</script>' },
          ],
        ],
      },
    ]);
  });

  it('accepts Windows line endings', () => {
    const rendered = renderTemplate('[[body]]\r\n甲\r\n\r\n乙', catalogue, values);
    expect(rendered.body).toHaveLength(2);
  });
});

describe('default templates', () => {
  const dir = path.join(__dirname, '../../../resources/templates');

  it.each(documentKinds.flatMap((kind) => documentLangs.map((lang) => [kind, lang] as const)))(
    '%s (%s) is valid for its catalogue',
    (kind, lang) => {
      const issues = validateTemplate(defaultTemplates[kind][lang], templateCatalogues[kind]);
      expect(issues.map((i) => templateIssueText(i, 'en'))).toEqual([]);
    },
  );

  it('match resources/templates (run node resources/templates/generate.mjs after editing)', () => {
    for (const kind of documentKinds) {
      for (const lang of documentLangs) {
        const file = fs.readFileSync(path.join(dir, `${kind}.${lang}.txt`), 'utf8');
        expect(defaultTemplates[kind][lang], `${kind}.${lang}.txt`).toBe(
          file.replace(/\r\n?/g, '\n'),
        );
      }
    }
  });
});
