/**
 * The group management page's sections: roles, the flag, advisors and unit contacts, a
 * member's move with their history, and "1+10" circles. Each change goes through `apply`,
 * which confirms it with exactly what it changes and reports what changed.
 */
import { useEffect, useState } from 'react'
import { Input, Picker, Text, View } from '@tarojs/components'
import { useCursorList } from '../../../../hooks/useCursorList'
import { call, CallError } from '../../../../services/cloud'
import { chinaNow, formatDate } from '../../../../services/dates'
import type { ActionOutput } from '../../../../../types/contract'
import ListFooter from '../../../../components/ListFooter'
import PageState from '../../../../components/PageState'
import { Button, Popup, SearchBar, Tag } from '../../../../components/ui'
import { flagChange, mentorChange, moveChange, Names, percent, rolesChange, setChange } from '../../groupManage'

export type Managed = ActionOutput<'group', 'manage'>
type Circles = ActionOutput<'circle', 'list'>
type HistoryItem = ActionOutput<'group', 'history'>['items'][number]

/** Confirms `lines` under `title`, runs `write` when confirmed, and reports `done(result)` lines; false when cancelled. */
export type Apply = <T>(title: string, lines: string[], write: () => Promise<T>, done: (result: T) => string[]) => Promise<boolean>

const PARTY = ['member', 'probationary']

/** Everyone the page names, by id: members, advisors, unit contacts. */
export const namesOf = (g: Managed): Map<string, string> =>
  new Map([...g.members, ...g.advisors, ...g.unitContacts].map((p) => [p.id, p.name]))

export function RolesSection({ group, apply }: { group: Managed; apply: Apply }) {
  const [liaisonId, setLiaison] = useState(group.liaisonId)
  const [coreIds, setCore] = useState(group.coreMemberIds)
  useEffect(() => { setLiaison(group.liaisonId); setCore(group.coreMemberIds) }, [group])
  const names = namesOf(group)
  const lines = rolesChange(group, { liaisonId, coreMemberIds: coreIds }, names)
  const toggleCore = (id: string) => setCore((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]))
  const save = () => apply('确认调整联络员和骨干', lines,
    () => call('group', 'assignRoles', { groupId: group.id, liaisonId, coreMemberIds: coreIds }),
    () => lines)
  return (
    <View className='card manage__roles'>
      <Text className='card__title'>联络员和骨干</Text>
      <Text className='card__subtitle'>从本组党员中选择，按党龄排序（人选建议）</Text>
      {group.candidates.length === 0 ? <Text className='manage__none'>本组还没有党员，暂无人选</Text> : null}
      {group.candidates.map((c) => (
        <View key={c.id} className='manage__row'>
          <View className='manage__who'><Text className='manage__name'>{c.name}</Text><Text className='manage__hint'>{c.reason}</Text></View>
          <Tag className='manage__liaison' type={liaisonId === c.id ? 'primary' : 'default'} plain={liaisonId !== c.id} onClick={() => setLiaison(liaisonId === c.id ? null : c.id)}>联络员</Tag>
          <Tag className='manage__core' type={coreIds.includes(c.id) ? 'primary' : 'default'} plain={!coreIds.includes(c.id)} onClick={() => toggleCore(c.id)}>骨干</Tag>
        </View>
      ))}
      <Button type='primary' block disabled={!lines.length} className='manage__save-roles' onClick={() => void save()}>保存联络员和骨干</Button>
    </View>
  )
}

export function FlagSection({ group, apply }: { group: Managed; apply: Apply }) {
  const next = !group.flagIssued
  const line = flagChange(next)
  return (
    <View className='card manage__flag'>
      <Text className='card__title'>实习党旗</Text>
      <Text className='card__subtitle'>{group.flagIssued ? '已发放' : '未发放'}</Text>
      <Button block className='manage__flag-toggle' onClick={() => void apply('确认登记党旗', [line], () => call('group', 'setFlagIssued', { groupId: group.id, issued: next }), () => [line])}>
        {next ? '登记为已发放' : '改为未发放'}
      </Button>
    </View>
  )
}

type Kind = 'teacher' | 'unitContact'
const KIND_LABEL: Record<Kind, string> = { teacher: '指导教师', unitContact: '实习单位联系人' }

