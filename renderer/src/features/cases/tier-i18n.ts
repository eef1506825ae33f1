import { defineText } from '../../i18n/define';

/**
 * Texts of the bank's five-tier loan classification (五级分类) on the case screens. The list's
 * tags use the short English words; the full ones are their title and the case page's.
 */
export const tierText = defineText(
  {
    'cases.tier': '五级分类',
    'cases.col.tier': '分类',
    'cases.tier.pass': '正常',
    'cases.tier.special_mention': '关注',
    'cases.tier.substandard': '次级',
    'cases.tier.doubtful': '可疑',
    'cases.tier.loss': '损失',
    'cases.tier.none': '未分类',
    'cases.tier.short.pass': '正常',
    'cases.tier.short.special_mention': '关注',
    'cases.tier.short.substandard': '次级',
    'cases.tier.short.doubtful': '可疑',
    'cases.tier.short.loss': '损失',
    'cases.tier.caseHelp': '按总行文件，取本案未结清贷款中最差的分类',
    'cases.filter.bucketTier': '账龄 / 分类',
  },
  {
    'cases.tier': 'Classification',
    'cases.col.tier': 'Class',
    'cases.tier.pass': 'Pass',
    'cases.tier.special_mention': 'Special mention',
    'cases.tier.substandard': 'Substandard',
    'cases.tier.doubtful': 'Doubtful',
    'cases.tier.loss': 'Loss',
    'cases.tier.none': 'Unclassified',
    'cases.tier.short.pass': 'Pass',
    'cases.tier.short.special_mention': 'SM',
    'cases.tier.short.substandard': 'Sub.',
    'cases.tier.short.doubtful': 'Dbt.',
    'cases.tier.short.loss': 'Loss',
    'cases.tier.caseHelp': "From head office's files: the worst tier of the case's open loans",
    'cases.filter.bucketTier': 'Bucket / class',
  },
);
