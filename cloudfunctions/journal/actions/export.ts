import { randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'
import { journalActions } from '../../../types/actions/journal'
import { cloud } from '../../common/app'
import { readAll } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { temporaryUrls } from '../../common/storage'
import { J, NoteDoc } from '../model'
import { chinaMinute } from '../../common/chinaTime'

const VISIBILITY = { private: '仅自己', advisor: '指导教师', group: '党小组' } as const

function workbookOf(notes: NoteDoc[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('学习笔记')
  ws.columns = [
    { header: '日期', key: 'date', width: 18 },
    { header: '微党课', key: 'lesson', width: 28 },
    { header: '可见范围', key: 'visibility', width: 10 },
    { header: '笔记', key: 'body', width: 80 },
    { header: '评论', key: 'comments', width: 50 }
  ]
  for (const n of notes) {
    ws.addRow({
      date: chinaMinute(n.createdAt), lesson: n.lessonTitle ?? '', visibility: VISIBILITY[n.visibility], body: n.body,
      comments: n.comments.map((c) => `${c.authorName}（${chinaMinute(c.createdAt)}）：${c.body}`).join('\n')
    })
  }
  ws.getColumn('body').alignment = { wrapText: true, vertical: 'top' }
  ws.getColumn('comments').alignment = { wrapText: true, vertical: 'top' }
  ws.getRow(1).font = { bold: true }
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  return wb
}

/**
 * The caller's notes of an internship year (theirs by default), oldest first, as an .xlsx
 * file in cloud storage with a temporary URL: date, lesson, visibility, text, comments.
 * Requests: the caller, the notes (one per 1000).
 */
export const exportNotes = defineAction({
  contract: journalActions.export,
  handler: async (input, ctx) => {
    const me = ctx.person()
    const year = input.year ?? me.year ?? ''
    const notes = (await readAll<NoteDoc>(J.notes, { owner: me._id, year })).sort((a, b) => (a.key < b.key ? 1 : -1))
    const buffer = Buffer.from(await workbookOf(notes).xlsx.writeBuffer())
    const stamp = ctx.now.toISOString().replace(/[-:]/g, '').slice(0, 15)
    const { fileID } = await cloud().uploadFile({ cloudPath: `exports/journal-${year}-${stamp}-${randomBytes(6).toString('hex')}.xlsx`, fileContent: buffer })
    const url = (await temporaryUrls([fileID])).get(fileID)
    if (!url) throw new Error(`export ${fileID}: no download URL`)
    return { fileID, url, notes: notes.length }
  }
})
