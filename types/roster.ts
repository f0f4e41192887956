/**
 * The roster file a college imports each year (.xlsx or .csv, first row = headers).
 * Required and optional columns, by their Chinese headers.
 */
export interface RosterColumn {
  key: keyof RosterRow
  header: string
  required: boolean
}

/** One roster row as read from the file, before validation (every cell as text). */
export interface RosterRow {
  studentNo: string
  name: string
  grade: string
  major: string
  politicalStatus: string
  phone: string
  unitName: string
  province: string
  city: string
  internshipStart: string
  internshipEnd: string
  joinedPartyAt: string
  activistSince: string
}

export const ROSTER_COLUMNS: RosterColumn[] = [
  { key: 'studentNo', header: '学号', required: true },
  { key: 'name', header: '姓名', required: true },
  { key: 'grade', header: '年级', required: true },
  { key: 'major', header: '专业', required: true },
  { key: 'politicalStatus', header: '政治面貌', required: true },
  { key: 'phone', header: '手机', required: true },
  { key: 'unitName', header: '实习单位', required: true },
  { key: 'province', header: '省', required: true },
  { key: 'city', header: '市', required: true },
  { key: 'internshipStart', header: '实习开始', required: true },
  { key: 'internshipEnd', header: '实习结束', required: true },
  { key: 'joinedPartyAt', header: '入党时间', required: false },
  { key: 'activistSince', header: '确定积极分子时间', required: false }
]

/** The roster files `roster.uploadTicket` takes: an .xlsx or a .csv, at most `maxBytes` (the import reads no more). */
export const ROSTER_FILES = { extensions: ['xlsx', 'csv'], maxBytes: 10 * 1024 * 1024 } as const
