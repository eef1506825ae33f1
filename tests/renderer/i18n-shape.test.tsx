import { describe, expect, it } from 'vitest';
import { defineText } from '../../renderer/src/i18n/define';
import { initI18n } from '../../renderer/src/i18n';
import { en } from '../../renderer/src/i18n/en';
import { zh } from '../../renderer/src/i18n/zh';

describe('the dictionaries', () => {
  it('do not compile when a key is missing from one language or only in English', () => {
    const both = defineText({ 'a.one': '一' }, { 'a.one': 'One' });
    // @ts-expect-error the English lacks a key the Chinese has
    const missing = defineText({ 'a.one': '一', 'a.two': '二' }, { 'a.one': 'One' });
    // @ts-expect-error the English has a key the Chinese lacks
    const extra = defineText({ 'a.one': '一' }, { 'a.one': 'One', 'a.two': 'Two' });
    expect([both.en['a.one'], missing.zh['a.two'], extra.zh['a.one']]).toEqual(['One', '二', '一']);
  });

  it('give every key the app loads a text in both languages, none empty', () => {
    const i18n = initI18n('zh-CN');
    const zhAll = i18n.getResourceBundle('zh-CN', 'translation') as Record<string, string>;
    const enAll = i18n.getResourceBundle('en', 'translation') as Record<string, string>;
    expect(Object.keys(enAll).sort()).toEqual(Object.keys(zhAll).sort());
    expect(Object.keys(zhAll).length).toBeGreaterThan(Object.keys(zh).length + 500);
    for (const [key, text] of Object.entries(zhAll)) expect(text.trim(), key).not.toBe('');
    // A page counter's text around the number is CSS content: English has nothing after it.
    const affixes = new Set(['reports.paper.pageAfter']);
    for (const [key, text] of Object.entries(enAll)) {
      if (!affixes.has(key)) expect(text.trim(), key).not.toBe('');
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });
});
