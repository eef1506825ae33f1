import { defineText } from '../../i18n/define';

/**
 * Texts of the bank's five-tier loan classification (五级分类) wherever it shows: the case
 * screens, the monthly summary's tier table and the summary's extra bucket boundaries (a
 * setting). The list's tags use the short English words; the full ones are their title.
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
    'cases.filter.bucketTier': '账龄/分类',
    'reports.tiers.title': '五级分类（月末余额）',
    'reports.tiers.caption':
      '{{date}} 日终有本金余额的贷款，按其当日（或之前最近一次）导入文件中的五级分类统计；未分类指总行文件从未给出分类。',
    'reports.tiers.loans': '笔数',
    'reports.tiers.balance': '贷款余额',
    'reports.tiers.share': '余额占比',
    'reports.tiers.total': '合计',
    'reports.tiers.nonPerforming': '其中不良（次级、可疑、损失）',
    'reports.tiers.notKept': '本月结账时尚未保存五级分类；重新打开并结账即可补上。',
    'reportBuckets.title': '月度汇总的账龄分段',
    'reportBuckets.subtitle': '在 M4+ 之后增加分界，只影响月度汇总的迁徙率矩阵、打印和导出',
    'reportBuckets.extra': '分段',
    'reportBuckets.extra.none': 'M0–M4+（默认）',
    'reportBuckets.extra.M6': '拆出 M6+（逾期 151 天以上）',
    'reportBuckets.extra.M6_M12': '拆出 M6+ 和 M12+（逾期 151–330 天、331 天以上）',
    'reportBuckets.help':
      '账龄按 30 天一段：M4 为逾期 91–120 天，M6 为 151–180 天，M12 为 331–360 天；“M6+”即 M6 及以上。已结账月份保持结账时的分段。案件列表和走访计划仍使用 M0–M4+。',
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
    'cases.filter.bucketTier': 'Bucket/tier',
    'reports.tiers.title': 'Loan classification (month-end balances)',
    'reports.tiers.caption':
      "Loans with principal left at the end of {{date}}, by the classification in that day's file (or the latest one before it); Unclassified: head office's files never gave one.",
    'reports.tiers.loans': 'Loans',
    'reports.tiers.balance': 'Outstanding principal',
    'reports.tiers.share': 'Share',
    'reports.tiers.total': 'Total',
    'reports.tiers.nonPerforming': 'Of which non-performing (substandard, doubtful, loss)',
    'reports.tiers.notKept':
      'This month was closed before the classification was kept; reopen and close it again to add it.',
    'reportBuckets.title': 'Buckets of the monthly summary',
    'reportBuckets.subtitle':
      "Boundaries after M4+; they change only the summary's roll-rate matrices, its print and its exports",
    'reportBuckets.extra': 'Buckets',
    'reportBuckets.extra.none': 'M0–M4+ (default)',
    'reportBuckets.extra.M6': 'Split off M6+ (over 150 days past due)',
    'reportBuckets.extra.M6_M12': 'Split off M6+ and M12+ (151–330 days, over 330 days)',
    'reportBuckets.help':
      'Buckets are 30 days each: M4 is 91–120 days past due, M6 151–180, M12 331–360; "M6+" means M6 and above. Closed months keep the buckets they were closed with. The case list and visit planning keep M0–M4+.',
  },
);
