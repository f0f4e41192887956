/**
 * The ledger as a branch files it: one worksheet per month, a header naming the group,
 * the month, its liaison and advisors, then one section each for 组织生活/活动打卡,
 * 微党课学习, 学习笔记, 志愿服务 and 谈心谈话.
 */
import ExcelJS from 'exceljs'
import { ACTIVITY_TYPE_LABELS } from '../../../types/actions/activity'
import type { LedgerMonth } from './compile'
import { chinaMinute } from '../../common/chinaTime'

const WIDTHS = [6, 12, 18, 24, 48, 10, 10, 10, 10]
const BOLD = { bold: true }

/** The sheet name of a month: 2026年09月. */
export const sheetName = (month: string): string => `${month.slice(0, 4)}年${month.slice(5, 7)}月`

function section(ws: ExcelJS.Worksheet, title: string, header: string[]): void {
  ws.addRow([])
  ws.addRow([title]).font = { bold: true, size: 12 }
  if (header.length) ws.addRow(header).font = BOLD
}

function addHeader(ws: ExcelJS.Worksheet, m: LedgerMonth): void {
  const title = ws.addRow([`${m.group.name} 工作台账`])
  title.font = { bold: true, size: 14 }
  ws.mergeCells(title.number, 1, title.number, WIDTHS.length)
  ws.addRow(['党小组', '', m.group.name, '月份', `${m.month.slice(0, 4)}年${Number(m.month.slice(5, 7))}月`])
  ws.addRow(['联络员', '', m.group.liaisonName ?? '（未设）', '指导教师', m.group.advisorNames.join('、') || '（未设）'])
}

function addCheckins(ws: ExcelJS.Worksheet, m: LedgerMonth): void {
  section(ws, `一、组织生活 / 活动打卡（${m.checkins.total}次）`, ['序号', '类型', '时间', '地点', '内容', '列入人数', '已确认', '待确认', '申请补登'])
  m.checkins.items.forEach((c, i) => {
    ws.addRow([i + 1, ACTIVITY_TYPE_LABELS[c.type], chinaMinute(c.heldAt), c.place, c.content, c.counts.listed + c.counts.confirmed, c.counts.confirmed, c.counts.listed, c.counts.requested])
  })
  if (!m.checkins.items.length) ws.addRow(['', '本月无活动记录'])
}

function addLessons(ws: ExcelJS.Worksheet, m: LedgerMonth): void {
  section(ws, `二、微党课学习（${m.lessons.length}课）`, ['序号', '推送时间', '微党课', '', '', '应读人数', '已读人数', '阅读率', '测验平均分'])
  m.lessons.forEach((l, i) => {
    const row = ws.addRow([i + 1, chinaMinute(l.publishAt), l.title, '', '', l.targeted, l.read, l.readRate, l.quizAverage ?? '—'])
    row.getCell(8).numFmt = '0.0%'
  })
  if (!m.lessons.length) ws.addRow(['', '本月无推送的微党课'])
}

function addNotes(ws: ExcelJS.Worksheet, m: LedgerMonth): void {
  section(ws, `三、学习笔记（共享${m.notes.count}篇）`, m.notes.latest.length ? ['序号', '作者', '时间', '关联微党课', '摘要'] : [])
  m.notes.latest.forEach((n, i) => ws.addRow([i + 1, n.authorName, chinaMinute(n.createdAt), n.lessonTitle ?? '', n.excerpt]))
  if (!m.notes.count) ws.addRow(['', '本月无共享的学习笔记'])
}

function addVolunteer(ws: ExcelJS.Worksheet, m: LedgerMonth): void {
  section(ws, '四、志愿服务', ['', '已核实时长（小时）', '待核实时长（小时）', '记录数', '参与人数'])
  ws.addRow(['', m.volunteer.verified, m.volunteer.unverified, m.volunteer.records, m.volunteer.people])
}

function addTalks(ws: ExcelJS.Worksheet, m: LedgerMonth): void {
  section(ws, `五、谈心谈话（${m.talks.count}次）`, ['', '谈话次数', '谈话人数', '当面谈', '电话', '视频'])
  const t = m.talks
  ws.addRow(['', t.count, t.students, t.forms.inPerson, t.forms.call, t.forms.video])
}

/** Adds a month's sheet to the workbook. */
export function addMonthSheet(wb: ExcelJS.Workbook, m: LedgerMonth): void {
  const ws = wb.addWorksheet(sheetName(m.month))
  WIDTHS.forEach((w, i) => { ws.getColumn(i + 1).width = w })
  addHeader(ws, m)
  addCheckins(ws, m)
  addLessons(ws, m)
  addNotes(ws, m)
  addVolunteer(ws, m)
  addTalks(ws, m)
}