/** Teachers or unit contacts to add, a page at a time, found by exact name. */
function StaffPicker({ kind, exclude, onPick }: { kind: Kind; exclude: string[]; onPick: (p: { id: string; name: string }) => void }) {
  const [typed, setTyped] = useState('')
  const [keyword, setKeyword] = useState<string | undefined>(undefined)
  const list = useCursorList((cursor) => call('group', 'assignable', { kind, ...(keyword ? { keyword } : {}), ...(cursor ? { cursor } : {}) }), [kind, keyword])
  return (
    <View className='manage__picker'>
      <SearchBar value={typed} placeholder='按姓名查找' maxLength={20} onChange={setTyped} onSearch={(v) => setKeyword(v.trim() || undefined)} onClear={() => { setTyped(''); setKeyword(undefined) }} />
      <PageState status={list.status} error={list.error} onRetry={() => void list.reload()} emptyTitle={`没有找到${KIND_LABEL[kind]}`} emptyHint='先通过邀请码邀请，再来指定'>
        {list.items.map((p) => (
          <View key={p.id} className='manage__row manage__pick' onClick={() => { if (!exclude.includes(p.id)) onPick(p) }}>
            <View className='manage__who'><Text className='manage__name'>{p.name}</Text><Text className='manage__hint'>{[p.unitName, p.province].filter(Boolean).join(' · ')}</Text></View>
            <Text className='manage__hint'>{exclude.includes(p.id) ? '已在本组' : '添加'}</Text>
          </View>
        ))}
        <ListFooter list={list} />
      </PageState>
    </View>
  )
}

export function StaffSection({ group, kind, apply }: { group: Managed; kind: Kind; apply: Apply }) {
  const current = kind === 'teacher' ? group.advisors : group.unitContacts
  const [chosen, setChosen] = useState(current.map((p) => ({ id: p.id, name: p.name })))
  const [picking, setPicking] = useState(false)
  useEffect(() => setChosen(current.map((p) => ({ id: p.id, name: p.name }))), [group])
  const names: Names = new Map([...current, ...chosen].map((p) => [p.id, p.name]))
  const ids = chosen.map((p) => p.id)
  const line = setChange(KIND_LABEL[kind], current.map((p) => p.id), ids, names)
  const save = () => apply(`确认调整${KIND_LABEL[kind]}`, line ? [line] : [],
    (): Promise<unknown> => (kind === 'teacher'
      ? call('group', 'assignAdvisors', { groupId: group.id, advisorIds: ids })
      : call('group', 'assignUnitContacts', { groupId: group.id, unitContactIds: ids })),
    () => (line ? [line] : []))
  return (
    <View className={`card manage__staff manage__staff--${kind}`}>
      <Text className='card__title'>{KIND_LABEL[kind]}</Text>
      {chosen.length === 0 ? <Text className='manage__none'>尚未指定</Text> : null}
      {chosen.map((p) => (
        <View key={p.id} className='manage__row'>
          <Text className='manage__name'>{p.name}</Text>
          <Text className='manage__remove' onClick={() => setChosen((c) => c.filter((x) => x.id !== p.id))}>移除</Text>
        </View>
      ))}
      <View className='manage__buttons'>
        <Button className='manage__add' onClick={() => setPicking(true)}>添加{KIND_LABEL[kind]}</Button>
        <Button type='primary' disabled={!line} className='manage__save-staff' onClick={() => void save()}>保存</Button>
      </View>
      <Popup visible={picking} position='bottom' round closeable title={`选择${KIND_LABEL[kind]}`} onClose={() => setPicking(false)}>
        {picking ? <StaffPicker kind={kind} exclude={ids} onPick={(p) => { setChosen((c) => [...c, p]); setPicking(false) }} /> : null}
      </Popup>
    </View>
  )
}

/** A person's group memberships in order, each from its date to the next. */
export function HistoryList({ items }: { items: HistoryItem[] }) {
  if (!items.length) return <Text className='manage__none'>没有党小组变动记录</Text>
  return (
    <View className='manage__history'>
      {items.map((e, i) => (
        <View key={`${e.groupId}-${e.from}-${i}`} className='manage__history-item'>
          <Text className='manage__name'>{e.groupName}</Text>
          <Text className='manage__hint'>{formatDate(e.from)} — {e.to ? formatDate(e.to) : '至今'} · {e.reason}</Text>
        </View>
      ))}
    </View>
  )
}

