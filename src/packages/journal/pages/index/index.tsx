/**
 * 学习笔记: my notes (newest first, searchable), with what is still on the device on top
 * (queued, sending, or refused, with retry, edit and discard); a note sent from the queue
 * takes its job's place. A second tab shows what my group shares. Export the year here.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import JobCard from '../../../../components/JobCard'
import ListFooter from '../../../../components/ListFooter'
import PageState, { errorMessage } from '../../../../components/PageState'
import { Button } from '../../../../components/ui'
import { useCursorList } from '../../../../hooks/useCursorList'
import { asCallError } from '../../../../hooks/usePageData'
import { ROUTES, withQuery } from '../../../../routes'
import { call } from '../../../../services/cloud'
import { Job, useWriteQueue, writeQueue } from '../../../../services/writeQueue'
import NoteCard from '../../components/NoteCard'
import { exportJournal } from '../../exportNotes'
import { isJournalJob, itemOf, jobStatus, mergeNotes, NoteItem, NoteView } from '../../notes'
import '../../journal.css'

const PAGE_SIZE = 20

/** A queued write of the journal: a refused save can be reopened in the editor; a conflict is not retried as it is. */
function JournalJobCard({ job }: { job: Job }) {
  const conflict = job.error?.code === 'CONFLICT'
  const edit = job.state === 'failed' && job.action === 'save'
    ? { label: conflict ? '查看最新并修改' : '修改', onEdit: () => void Taro.navigateTo({ url: withQuery(ROUTES.journalEdit, { jobId: job.id }) }) }
    : null
  return <JobCard job={job} status={jobStatus(job)} edit={edit} retryable={!conflict} />
}

function MyNotes() {
  const [keyword, setKeyword] = useState('')
  const [typed, setTyped] = useState('')
  const [sent, setSent] = useState<NoteItem[]>([])
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set())
  const list = useCursorList((cursor) => {
    // Pulling the list (or opening it) is a moment to send what waits on the device.
    if (!cursor) void writeQueue().flush()
    return call('journal', 'mine', { pageSize: PAGE_SIZE, ...(keyword ? { keyword } : {}), ...(cursor ? { cursor } : {}) })
  }, [keyword])
  const onSent = useCallback((job: Job, result: unknown) => {
    if (job.fn !== 'journal') return
    if (job.action === 'save') setSent((prev) => [itemOf(result as NoteView), ...prev.filter((n) => n.id !== (result as NoteView).id)])
    if (job.action === 'remove') setRemoved((prev) => new Set([...prev, String(job.input.noteId)]))
  }, [])
  const jobs = useWriteQueue(isJournalJob, onSent)
  // Back from the editor or a note: show what changed there.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void list.reload()
    shown.current = true
  })
  const notes = mergeNotes(list.items, keyword ? [] : sent, removed)
  const status = list.status === 'empty' && (notes.length || jobs.length) ? 'ready' : list.status

  return (
    <>
      <View className='journal-search'>
        <Input className='journal-search__input' value={typed} placeholder='搜索我的笔记' maxlength={30} confirmType='search' onInput={(e) => setTyped(e.detail.value)} onConfirm={() => setKeyword(typed.trim())} />
        <Button size='small' onClick={() => setKeyword(typed.trim())}>搜索</Button>
        {keyword ? <Button size='small' fill='none' onClick={() => { setTyped(''); setKeyword('') }}>清除</Button> : null}
      </View>
      {jobs.length ? (
        <View className='journal-jobs'>
          <Text className='section-title'>手机上待发送（{jobs.length}）</Text>
          {jobs.map((job) => <JournalJobCard key={job.id} job={job} />)}
        </View>
      ) : null}
      <PageState status={status} error={list.error} onRetry={() => void list.reload()} emptyTitle={keyword ? `没有包含“${keyword}”的笔记` : '还没有学习笔记'} emptyHint={keyword ? undefined : '点“写笔记”记下今天的学习心得'} skeletonRows={6}>
        <View className='journal-notes'>
          {notes.map((n) => <NoteCard key={n.id} note={n} reader='author' />)}
        </View>
        <ListFooter list={list} />
      </PageState>
    </>
  )
}

function GroupNotes({ groupId }: { groupId?: string }) {
  const list = useCursorList((cursor) => call('journal', 'group', { pageSize: PAGE_SIZE, ...(groupId ? { groupId } : {}), ...(cursor ? { cursor } : {}) }), [groupId])
  return (
    <PageState status={list.status} error={list.error} onRetry={() => void list.reload()} emptyTitle='小组还没有分享的笔记' emptyHint='同学把笔记设为“小组分享”后会出现在这里' skeletonRows={6}>
      <View className='journal-notes'>
        {list.items.map((n) => <NoteCard key={n.id} note={n} reader='member' />)}
      </View>
      <ListFooter list={list} />
    </PageState>
  )
}

async function runExport(setBusy: (b: boolean) => void): Promise<void> {
  setBusy(true)
  try {
    const { notes } = await exportJournal()
    void Taro.showToast({ title: `已导出 ${notes} 篇笔记`, icon: 'none' }).catch(() => undefined)
  } catch (e) {
    void Taro.showModal({ title: '导出失败', content: errorMessage(asCallError(e)), showCancel: false }).catch(() => undefined)
  } finally {
    setBusy(false)
  }
}

export default function Page() {
  const params = Taro.getCurrentInstance().router?.params ?? {}
  const initial = params.tab === 'group' ? 'group' : 'mine'
  // Opened from a group's page (an advisor, or a member): that group's shared notes only.
  const groupId = params.groupId || undefined
  useEffect(() => {
    if (groupId) void Taro.setNavigationBarTitle({ title: '小组笔记' }).catch(() => undefined)
  }, [groupId])
  const [tab, setTab] = useState<'mine' | 'group'>(initial)
  const [exporting, setExporting] = useState(false)
  if (groupId) return <View className='page journal-page'><GroupNotes groupId={groupId} /></View>
  return (
    <View className='page journal-page'>
      <View className='journal-page__top'>
        <View className='journal-tabs'>
          <Text className={tab === 'mine' ? 'journal-tabs__tab journal-tabs__tab--on' : 'journal-tabs__tab'} onClick={() => setTab('mine')}>我的笔记</Text>
          <Text className={tab === 'group' ? 'journal-tabs__tab journal-tabs__tab--on' : 'journal-tabs__tab'} onClick={() => setTab('group')}>小组分享</Text>
        </View>
        <View className='journal-page__actions'>
          {tab === 'mine' ? <Button size='small' loading={exporting} onClick={() => void runExport(setExporting)}>导出本年度</Button> : null}
          <Button type='primary' size='small' onClick={() => void Taro.navigateTo({ url: ROUTES.journalEdit })}>＋ 写笔记</Button>
        </View>
      </View>
      {tab === 'mine' ? <MyNotes /> : <GroupNotes />}
    </View>
  )
}
