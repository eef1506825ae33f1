/**
 * One feature's texts in both languages. The English takes exactly the Chinese keys: a key
 * missing from either side, or one only in English, does not compile.
 */
export function defineText<const K extends string>(
  zh: Record<K, string>,
  en: NoInfer<Record<K, string>>,
): { zh: Record<K, string>; en: Record<K, string> } {
  return { zh, en };
}
