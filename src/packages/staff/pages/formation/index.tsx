/**
 * 组建党小组: the branch previews how a year's ungrouped students form groups (or join the
 * year's groups), changes the target size and previews again, then applies after a
 * confirmation that states what will be created. The first screen is one call
 * (`group.previewFormation`); apply is `group.applyFormation` with the previewed
 * parameters, and applying again resumes an interrupted formation.
 */
import { ReactNode, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import PageState, { errorMessage, InlineError } from '../../../../components/PageState'
import { Button, Tag } from '../../../../components/ui'
import { asCallError, usePageData } from '../../../../hooks/usePageData'
import { ROUTES } from '../../../../routes'
import { call, CallError } from '../../../../services/cloud'
import { formatYear } from '../../../../services/dates'
import FormationGroups from './FormationGroups'
import { Applied, confirmText, DEFAULT_TARGET_SIZE, Preview, resultText, summaryOf, yearsIn } from './formation'
import './index.css'

/** The parameters of a preview; apply sends the same ones. */
interface Params {
  targetGroupSize: number
  /** undefined: the one year with ungrouped students */
  year?: string
}

type Outcome = { result: Applied } | { error: CallError }

function Controls(props: { params: Params; years: string[]; onPreview: (p: Params) => void; busy: boolean }) {
  const [size, setSize] = useState(String(props.params.targetGroupSize))
  const [year, setYear] = useState(props.params.year)
  // An empty or unreadable size is sent as 0, so the function's own rule (至少为5) answers it.
  const preview = (y = year) => props.onPreview({ targetGroupSize: Number.parseInt(size, 10) || 0, year: y })
  return (
    <View className='card formation__controls'>
      <View className='formation__field'>
        <Text className='formation__label'>每组目标人数</Text>
        <Input className='formation__size' type='number' value={size} maxlength={3} onInput={(e) => setSize(e.detail.value)} />
        <Text className='formation__hint'>每组不超过目标的1.5倍</Text>
      </View>
      {props.years.length ? (
        <View className='formation__field'>
          <Text className='formation__label'>实习年度</Text>
          <View className='formation__years'>
            {[undefined, ...props.years].map((y) => (
              <Tag key={y ?? 'auto'} className='formation__year' type={y === year ? 'primary' : 'default'} plain={y !== year}
                onClick={() => { setYear(y); preview(y) }}>{y ?? '自动'}</Tag>
            ))}
          </View>
        </View>
      ) : null}
      <Button type='primary' className='formation__preview' loading={props.busy} onClick={() => preview()}>重新预览</Button>
    </View>
  )
}

function Summary({ preview, children }: { preview: Preview; children?: ReactNode }) {
  const s = summaryOf(preview)
  return (
    <View className='card formation__summary'>
      <Text className='card__title'>{preview.year ? formatYear(preview.year) : '没有待编组的学生'}</Text>
      <View className='formation__totals'>
        <Figure n={preview.interns} label='待编组学生' />
        <Figure n={s.newGroups} label='新建小组' />
        <Figure n={s.provinces} label='省份' />
        <Figure n={s.existingGroups} label='编入已有小组' />
      </View>
      {children}
    </View>
  )
}

const Figure = ({ n, label }: { n: number; label: string }) => (
  <View className='formation__figure'><Text className='formation__figure-n'>{n}</Text><Text className='formation__figure-label'>{label}</Text></View>
)

/** The first few warnings, the rest behind 展开: a large roster has dozens. */
const WARNINGS_SHOWN = 3

function Warnings({ warnings }: { warnings: string[] }) {
  const [open, setOpen] = useState(false)
  if (!warnings.length) return null
  const shown = open ? warnings : warnings.slice(0, WARNINGS_SHOWN)
  return (
    <View className='card formation__warnings' role='note'>
      <Text className='formation__warnings-title'>请注意（{warnings.length}）</Text>
      {shown.map((w, i) => <Text key={i} className='formation__warning'>{w}</Text>)}
      {warnings.length > WARNINGS_SHOWN ? (
        <Text className='formation__more' onClick={() => setOpen(!open)}>{open ? '收起' : `展开全部${warnings.length}条`}</Text>
      ) : null}
    </View>
  )
}

/** What apply answered: the result as the function counts it, or its refusal with what to do next. */
function OutcomeCard({ outcome, preview, onApply, onPreview }: { outcome: Outcome; preview: Preview; onApply: () => void; onPreview: () => void }) {
  if ('result' in outcome) {
    const short = preview.interns - outcome.result.placed
    return (
      <View className='card formation__result' role='status'>
        <Text className='card__title'>组建完成</Text>
        <Text className='formation__result-text'>{resultText(outcome.result)}</Text>
        {short > 0 ? <Text className='formation__result-note'>预览中有{preview.interns}名学生，{short}名未按预览编入（可能已被编入其他小组），可重新预览查看。</Text> : null}
        <View className='formation__links'>
          <Button type='primary' onClick={() => void Taro.navigateTo({ url: ROUTES.groups })}>查看党小组列表</Button>
          <Button onClick={() => void Taro.switchTab({ url: ROUTES.home })}>回到首页</Button>
          <Button onClick={onPreview}>重新预览</Button>
        </View>
      </View>
    )
  }
  const { error } = outcome
  const changed = error.code === 'CONFLICT' || error.code === 'FAILED_PRECONDITION'
  return (
    <View className='card formation__failed' role='alert'>
      <Text className='card__title'>组建未完成</Text>
      <Text className='formation__result-text'>{errorMessage(error)}</Text>
      {changed ? (
        <Button type='primary' onClick={onPreview}>重新预览</Button>
      ) : (
        <>
          <Text className='formation__result-note'>已完成的部分会保留；再次确认组建会从中断处继续，不会重复建组或重复编入。</Text>
          <Button type='primary' onClick={onApply}>继续组建</Button>
        </>
      )}
    </View>
  )
}

export default function FormationPage() {
  const router = useRouter()
  const [params, setParams] = useState<Params>({ targetGroupSize: DEFAULT_TARGET_SIZE, year: router.params.year || undefined })
  const [known, setKnown] = useState<string[]>(router.params.year ? [router.params.year] : [])
  const [applying, setApplying] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const page = usePageData(async () => {
    try {
      const preview = await call('group', 'previewFormation', params)
      if (preview.year) remember([preview.year])
      return preview
    } catch (e) {
      // Several years waiting: the refusal names them, so the branch can choose one.
      remember(yearsIn(asCallError(e).message))
      throw e
    }
  }, { deps: [params.targetGroupSize, params.year] })
  const remember = (years: string[]) => setKnown((k) => [...new Set([...k, ...years])].sort())
  const preview = page.data

  const runPreview = (next: Params) => {
    setOutcome(null)
    if (next.targetGroupSize === params.targetGroupSize && next.year === params.year) void page.reload()
    else setParams(next)
  }

  const apply = async (p: Preview) => {
    const { confirm } = await Taro.showModal({ title: outcome ? '继续组建党小组' : '确认组建党小组', content: confirmText(p), confirmText: '确认组建', confirmColor: '#c8161d' })
    if (!confirm) return
    setApplying(true)
    try {
      const result = await call('group', 'applyFormation', { targetGroupSize: params.targetGroupSize, year: p.year!, fingerprint: p.fingerprint })
      setOutcome({ result })
    } catch (e) {
      setOutcome({ error: asCallError(e) })
    } finally {
      setApplying(false)
    }
  }

  const canApply = !!preview?.year && preview.interns > 0 && !(outcome && 'result' in outcome)
  return (
    <View className='page formation'>
      <Controls params={params} years={known} onPreview={runPreview} busy={page.status === 'loading' || page.refreshing} />
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()} errorTitle='无法预览' skeletonRows={8}>
        <InlineError error={preview ? page.error : null} onRetry={() => void page.reload()} />
        {preview ? (
          <>
            <Summary preview={preview}>
              {canApply && !outcome ? (
                <View className='formation__apply'>
                  <Text className='formation__apply-text'>{confirmText(preview)}</Text>
                  <Button type='primary' loading={applying} disabled={applying} onClick={() => void apply(preview)}>应用</Button>
                </View>
              ) : null}
            </Summary>
            {outcome ? <OutcomeCard outcome={outcome} preview={preview} onApply={() => void apply(preview)} onPreview={() => runPreview(params)} /> : null}
            <Warnings warnings={preview.warnings} />
            <FormationGroups preview={preview} />
          </>
        ) : null}
      </PageState>
    </View>
  )
}
