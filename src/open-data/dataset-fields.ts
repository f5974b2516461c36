/**
 * What each column of each open-data file means, in Chinese, in the files' column order: the text of
 * the portal's open-data page (/portal/open-data). The e2e test checks every column the files carry
 * is described here, so a new column cannot ship undocumented. Pure data.
 */
/** The licence the open-data page states; feed_info.licence says the same (the e2e test compares them). */
export const OPEN_DATA_LICENCE = '可自由使用，请注明来源';

export const DATASET_FIELDS: Record<string, [column: string, meaning: string][]> = {
  inspections: [
    ['inspection_id', '本版本公开记录的编号（UUID）；更正会产生新的版本和新的编号，findings 文件以此编号对应'],
    ['version', '版本号：首次公开为 1，每更正一次加 1；文件只含每项检查的当前版本'],
    ['status', '状态：published 为已公开，withdrawn 为已撤回（撤回的记录仍然保留，并注明原因）'],
    ['uscc', '被检查单位的统一社会信用代码（18 位）'],
    ['entity_name', '被检查单位名称'],
    ['department', '实施检查的部门'],
    ['items', '抽查事项，格式为“事项编码 事项名称”，多个事项以全角分号“；”分隔'],
    ['plan_id', '抽查计划编号（UUID），计划页面为 /portal/plans/{plan_id}'],
    ['draw_id', '随机抽取记录编号（UUID），完整的抽取记录可从 /public/draws/{draw_id}/transcript 下载并独立复核'],
    ['inspection_date', '检查日期，格式为 YYYY-MM-DD'],
    ['inspectors', '在场执法人员，格式为“姓名（执法证号）”，以“；”分隔'],
    ['results', '检查结果的中文名称，以“；”分隔；结果代码见 findings 文件，代码说明见 legend 文件'],
    ['rectification_open', '责令整改事项中尚未完成整改的数量（整数）'],
    ['published_at', '公开时间，ISO 8601 格式的协调世界时（UTC，以 Z 结尾）'],
    ['correction_reason', '更正原因；未更正的为空'],
    ['withdrawn_reason', '撤回原因；未撤回的为空'],
  ],
  entities: [
    ['uscc', '统一社会信用代码（18 位），每个单位一行'],
    ['name', '单位名称'],
    ['address', '住所（注册地址）；未登记的为空'],
  ],
  findings: [
    ['inspection_id', '对应 inspections 文件中的 inspection_id'],
    ['uscc', '被检查单位的统一社会信用代码'],
    ['code', '检查结果代码（如 NO_PROBLEM），含义见 legend 文件；一项检查有几个结果就有几行'],
    ['label', '检查结果的中文名称'],
  ],
  legend: [
    ['code', '检查结果代码'],
    ['label', '检查结果的中文名称'],
    ['problem', '是否属于发现问题：true 为是，false 为否'],
  ],
  feed_info: [
    ['publisher', '发布者'],
    ['extract_date', '本文件的生成时间，ISO 8601 格式的北京时间（+08:00）'],
    ['inspections', '生成时公开的检查记录数（与 inspections 文件的行数一致）'],
    ['entities', '生成时有公开检查结果的单位数'],
    ['audit_head_seq', '生成时执法全过程记录（审计日志）哈希链最后一条记录的序号'],
    ['audit_head_hash', '该条记录的哈希值（SHA-256，64 位十六进制）'],
    ['licence', '数据的使用许可'],
  ],
  audit_heads: [
    ['day', '日期（北京时间），格式为 YYYY-MM-DD；每天一行'],
    ['seq', '当天发布时执法全过程记录（审计日志）哈希链最后一条记录的序号'],
    ['hash', '该条记录的哈希值（SHA-256，64 位十六进制）；请自行留存，日后可用 npm run verify-audit -- --head 序号:哈希 核验此后的记录未被截断或改写'],
    ['at', '该条记录的写入时间，ISO 8601 格式的协调世界时（UTC，以 Z 结尾）'],
  ],
  publication_records: [
    ['kind', '类型：plan 为抽查计划发布记录，redraw 为重抽公告'],
    ['plan_id', '抽查计划编号（UUID）'],
    ['redraw_id', '重抽编号（UUID）；计划发布记录为空'],
    ['published_at', '发布（或提出重抽）时间，ISO 8601 格式的协调世界时（UTC，以 Z 结尾）'],
    ['record_sha256', 'record 文本（UTF-8）的 SHA-256 哈希值（64 位十六进制）'],
    ['record', '记录全文（规范化 JSON）：快照与参数的哈希、随机数规则（drand 轮次，或服务器承诺与指定的公开随机事件）、最早抽取时间；格式见 docs/draw-algorithm.md。请在抽取前自行留存，日后用 npm run verify-draw -- --publication 留存的文件 核验抽取记录'],
  ],
};
