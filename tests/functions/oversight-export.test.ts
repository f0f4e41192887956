/**
 * The year-end archive: per group and per person, every figure of the workbook equals a
 * count from the raw documents (check-ins by month, lessons read, notes, volunteer hours,
 * talks, political status, the groups a moved intern belonged to).
 */
import ExcelJS from 'exceljs'
import { POLITICAL_STATUS_LABELS } from '../../types/domain'
import { OPENID } from './fixture'
import { useHarness } from './harness'
import { addRecords, addWorld, clearOversight, World, YEAR } from './oversightWorld'

const h = useHarness({ fixturePerTest: false })
const db = () => h.app.database()
const CHINA_MS = 8 * 3600_000

async function all<T>(collection: string): Promise<T[]> {
  const { data } = await db().collection(collection).where({ _id: db().command.exists(true) }).limit(1000).get()
  return data as T[]
}

async function workbook(by: 'group' | 'person'): Promise<{ wb: ExcelJS.Workbook; rows: number }> {
  const out = await h.ok(OPENID.admin, 'oversight', 'exportYear', { year: YEAR, by })
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(await (await fetch(out.url)).arrayBuffer()) as any)
  return { wb, rows: out.rows }
}

/** A sheet's rows as objects keyed by its header. */
function rowsOf(ws: ExcelJS.Worksheet): Record<string, unknown>[] {
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String)
  const out: Record<string, unknown>[] = []
  ws.eachRow((row, n) => {
    if (n === 1) return
    const values = (row.values as unknown[]).slice(1)
    out.push(Object.fromEntries(header.map((k, i) => [k, values[i] ?? null])))
  })
  return out
}

let world: World
beforeAll(async () => {
  await clearOversight(h)
  world = await addWorld(h, { groups: 5, perGroup: 6, advisors: 2 })
  await addRecords(h, world, 'e')
  const students = world.students
  await db().collection('notes').add(students.flatMap((s, i) => Array.from({ length: i % 3 }, (_, k) => ({ _id: `n-${i}-${k}`, authorId: s._id, groupId: s.groupId, year: YEAR, removed: k === 1 && i % 2 === 0, body: '心得' }))))
  await db().collection('lessonReads').add(students.filter((_s, i) => i % 2).map((s) => ({ _id: `e-lesson:${s._id}`, lessonId: 'e-lesson', personId: s._id, groupId: s.groupId, readAt: new Date(), quiz: null })))
  // One intern moved from group 0 to group 1 during the year.
  const moved = students[2]
  await db().collection('people').doc(moved._id).update({ groupId: world.groups[1]._id, history: [...moved.history, { groupId: world.groups[1]._id, groupName: world.groups[1].name, at: new Date(), reason: '更换实习医院' }] })
})

it('per group: meetings and check-ins by month, lessons, notes, hours and talks as the records say', async () => {
  const { wb, rows } = await workbook('group')
  const groups = (await all<{ _id: string; name: string; year: string }>('groups')).filter((g) => g.year === YEAR)
  expect(rows).toBe(groups.length)
  const checkins = (await all<{ groupId?: string; type: string; heldAt: Date }>('checkins')).filter((c) => c.groupId)
  const records = await all<{ groupId: string; state: string; hours: number }>('volunteerRecords')
  const notes = await all<{ groupId: string; removed: boolean }>('notes')
  const talks = await all<{ groupId: string; studentId: string }>('talks')
  const stats = await all<{ groupId: string; targeted: number; read: number }>('lessonStats')
  const summary = rowsOf(wb.getWorksheet('党小组年度汇总')!)
  const meetings = rowsOf(wb.getWorksheet('每月党小组会')!)
  for (const g of groups) {
    const row = summary.find((r) => r['党小组'] === g.name)!
    const own = checkins.filter((c) => c.groupId === g._id)
    const s = stats.find((x) => x.groupId === g._id)
    expect(row).toMatchObject({
      '党小组会': own.filter((c) => c.type === 'groupMeeting').length,
      '活动打卡': own.length,
      '微党课应读': s?.targeted ?? 0,
      '微党课已读': s?.read ?? 0,
      '学习笔记': notes.filter((n) => n.groupId === g._id && !n.removed).length,
      '志愿时长（已核实）': records.filter((r) => r.groupId === g._id && r.state === 'verified').reduce((n, r) => n + r.hours, 0),
      '志愿时长（待核实）': records.filter((r) => r.groupId === g._id && r.state === 'pending').reduce((n, r) => n + r.hours, 0),
      '谈心谈话': talks.filter((t) => t.groupId === g._id).length,
      '谈话人数': new Set(talks.filter((t) => t.groupId === g._id).map((t) => t.studentId)).size
    })
    const byMonth = meetings.find((r) => r['党小组'] === g.name)!
    for (const c of own.filter((x) => x.type === 'groupMeeting')) {
      const month = `${Number(new Date(new Date(c.heldAt).getTime() + CHINA_MS).toISOString().slice(5, 7))}月`
      expect(byMonth[month]).toBe(own.filter((x) => x.type === 'groupMeeting' && `${Number(new Date(new Date(x.heldAt).getTime() + CHINA_MS).toISOString().slice(5, 7))}月` === month).length)
    }
  }
})

it('per person: status, groups, hours, lessons read, notes and talks as the records say, for the handoff', async () => {
  const { wb, rows } = await workbook('person')
  const people = (await all<{ _id: string; no: string; kind: string; year: string; politicalStatus: keyof typeof POLITICAL_STATUS_LABELS }>('people')).filter((p) => p.kind === 'student' && p.year === YEAR)
  expect(rows).toBe(people.length)
  const counters = await all<{ kind: string; key: string; verified: number }>('volunteerTotals')
  const reads = await all<{ personId: string }>('lessonReads')
  const notes = await all<{ authorId: string; removed: boolean }>('notes')
  const talks = await all<{ studentId: string }>('talks')
  const sheet = rowsOf(wb.getWorksheet('实习生年度记录')!)
  for (const p of people) {
    const row = sheet.find((r) => r['学号'] === p.no)!
    expect(row).toMatchObject({
      '政治面貌': POLITICAL_STATUS_LABELS[p.politicalStatus],
      '志愿时长（已核实）': counters.find((c) => c.kind === 'person' && c.key === p._id)?.verified ?? 0,
      '已读微党课': reads.filter((r) => r.personId === p._id).length,
      '学习笔记': notes.filter((n) => n.authorId === p._id && !n.removed).length,
      '谈心谈话': talks.filter((t) => t.studentId === p._id).length
    })
  }
  expect(sheet.find((r) => r['学号'] === world.students[2].no)!['所在党小组']).toBe(`${world.groups[0].name} → ${world.groups[1].name}`)
})
