/** Dates as Chinese readers expect them, through dayjs with its zh-cn locale. */
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import relativeTime from 'dayjs/plugin/relativeTime'

dayjs.extend(relativeTime)
dayjs.locale('zh-cn')

/** 2026年9月1日 */
export const formatDate = (d: string | Date): string => dayjs(d).format('YYYY年M月D日')

/** 9月1日 14:05 */
export const formatDateTime = (d: string | Date): string => dayjs(d).format('M月D日 HH:mm')

/** 3分钟前, 2天前 */
export const fromNow = (d: string | Date): string => dayjs(d).fromNow()

/** 2026-2027 -> 2026—2027学年实习 */
export const formatYear = (year: string): string => `${year.replace('-', '—')}实习年度`