/** Target groups of the same internship year found by a city or the beginning of a name (`group.list`; names repeat from year to year). */
function GroupSearch({ exclude, year, chosen, onPick }: { exclude: string; year: string; chosen: string | null; onPick: (g: { id: string; name: string }) => void }) {
  const [typed, setTyped] = useState('')
  const [found, setFound] = useState<{ id: string; name: string }[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const search = async (keyword: string) => {
    setError(null)
    try {
      const page = await call('group', 'list', { keyword: keyword.trim() || undefined, year, pageSize: 50 })
      setFound(page.items.filter((g) => g.id !== exclude).map((g) => ({ id: g.id, name: g.name })))
    } catch (e) {
      setError(e instanceof CallError ? e.message : '查找失败，请重试')
    }
  }
  return (
    <View className='manage__group-search'>
      <View className='manage__search-row'>
        <Input className='manage__search' value={typed} maxlength={20} placeholder='目标小组的城市或名称' confirmType='search' onInput={(e) => setTyped(e.detail.value)} onConfirm={() => void search(typed)} />
        <Button size='small' className='manage__search-go' onClick={() => void search(typed)}>搜索</Button>
      </View>
      {error ? <Text className='manage__error'>{error}</Text> : null}
      {found && !found.length ? <Text className='manage__none'>没有找到{year}实习年度的其他小组</Text> : null}
      <View className='manage__chips'>
        {(found ?? []).map((g) => <Tag key={g.id} className='manage__target' type={chosen === g.id ? 'primary' : 'default'} plain={chosen !== g.id} onClick={() => onPick(g)}>{g.name}</Tag>)}
      </View>
    </View>
  )
}

export function MoveSection({ group, apply }: { group: Managed; apply: Apply }) {
  const [personId, setPerson] = useState<string | null>(null)
  const [history, setHistory] = useState<{ items: HistoryItem[] } | { error: string } | null>(null)
  const [target, setTarget] = useState<{ id: string; name: string } | null>(null)
  const [reason, setReason] = useState('')
  const today = chinaNow().date
  const [date, setDate] = useState(today)
  const person = group.members.find((m) => m.id === personId)
  // The move cannot be dated before the person joined this group (the last entry of their history).
  const joined = history && 'items' in history && history.items.length ? chinaNow(new Date(history.items[history.items.length - 1].from)).date : undefined
  const loadHistory = async (id: string) => {
    setHistory(null)
    try {
      setHistory(await call('group', 'history', { personId: id }))
    } catch (e) {
      setHistory({ error: e instanceof CallError ? e.message : '加载失败' })
    }
  }
  const pick = (id: string) => { setPerson(id); setTarget(null); setDate(today); void loadHistory(id) }
  const move = async () => {
    if (!person || !target) return
    const moved = await apply('确认调动成员', [moveChange(person.name, group.name, target.name, reason.trim(), formatDate(date))],
      () => call('group', 'moveMember', { personId: person.id, toGroupId: target.id, reason: reason.trim(), ...(date === today ? {} : { date }) }),
      (r) => [moveChange(person.name, group.name, target.name, reason.trim(), formatDate(r.movedAt))])
    if (moved) void loadHistory(person.id)
  }
  return (
    <View className='card manage__move'>
      <Text className='card__title'>成员调动</Text>
      <Text className='card__subtitle'>选择成员，查看其变动记录，调入其他小组（自所选日期起）</Text>
      <View className='manage__chips'>
        {group.members.map((m) => <Tag key={m.id} className='manage__member' type={personId === m.id ? 'primary' : 'default'} plain={personId !== m.id} onClick={() => pick(m.id)}>{m.name}</Tag>)}
      </View>
      {person ? (
        <>
          <Text className='section-title'>{person.name}的党小组变动</Text>
          {history === null ? <Text className='manage__hint'>加载中…</Text> : 'error' in history ? <Text className='manage__error'>{history.error}</Text> : <HistoryList items={history.items} />}
          <GroupSearch exclude={group.id} year={group.year} chosen={target?.id ?? null} onPick={setTarget} />
          <Picker mode='date' value={date} start={joined} end={today} onChange={(e) => setDate(String(e.detail.value))}>
            <View className='manage__move-date'>调动日期：{date === today ? `今天（${formatDate(date)}）` : formatDate(date)} ▾</View>
          </Picker>
          <Input className='manage__reason' value={reason} maxlength={100} placeholder='调动原因，如：更换实习医院' onInput={(e) => setReason(e.detail.value)} />
          <Button type='primary' block disabled={!target || !reason.trim()} className='manage__do-move' onClick={() => void move()}>调动到{target ? target.name : '…'}</Button>
        </>
      ) : null}
    </View>
  )
}

/** "1+10" circles: loaded when opened, assigned automatically, adjusted one student at a time. */
export function CirclesSection({ group, apply }: { group: Managed; apply: Apply }) {
  const [circles, setCircles] = useState<Circles | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [student, setStudent] = useState<{ id: string; name: string; mentorId: string | null } | null>(null)
  const mentors = group.members.filter((m) => m.politicalStatus && PARTY.includes(m.politicalStatus))
  const names = namesOf(group)
  const load = async () => {
    setError(null)
    try {
      setCircles(await call('circle', 'list', { groupId: group.id }))
    } catch (e) {
      setError(e instanceof CallError ? e.message : '加载失败，请重试')
    }
  }
  const auto = async () => {
    const before = circles!.coverage
    const ok = await apply('确认自动分配“1+10”', [`为尚无联系党员的 ${before.ordinary - before.withMentor} 名普通同学分配联系党员（每名党员至多10人）`, '已有的联系关系不变'],
      () => call('circle', 'autoAssign', { groupId: group.id }),
      (r) => [`新分配 ${r.assigned} 人，仍未分配 ${r.unassigned} 人`, `覆盖率：${percent(before.ratio)} → ${percent(r.coverage.ratio)}`])
    if (ok) await load()
  }
  const setMentor = async (mentorId: string | null) => {
    if (!student) return
    const line = mentorChange(student.name, student.mentorId ? nameOf(names, student.mentorId) : null, mentorId ? nameOf(names, mentorId) : null)
    const ok = await apply('确认调整联系党员', [line], () => call('circle', 'setMentor', { studentId: student.id, mentorId }), () => [line])
    if (ok) { setStudent(null); await load() }
  }
  const chip = (s: { id: string; name: string }, mentorId: string | null) => (
    <Tag key={s.id} className='manage__mentee' type={student?.id === s.id ? 'primary' : 'default'} plain={student?.id !== s.id} onClick={() => setStudent({ ...s, mentorId })}>{s.name}</Tag>
  )
  return (
    <View className='card manage__circles'>
      <Text className='card__title'>“1+10”联系圈</Text>
      {!circles ? (
        <>
          {error ? <Text className='manage__error'>{error}</Text> : null}
          <Button block className='manage__load-circles' onClick={() => void load()}>查看联系圈和覆盖率</Button>
        </>
      ) : (
        <>
          <Text className='manage__coverage'>覆盖率 {percent(circles.coverage.ratio)}（{circles.coverage.withMentor}/{circles.coverage.ordinary} 名普通同学有联系党员）</Text>
          {circles.circles.map((c) => (
            <View key={c.mentor.id} className='manage__circle'>
              <Text className='manage__name'>{c.mentor.name}（{c.mentees.length}人）</Text>
              <View className='manage__chips'>{c.mentees.map((m) => chip(m, c.mentor.id))}</View>
            </View>
          ))}
          {circles.withoutMentor.length ? (
            <View className='manage__circle'>
              <Text className='manage__name'>尚无联系党员（{circles.withoutMentor.length}人）</Text>
              <View className='manage__chips'>{circles.withoutMentor.map((m) => chip(m, null))}</View>
            </View>
          ) : null}
          {student ? (
            <View className='manage__mentors'>
              <Text className='manage__hint'>为{student.name}选择联系党员：</Text>
              <View className='manage__chips'>
                {mentors.filter((m) => m.id !== student.mentorId).map((m) => <Tag key={m.id} className='manage__mentor' type='primary' plain onClick={() => void setMentor(m.id)}>{m.name}</Tag>)}
                {student.mentorId ? <Tag className='manage__mentor-none' type='default' plain onClick={() => void setMentor(null)}>取消联系</Tag> : null}
              </View>
            </View>
          ) : null}
          <Button type='primary' block className='manage__auto' onClick={() => void auto()}>自动分配</Button>
        </>
      )}
    </View>
  )
}

const nameOf = (names: Names, id: string): string => names.get(id) ?? id
