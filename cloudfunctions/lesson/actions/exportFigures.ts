import { randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'
import { lessonActions } from '../../../types/actions/lesson'
import { cloud, database } from '../../common/app'
import { readAll } from '../../common/db'
import { ActionContext, defineAction } from '../../common/dispatcher'
import { keysSeenBy, rowsFor, visibleKeys } from '../figures'
import { temporaryUrls } from '../../common/storage'
import { loadLesson } from '../lessons'
import { L, LessonDoc, StatsDoc } from '../model'
import { figuresOf } from '../views'
import { chinaMinute } from '../../common/chinaTime'

/** Lessons one export covers at most (the newest), so that it stays within one invocation. */
const EXPORT_LESSONS = 200
const LISTED = { title: true, publishAt: true, authorId: true, authorName: true, audience: true, key: true }

type Listed = Pick<LessonDoc, '_id' | 'title' | 'publishAt' | 'authorId' | 'authorName' | 'audience' | 'key'>

/** One export row: a lesson in one group, or in total. */
interface Row {
  lesson: Listed
  group: string
  province: string
  figures: ReturnType<typeof figuresOf>
}

const COLUMNS: Partial<ExcelJS.Column>[] = [
  { header: '微党课', key: 'title', width: 32 },
  { header: '发布时间', key: 'publishAt', width: 18 },
  { header: '作者', key: 'author', width: 12 },
  { header: '党小组', key: 'group', width: 24 },
  { header: '省份', key: 'province', width: 10 },
  { header: '应读人数', key: 'targeted', width: 10 },
  { header: '已读人数', key: 'read', width: 10 },
  { header: '阅读率', key: 'readRate', width: 10 },
  { header: '作答人数', key: 'answered', width: 10 },
  { header: '测验平均分', key: 'quizAverage', width: 12 }
]

/**
 * The lessons an export of all covers, newest first: those that went out, every one for the
 * branch; for an advisor, their own and those that reached a group of theirs.
 */
async function lessonsFor(ctx: ActionContext): Promise<Listed[]> {
  const db = database()
  const _ = db.command
  const out = { audience: _.neq([]) }
  const scopes = ctx.caller.roles.includes('admin')
    ? [out]
    : [{ ...out, authorId: ctx.person()._id }, ...(ctx.caller.advisorOf.length ? [{ audience: _.in(ctx.caller.advisorOf) }] : [])]
  const reads = await Promise.all(scopes.map((where) => db.collection(L.lessons).where(where).orderBy('key', 'asc').limit(EXPORT_LESSONS).field(LISTED).get()))
  const byId = new Map(reads.flatMap((r) => r.data as Listed[]).map((l) => [l._id, l]))
  return [...byId.values()].sort((a, b) => (a.key < b.key ? -1 : 1)).slice(0, EXPORT_LESSONS)
}

/** Each lesson's rows the caller may see, then its total over them. */
async function rowsOf(ctx: ActionContext, lessons: Listed[], single: boolean): Promise<{ groups: Row[]; totals: Row[] }> {
  const ids = lessons.map((l) => l._id)
  const stats = ids.length ? await readAll<StatsDoc>(L.stats, { lessonId: database().command.in(ids) }) : []
  const byLesson = new Map<string, StatsDoc[]>()
  for (const s of stats) byLesson.set(s.lessonId, [...(byLesson.get(s.lessonId) ?? []), s])
  const groups: Row[] = []
  const totals: Row[] = []
  for (const lesson of lessons) {
    const rows = rowsFor(byLesson.get(lesson._id) ?? [], single ? visibleKeys(ctx, lesson) : keysSeenBy(ctx, lesson))
    groups.push(...rows.map((r) => ({ lesson, group: r.groupName, province: r.province, figures: figuresOf([r]) })))
    totals.push({ lesson, group: '合计', province: '', figures: figuresOf(rows) })
  }
  return { groups, totals }
}

function addSheet(wb: ExcelJS.Workbook, name: string, rows: Row[]): void {
  const ws = wb.addWorksheet(name)
  ws.columns = COLUMNS
  for (const r of rows) {
    ws.addRow({
      title: r.lesson.title, publishAt: r.lesson.publishAt ? chinaMinute(r.lesson.publishAt) : '', author: r.lesson.authorName, group: r.group, province: r.province,
      targeted: r.figures.targeted, read: r.figures.read, readRate: r.figures.readRate, answered: r.figures.answered, quizAverage: r.figures.quizAverage ?? ''
    })
  }
  ws.getColumn('readRate').numFmt = '0.0%'
  ws.getRow(1).font = { bold: true }
  ws.views = [{ state: 'frozen', ySplit: 1 }]
}

/**
 * The read figures as an .xlsx file in cloud storage, with a temporary URL to download it.
 * One lesson: a sheet of its groups and their total. All: a sheet with each lesson's
 * total and a sheet of each lesson by group — the groups the caller may see, as in
 * `figures`. Requests: the caller, the lessons (one, or two for an advisor), the figures
 * rows (one per 1000).
 */
export const exportFigures = defineAction({
  contract: lessonActions.exportFigures,
  handler: async (input, ctx) => {
    const single = !!input.lessonId
    const lessons: Listed[] = input.lessonId ? [await loadLesson(input.lessonId)] : await lessonsFor(ctx)
    const { groups, totals } = await rowsOf(ctx, lessons, single)
    const wb = new ExcelJS.Workbook()
    if (single) {
      addSheet(wb, '阅读情况', [...groups, ...totals])
    } else {
      addSheet(wb, '各课汇总', totals)
      addSheet(wb, '各党小组', groups)
    }
    const buffer = Buffer.from(await wb.xlsx.writeBuffer())
    const stamp = ctx.now.toISOString().replace(/[-:]/g, '').slice(0, 15)
    const name = single ? `lesson-${input.lessonId}` : 'lessons'
    const { fileID } = await cloud().uploadFile({ cloudPath: `exports/${name}-figures-${stamp}-${randomBytes(6).toString('hex')}.xlsx`, fileContent: buffer })
    const url = (await temporaryUrls([fileID])).get(fileID)
    if (!url) throw new Error(`export ${fileID}: no download URL`)
    return { fileID, url }
  }
})
