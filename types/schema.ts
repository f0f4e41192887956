/**
 * Building blocks for action schemas: ids, Chinese-language validation messages,
 * pagination.
 */
import { z } from 'zod'

export const id = z.string().trim().min(1, '不能为空').max(64, '过长')
export const text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过${max}个字`)

/** An internship year, e.g. "2026-2027" (1 July 2026 to 30 June 2027). */
export const internshipYear = z.string().trim()
  .regex(/^\d{4}-\d{4}$/, '实习年度应写成如“2026-2027”')
  .refine((y) => Number(y.slice(5)) === Number(y.slice(0, 4)) + 1, '实习年度应为相邻的两年，如“2026-2027”')

/** A day of the calendar as YYYY-MM-DD (China's day where a time is meant): 2026-02-29 is refused, 2028-02-29 taken. */
export const calendarDay = z.string().trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`)
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d
  }, '没有这一天')

/**
 * Input of a list read a page at a time (keyset paging): the `nextCursor` of the page
 * before, absent for the first page, and the page size. A cursor is opaque to the
 * client; the server checks it and refuses a malformed one, or one from another list
 * (INVALID_ARGUMENT).
 */
export const cursorInput = {
  cursor: z.string().min(1, '翻页位置无效').max(400, '翻页位置无效').optional(),
  pageSize: z.number().int().min(1).max(100, '每页最多100条').default(20)
}

/**
 * A page of a keyset-paged list: its items, the cursor of the next page (null on the
 * last one), and `total`, the number of matching entries, where the database can count
 * them from an index alone, without reading a document (null where it cannot; each list
 * says when).
 */
export const cursorPage = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int().nullable() })

/** A client request id: the device makes one per write and sends it with every try, and the write is applied once. */
export const requestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号应为8-64位字母、数字、-或_')

export const empty = z.object({}).strict()

/** An action as the contract declares it: input and output schemas, and who may call it. */
export interface ActionContract<I extends z.ZodTypeAny = z.ZodTypeAny, O extends z.ZodTypeAny = z.ZodTypeAny> {
  input: I
  output: O
  access: import('./roles').Access
  /** a short Chinese description, shown in the admin console and docs */
  summary: string
}

export const action = <I extends z.ZodTypeAny, O extends z.ZodTypeAny>(a: ActionContract<I, O>): ActionContract<I, O> => a
