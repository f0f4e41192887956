/**
 * Importing a roster file: choose, upload with progress, import without skipping; a file
 * with invalid rows gets the row-level report (grouped by reason, filterable) and nothing
 * is written; the branch fixes the file and chooses it again, or confirms skipping the
 * invalid rows. Every result says what changed.
 */
import { useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { errorMessage } from '../../../../components/PageState'
import { Button, Input } from '../../../../components/ui'
import { asCallError } from '../../../../hooks/usePageData'
import { call } from '../../../../services/cloud'
import { filterErrors, groupErrors, ImportReport, pickRosterFile, resultSummary, skipConfirmation, uploadRosterFile } from './rosterFile'

type Step =
  | { kind: 'idle' }
  | { kind: 'uploading'; name: string; fraction: number }
  | { kind: 'importing'; name: string }
  | { kind: 'report'; name: string; fileID: string; report: ImportReport }
  | { kind: 'done'; name: string; fileID: string; report: ImportReport }
  | { kind: 'failed'; message: string }

const busy = (s: Step) => s.kind === 'uploading' || s.kind === 'importing'

function ErrorReport({ report }: { report: ImportReport }) {
  const [column, setColumn] = useState<string | null>(null)
  const [text, setText] = useState('')
  const groups = useMemo(() => groupErrors(filterErrors(report.errors, column, text)), [report.errors, column, text])
  const columns = useMemo(() => [...new Set(report.errors.map((e) => e.column))], [report.errors])
  const chip = (label: string, value: string | null) => (
    <Text key={label} className={column === value ? 'roster-chip roster-chip--on' : 'roster-chip'} onClick={() => setColumn(value)}>{label}</Text>
  )
  return (
    <View className='roster-report'>
      <View className='roster-report__filters'>
        {chip('全部列', null)}
        {columns.map((c) => chip(c, c))}
        <Input className='roster-report__search' value={text} placeholder='按行号或原因筛选' onChange={(v: string) => setText(v)} />
      </View>
      {groups.length === 0 ? <Text className='muted'>没有符合筛选的错误</Text> : null}
      {groups.map((g) => (
        <View key={`${g.column}|${g.reason}`} className='roster-report__group'>
          <Text className='roster-report__reason'>{g.column}：{g.reason}（{g.errors.length} 行）</Text>
          <Text className='roster-report__rows'>第 {g.errors.map((e) => e.row).join('、')} 行</Text>
          {g.errors.length <= 10 && g.reason.includes('…')
            ? g.errors.map((e) => <Text key={e.row} className='roster-report__detail'>第 {e.row} 行：{e.reason}</Text>)
            : null}
        </View>
      ))}
      {report.moreErrors > 0 ? <Text className='muted'>另有 {report.moreErrors} 处错误未列出，修改以上各行后重新导入即可看到</Text> : null}
    </View>
  )
}

export default function ImportPanel({ onImported }: { onImported: (year: string | null) => void }) {
  const [step, setStep] = useState<Step>({ kind: 'idle' })

  const runImport = async (name: string, fileID: string, skipInvalid: boolean) => {
    setStep({ kind: 'importing', name })
    try {
      const report = await call('roster', 'import', { fileID, skipInvalid })
      setStep({ kind: report.written ? 'done' : 'report', name, fileID, report })
      if (report.written) onImported(report.year)
    } catch (e) {
      setStep({ kind: 'failed', message: errorMessage(asCallError(e)) })
    }
  }

  const choose = async () => {
    if (busy(step)) return
    let file
    try {
      file = await pickRosterFile()
    } catch (e) {
      setStep({ kind: 'failed', message: errorMessage(asCallError(e)) })
      return
    }
    if (!file) return
    const { confirm } = await Taro.showModal({
      title: `导入「${file.name}」？`,
      content: '将逐行校验：全部有效时写入名单（按学号新增或更新学生，不删除任何人）；有错误时不写入任何内容，先列出错误。',
      confirmText: '导入', cancelText: '取消'
    })
    if (!confirm) return
    const name = file.name
    setStep({ kind: 'uploading', name, fraction: 0 })
    let fileID: string
    try {
      fileID = await uploadRosterFile(file, (fraction) => setStep((s) => (s.kind === 'uploading' ? { ...s, fraction } : s)))
    } catch (e) {
      setStep({ kind: 'failed', message: errorMessage(asCallError(e)) })
      return
    }
    await runImport(name, fileID, false)
  }

  const skipInvalid = async (s: Extract<Step, { kind: 'report' }>) => {
    const { confirm } = await Taro.showModal({ ...skipConfirmation(s.report), confirmText: '跳过导入', cancelText: '取消' })
    if (confirm) await runImport(s.name, s.fileID, true)
  }

  return (
    <View className='card roster-import'>
      <Text className='card__title'>导入名单</Text>
      <Text className='card__subtitle'>Excel（.xlsx）或 CSV，第一行为表头；不超过 10MB。{process.env.TARO_ENV === 'weapp' ? '从微信聊天中选择文件。' : ''}</Text>
      {step.kind === 'uploading'
        ? (
          <View className='roster-import__progress' aria-busy>
            <Text>正在上传：{step.name}</Text>
            <View className='roster-import__track'><View className='roster-import__fill' style={{ width: `${Math.round(step.fraction * 100)}%` }} /></View>
            <Text className='muted'>{Math.round(step.fraction * 100)}%</Text>
          </View>
          )
        : null}
      {step.kind === 'importing' ? <Text className='roster-import__status' aria-busy>正在校验并导入：{step.name}…</Text> : null}
      {step.kind === 'failed' ? <View className='roster-import__error' role='alert'><Text>{step.message}</Text></View> : null}
      {step.kind === 'report'
        ? (
          <View className='roster-import__result'>
            <View className='roster-import__error' role='alert'>
              <Text>「{step.name}」共 {step.report.total} 行，其中 {step.report.invalid} 行有错误：未写入任何内容。请修改文件后重新选择导入，或跳过错误行。</Text>
            </View>
            <ErrorReport report={step.report} />
            <View className='roster-import__actions'>
              <Button type='primary' onClick={() => void choose()}>修改后重新选择文件</Button>
              {step.report.valid > 0 ? <Button className='roster-import__skip' onClick={() => void skipInvalid(step)}>跳过 {step.report.invalid} 行错误，导入其余 {step.report.valid} 行</Button> : null}
            </View>
          </View>
          )
        : null}
      {step.kind === 'done'
        ? (
          <View className='roster-import__result'>
            <View className='roster-import__ok' role='status'><Text>{resultSummary(step.report)}</Text></View>
            {step.report.remaining > 0
              ? (
                <View className='roster-import__actions'>
                  <Text className='muted'>还有 {step.report.remaining} 行因文件较大尚未写入。</Text>
                  <Button type='primary' onClick={() => void runImport(step.name, step.fileID, step.report.invalid > 0)}>继续导入剩余 {step.report.remaining} 行</Button>
                </View>
                )
              : null}
          </View>
          )
        : null}
      {!busy(step) && step.kind !== 'report'
        ? <Button type='primary' className='roster-import__choose' onClick={() => void choose()}>{step.kind === 'idle' ? '选择名单文件' : '导入另一个文件'}</Button>
        : null}
    </View>
  )
}
