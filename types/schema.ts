/**
 * Building blocks for action schemas: ids, Chinese-language validation messages,
 * pagination.
 */
import { z } from 'zod'

export const id = z.string().trim().min(1, '不能为空').max(64, '过长')
export const text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过${max}个字`)
export const dateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')

export const pageInput = {
  page: z.number().int().min(1, '页码从1开始').max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100, '每页最多100条').default(20)
}

export const page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })

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
