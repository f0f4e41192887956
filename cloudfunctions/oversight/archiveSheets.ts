/**
 * The year-end archive as the branch files it: per group (a year's summary, then meetings
 * and check-ins month by month) or per person (for the organisational-relation handoff).
 */
import ExcelJS from 'exceljs'
import { POLITICAL_STATUS_LABELS } from '../../types/domain'
import {
  activityByGroup, ArchivePerson, groupsOfYear, hoursByGroup, hoursByPerson, lessonsByGroup, lessonsReadByPerson, notesBy,
  peopleOfYear, talksByGroup, talksByStudent
} from './archive'
import { yearMonths } from './calendar'
import { shareOf } from './figures'

const BOLD = { bold: true }

function sheet(wb: ExcelJS.Workbook, name: string, columns: Partial<ExcelJS.Column>[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name)
  ws.columns = columns
  ws.getRow(1).font = BOLD
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  return ws
}

const monthLabel = (month: string): string => `${Number(month.slice(5, 7))}月`

/** Per group: the year's summary sheet, and meetings and check-ins by month. Answers the number of groups. */
export async function addGroupSheets(wb: ExcelJS.Workbook, year: string): Promise<number> {
  const [groups, activity, lessons, notes, hours, talks] = await Promise.all([
    groupsOfYear(year), activityByGroup(year), lessonsByGroup(year), notesBy(year, 'groupId'), hoursByGroup(year), talksByGroup(year)
  ])
  const months = yearMonths(year)
  const summary = sheet(wb, '党小组年度汇总', [
    { header: '省份', key: 'province', width: 10 },
    { header: '党小组', key: 'name', width: 24 },
    { header: '城市', key: 'cities', width: 16 },
    { header: '联络员', key: 'liaison', width: 10 },
    { header: '指导教师', key: 'advisors', width: 16 },
    { header: '成员', key: 'members', width: 8 },
    { header: '党员', key: 'partyMembers', width: 8 },
    { header: '党小组会', key: 'meetings', width: 10 },
    { header: '活动打卡', key: 'checkins', width: 10 },
    { header: '微党课应读', key: 'targeted', width: 12 },
    { header: '微党课已读', key: 'read', width: 12 },
    { header: '阅读率', key: 'readRate', width: 10 },
    { header: '学习笔记', key: 'notes', width: 10 },
    { header: '志愿时长（已核实）', key: 'verified', width: 18 },
    { header: '志愿时长（待核实）', key: 'unverified', width: 18 },
    { header: '谈心谈话', key: 'talks', width: 10 },
    { header: '谈话人数', key: 'talked', width: 10 },
    { header: '党旗', key: 'flag', width: 8 }
  ])
  const monthly = (name: string, pick: 'meetings' | 'checkins'): ExcelJS.Worksheet => sheet(wb, name, [
    { header: '省份', key: 'province', width: 10 },
    { header: '党小组', key: 'name', width: 24 },
    ...months.map((m) => ({ header: monthLabel(m), key: m, width: 6 })),
    { header: pick === 'meetings' ? '全年党小组会' : '全年活动打卡', key: 'total', width: 12 }
  ])
  const meetingsSheet = monthly('每月党小组会', 'meetings')
  const checkinsSheet = monthly('每月活动打卡', 'checkins')
  for (const g of groups) {
    const byMonth = activity.get(g._id) ?? new Map()
    const total = (pick: 'meetings' | 'checkins'): number => months.reduce((n, m) => n + (byMonth.get(m)?.[pick] ?? 0), 0)
    const l = lessons.get(g._id) ?? { targeted: 0, read: 0 }
    const h = hours.get(g._id) ?? { verified: 0, unverified: 0 }
    const t = talks.get(g._id) ?? { talks: 0, students: 0 }
    summary.addRow({
      province: g.province, name: g.name, cities: g.cities.join('、'), liaison: g.liaisonName ?? '', advisors: g.advisorNames.join('、'),
      members: g.counts?.total ?? 0, partyMembers: g.counts?.partyMembers ?? 0, meetings: total('meetings'), checkins: total('checkins'),
      targeted: l.targeted, read: l.read, readRate: shareOf(l.read, l.targeted), notes: notes.get(g._id) ?? 0,
      verified: h.verified, unverified: h.unverified, talks: t.talks, talked: t.students, flag: g.flagIssued ? '已授' : ''
    })
    for (const [ws, pick] of [[meetingsSheet, 'meetings'], [checkinsSheet, 'checkins']] as const) {
      ws.addRow({ province: g.province, name: g.name, ...Object.fromEntries(months.map((m) => [m, byMonth.get(m)?.[pick] ?? 0])), total: total(pick) })
    }
  }
  summary.getColumn('readRate').numFmt = '0.0%'
  return groups.length
}

/** The groups of the year a person belonged to, in order (from their dated membership). */
function groupsOf(p: ArchivePerson, names: Map<string, string>): string {
  const seen = (p.history ?? []).map((h) => h.groupId).filter((id): id is string => !!id && names.has(id))
  if (p.groupId && names.has(p.groupId)) seen.push(p.groupId)
  return [...new Set(seen)].map((id) => names.get(id)).join(' → ')
}

/** Per person: one row per intern of the year. Answers the number of people. */
export async function addPersonSheet(wb: ExcelJS.Workbook, year: string): Promise<number> {
  const [people, groups, hours, lessons, notes, talks] = await Promise.all([
    peopleOfYear(year), groupsOfYear(year), hoursByPerson(year), lessonsReadByPerson(year), notesBy(year, 'authorId'), talksByStudent(year)
  ])
  const names = new Map(groups.map((g) => [g._id, g.name]))
  const ws = sheet(wb, '实习生年度记录', [
    { header: '学号', key: 'no', width: 14 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '政治面貌', key: 'status', width: 14 },
    { header: '实习单位', key: 'unit', width: 24 },
    { header: '所在党小组', key: 'groups', width: 32 },
    { header: '志愿时长（已核实）', key: 'verified', width: 18 },
    { header: '志愿时长（待核实）', key: 'unverified', width: 18 },
    { header: '已读微党课', key: 'lessons', width: 12 },
    { header: '学习笔记', key: 'notes', width: 10 },
    { header: '谈心谈话', key: 'talks', width: 10 }
  ])
  for (const p of people) {
    const h = hours.get(p._id)
    ws.addRow({
      no: p.no, name: p.name, status: p.politicalStatus ? POLITICAL_STATUS_LABELS[p.politicalStatus] : '', unit: p.unitName ?? '',
      groups: groupsOf(p, names), verified: h?.verified ?? 0, unverified: h?.unverified ?? 0,
      lessons: lessons.get(p._id) ?? 0, notes: notes.get(p._id) ?? 0, talks: talks.get(p._id) ?? 0
    })
  }
  return people.length
}
