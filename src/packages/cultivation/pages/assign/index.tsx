/**
 * 指定联系人 (the branch, `?personId=`): a person's school contact — a teacher, the group's
 * advisors offered first — and unit contact — a Party member teaching at the hospital, the
 * group's unit contacts offered first — or anyone else found by name. The first screen is
 * one call (`cultivation.get`); saving asks with exactly what changes
 * (学校联系人：王老师 → 何老师) and goes back to the file.
 */
import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import PageState, { errorMessage } from '../../../../components/PageState'
import { Button } from '../../../../components/ui'
import { asCallError, usePageData } from '../../../../hooks/usePageData'
import { call } from '../../../../services/cloud'
import { confirmLines, contactLines } from '../../cultivation'
import '../../cultivation.css'

type Person = { id: string; name: string; unitName: string | null }
type Kind = 'teacher' | 'unitContact'
const TITLES: Record<Kind, { title: string; suggested: string; search: string }> = {
  teacher: { title: '学校联系人（入党联系人，教师）', suggested: '本组指导教师', search: '按姓名查找其他教师' },
  unitContact: { title: '单位联系人（带教老师党员）', suggested: '本组实习单位联系人', search: '按姓名查找其他带教老师' }
}

/** Teachers or unit contacts found by exact name (`group.assignable`), a page at a time. */
function Search({ kind, chosen, onPick }: { kind: Kind; chosen: string | null; onPick: (p: Person) => void }) {
  const [typed, setTyped] = useState('')
  const [found, setFound] = useState<{ items: Person[]; cursor: string | null; keyword: string } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const search = async (keyword: string, cursor?: string) => {
    setError(null)
    try {
      const page = await call('group', 'assignable', { kind, pageSize: 20, ...(keyword ? { keyword } : {}), ...(cursor ? { cursor } : {}) })
      setFound((f) => ({ items: [...(cursor && f ? f.items : []), ...page.items.map((p) => ({ id: p.id, name: p.name, unitName: p.unitName }))], cursor: page.nextCursor, keyword }))
    } catch (e) {
      setError(errorMessage(asCallError(e)))
    }
  }
  return (
    <View className='cv-assign__search'>
      <View className='cv-search'>
        <Input className={`cv-field cv-assign__keyword cv-assign__keyword--${kind}`} value={typed} maxlength={20} placeholder={TITLES[kind].search} confirmType='search' onInput={(e) => setTyped(e.detail.value)} onConfirm={() => void search(typed.trim())} />
        <Button size='small' className={`cv-assign__go cv-assign__go--${kind}`} onClick={() => void search(typed.trim())}>查找</Button>
      </View>
      {error ? <Text className='cv-problem'>{error}</Text> : null}
      {found && !found.items.length ? <Text className='cv-none'>没有找到，先在“邀请码”中邀请后再指定</Text> : null}
      {(found?.items ?? []).map((p) => <Choice key={p.id} person={p} on={chosen === p.id} onPick={onPick} />)}
      {found?.cursor ? <Text className='cv-more' onClick={() => void search(found.keyword, found.cursor!)}>更多</Text> : null}
    </View>
  )
}

function Choice({ person, on, onPick }: { person: Person; on: boolean; onPick: (p: Person) => void }) {
  return (
    <View className={`cv-pick ${on ? 'cv-pick--on' : ''}`} onClick={() => onPick(person)}>
      <View className='cv-pick__who'><Text className='cv-pick__name'>{person.name}</Text>{person.unitName ? <Text className='cv-hint'>{person.unitName}</Text> : null}</View>
      <Text className='cv-pick__mark'>{on ? '已选' : '选择'}</Text>
    </View>
  )
}

function Section({ kind, current, suggested, chosen, onPick }: { kind: Kind; current: Person | null; suggested: Person[]; chosen: Person | null; onPick: (p: Person | null) => void }) {
  const offered = [...(current && !suggested.some((s) => s.id === current.id) ? [current] : []), ...suggested]
  return (
    <View className={`card cv-assign cv-assign--${kind}`}>
      <Text className='card__title'>{TITLES[kind].title}</Text>
      <Text className='cv-hint'>现在：{current?.name ?? '未指定'}{chosen?.id !== current?.id ? `，改为：${chosen?.name ?? '不指定'}` : ''}</Text>
      <Text className='cv-label'>{TITLES[kind].suggested}</Text>
      {offered.length === 0 ? <Text className='cv-none'>本组还没有{kind === 'teacher' ? '指导教师' : '实习单位联系人'}</Text> : null}
      {offered.map((p) => <Choice key={p.id} person={p} on={chosen?.id === p.id} onPick={onPick} />)}
      <Search kind={kind} chosen={chosen?.id ?? null} onPick={onPick} />
      {chosen ? <Text className='cv-more cv-assign__clear' onClick={() => onPick(null)}>不指定{kind === 'teacher' ? '学校联系人' : '单位联系人'}</Text> : null}
    </View>
  )
}

export default function AssignContactsPage() {
  const personId = useRouter().params.personId ?? ''
  const page = usePageData(() => call('cultivation', 'get', { personId, pageSize: 1 }))
  const file = page.data
  const current = { school: file?.contacts.school ?? null, unit: file?.contacts.unit ?? null }
  const [school, setSchool] = useState<Person | null>(null)
  const [unit, setUnit] = useState<Person | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (!file) return
    setSchool(file.contacts.school && { ...file.contacts.school, unitName: null })
    setUnit(file.contacts.unit && { ...file.contacts.unit, unitName: null })
  }, [file])
  const lines = file ? contactLines(current, { school, unit }) : []

  const save = async (): Promise<void> => {
    if (!file || busy) return
    if (!lines.length) {
      void Taro.showToast({ title: '没有改动', icon: 'none' })
      return
    }
    if (!(await confirmLines(`确认${file.name}的联系人`, lines.map((l) => `${file.name}的${l}`)))) return
    setBusy(true)
    setFailure(null)
    try {
      await call('cultivation', 'assignContacts', { personId: file.personId, schoolContactId: school?.id ?? null, unitContactId: unit?.id ?? null })
      void Taro.showToast({ title: '已保存', icon: 'success' })
      void Taro.navigateBack().catch(() => undefined)
    } catch (e) {
      setFailure(errorMessage(asCallError(e)))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page cv-page cv-assign-page'>
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()} errorTitle='无法指定联系人'>
        {file ? (
          <>
            <View className='cv-page__top'>
              <Text className='cv-page__title'>{file.name}的联系人</Text>
              <Text className='cv-page__total'>{file.groupName ?? '尚未编组'}</Text>
            </View>
            <View className='cv-file__cols'>
              <View className='cv-file__col'>
                <Section kind='teacher' current={current.school && { ...current.school, unitName: null }} suggested={file.suggestions?.teachers ?? []} chosen={school} onPick={setSchool} />
              </View>
              <View className='cv-file__col'>
                <Section kind='unitContact' current={current.unit && { ...current.unit, unitName: null }} suggested={file.suggestions?.unitContacts ?? []} chosen={unit} onPick={setUnit} />
              </View>
            </View>
            {failure ? <Text className='cv-problem cv-assign__failure'>{failure}</Text> : null}
            <Button type='primary' block loading={busy} disabled={!lines.length} className='cv-assign__save' onClick={() => void save()}>保存</Button>
          </>
        ) : null}
      </PageState>
    </View>
  )
}
