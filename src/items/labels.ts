import type { ItemCategory, ItemMethod } from './inspection-item.entity';

/** Chinese labels for codes shown to staff and the public. */
export const CATEGORY_LABELS: Record<ItemCategory, string> = { key: '重点', general: '一般' };
export const METHOD_LABELS: Record<ItemMethod, string> = { on_site: '现场检查', documentary: '书面检查', online: '网络检查' };
