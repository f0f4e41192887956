import ExcelJS from 'exceljs'
import { compareText, POLITICAL_STATUS_LABELS, PoliticalStatus } from '../../../types/domain'
import { ROSTER_COLUMNS } from '../../../types/roster'
import { rosterActions } from '../../../types/actions/roster'
import { cloud } from '../../common/app'
import { groupRoleOf } from '../../common/caller'
import { readAll } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { temporaryUrls } from '../../common/storage'
import { C, GroupDoc, PersonDoc } from '../../common/model'

const ROLE_LABEL = { liaison: '联络员', coreMember: '骨干' } as const

/** The roster with group assignments as an .xlsx file in cloud storage, and a temporary link to it. */
export const exportRoster = defineAction({
  contract: rosterActions.export,
  handler: async (_input, ctx) => {
    const [students, groups] = await Promise.all([
      readAll<PersonDoc>(C.people, { kind: 'student' }),
      readAll<GroupDoc>(C.groups, {}, { name: true, liaisonId: true, coreMemberIds: true })
    ])
    const byId = new Map(groups.map((g) => [g._id, g]))
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('实习生名单')
    ws.columns = [
      ...ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'unitName' ? 28 : 14 })),
      { header: '党小组', key: 'group', width: 24 },
      { header: '小组职务', key: 'role', width: 10 }
    ]
    students.sort((a, b) => compareText(a.no, b.no))
    for (const p of students) {
      const g = p.groupId ? byId.get(p.groupId) : undefined
      const role = g ? groupRoleOf(p._id, g) : null
      ws.addRow({
        studentNo: p.no, name: p.name, grade: p.grade, major: p.major,
        politicalStatus: p.politicalStatus ? POLITICAL_STATUS_LABELS[p.politicalStatus as PoliticalStatus] : '',
        phone: p.phone, unitName: p.unitName, province: p.province, city: p.city,
        internshipStart: p.internshipStart, internshipEnd: p.internshipEnd,
        joinedPartyAt: p.joinedPartyAt ?? '', activistSince: p.activistSince ?? '',
        group: g?.name ?? '', role: role ? ROLE_LABEL[role] : ''
      })
    }
    ws.getRow(1).font = { bold: true }
    ws.views = [{ state: 'frozen', ySplit: 1 }]
    const buffer = Buffer.from(await wb.xlsx.writeBuffer())
    const stamp = ctx.now.toISOString().replace(/[-:]/g, '').slice(0, 15)
    const { fileID } = await cloud().uploadFile({ cloudPath: `exports/roster-${stamp}.xlsx`, fileContent: buffer })
    const url = (await temporaryUrls([fileID])).get(fileID)
    if (!url) throw new Error('export link not issued')
    return { fileID, rows: students.length, url }
  }
})
