import { z } from 'zod'
import { POLITICAL_STATUSES } from '../domain'
import { action, cursorInput, cursorPage, id, internshipYear } from '../schema'

/** One problem in a roster file: spreadsheet row number, the column's Chinese header, a reason in Chinese. */
export const rowError = z.object({ row: z.number().int(), column: z.string(), reason: z.string() })
export type RowError = z.infer<typeof rowError>

export const importReport = z.object({
  /**
   * the internship year the rows were imported into: the one asked for, else the year
   * most rows start in; null when no row has a start date
   */
  year: internshipYear.nullable(),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  unitsCreated: z.number().int(),
  /** false when invalid rows stopped the import: nothing was written */
  written: z.boolean(),
  /**
   * valid rows not written yet because the import ran out of time (a very large file with
   * many changes): importing the same file again writes them
   */
  remaining: z.number().int(),
  errors: z.array(rowError),
  /** errors beyond the first ones listed */
  moreErrors: z.number().int()
})

/** Where a device uploads a file: PUT to `uploadUrl` with `uploadHeaders` (H5), or `cloud.uploadFile({ cloudPath })` (weapp). */
const uploadTicketOutput = z.object({ fileID: z.string(), cloudPath: z.string(), uploadUrl: z.string(), uploadHeaders: z.record(z.string(), z.string()) })

export const rosterEntry = z.object({
  id: z.string(),
  studentNo: z.string(),
  name: z.string(),
  grade: z.string(),
  major: z.string(),
  politicalStatus: z.enum(POLITICAL_STATUSES),
  phone: z.string(),
  unitName: z.string(),
  province: z.string(),
  city: z.string(),
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  bound: z.boolean()
})

export const rosterActions = {
  import: action({
    summary: '导入实习生名单（.xlsx 或 .csv）',
    input: z.object({
      fileID: z.string().trim().min(1).max(1024).startsWith('cloud://', '应为云存储文件ID'),
      /** write the valid rows even when some rows are invalid */
      skipInvalid: z.boolean().default(false),
      /** the internship year of the whole file; by default the year most of its rows start in */
      year: internshipYear.optional()
    }).strict(),
    output: importReport,
    access: { admin: 'any' }
  }),
  export: action({
    summary: '导出名单及分组（.xlsx）',
    input: z.object({}).strict(),
    /** `url`: a temporary link to download the file */
    output: z.object({ fileID: z.string(), rows: z.number().int(), url: z.string() }),
    access: { admin: 'any' }
  }),
  /**
   * Students in student-number order. `keyword` finds a student-number prefix or an exact
   * name. `total` is counted from an index, except with a keyword (null). `year` is the
   * internship year a student was last imported into; a group belongs to one year, so a
   * group and a year are not asked for together.
   */
  list: action({
    summary: '名单（分页，可按实习年度、小组、省份、政治面貌筛选或按姓名学号搜索）',
    input: z.object({
      ...cursorInput,
      year: internshipYear.optional(),
      groupId: id.optional(),
      province: z.string().trim().max(20).optional(),
      keyword: z.string().trim().max(20).optional(),
      unassigned: z.boolean().optional(),
      politicalStatus: z.enum(POLITICAL_STATUSES).optional()
    }).strict().refine((i) => !(i.year && i.groupId), { message: '按小组查看时不再按年度筛选：小组只属于一个实习年度', path: ['year'] }),
    output: cursorPage(rosterEntry),
    access: { admin: 'any' }
  }),
  uploadTicket: action({
    summary: '上传名单文件（.xlsx 或 .csv）：取得上传地址',
    input: z.object({
      /** the file's own name; its extension (.xlsx or .csv) decides how the import reads it */
      name: z.string().trim().min(1).max(100),
      bytes: z.number().int().min(1)
    }).strict(),
    output: uploadTicketOutput,
    access: { admin: 'any' }
  }),
  /** The sample roster: the headers and two example rows, as an .xlsx in cloud storage. */
  sample: action({
    summary: '下载名单模板（.xlsx）',
    input: z.object({}).strict(),
    output: z.object({ fileID: z.string(), url: z.string() }),
    access: { admin: 'any' }
  })
}
