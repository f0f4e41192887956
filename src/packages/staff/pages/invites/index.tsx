/**
 * 邀请码 (admins): invite a teacher, unit contact or staff member and show the code large
 * with a QR holding the same code (the bind page takes it typed or scanned); below, everyone
 * invited by code, pending codes first, each revocable or re-invitable after a confirmation.
 * The first screen is one call (`user.listInvites`); the units load only for a unit contact.
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Picker, Text, View } from '@tarojs/components'
import ListFooter from '../../../../components/ListFooter'
import PageState, { errorMessage } from '../../../../components/PageState'
import QrCode from '../../../../components/QrCode'
import { Button, Tag } from '../../../../components/ui'
import { asCallError } from '../../../../hooks/usePageData'
import { useCursorList } from '../../../../hooks/useCursorList'
import { call, CallError } from '../../../../services/cloud'
import { formatDateTime } from '../../../../services/dates'
import { INVITE_KIND_LABELS, INVITE_KINDS, INVITE_STATE_LABELS, InviteKind, inviteEntry } from '../../../../../types/actions/user'
import type { z } from 'zod'
import './index.css'

type Entry = z.infer<typeof inviteEntry>
type Unit = { id: string; name: string; province: string; city: string }
/** A code just made, shown large until the next one. */
interface Issued { code: string; name: string; kind: InviteKind; expiresAt: string }

const copy = (code: string) => void Taro.setClipboardData({ data: code })

function IssuedCard({ issued }: { issued: Issued }) {
  return (
    <View className='card invites__issued'>
      <Text className='card__title'>{issued.name}（{INVITE_KIND_LABELS[issued.kind]}）的邀请码</Text>
      <View className='invites__issued-body'>
        <View className='invites__code-box'>
          <Text className='invites__code' userSelect selectable>{issued.code}</Text>
          <Button size='small' onClick={() => copy(issued.code)}>复制邀请码</Button>
          <Text className='card__subtitle'>有效至 {formatDateTime(issued.expiresAt)}，只能使用一次。请对方在小程序“绑定身份 → 我有邀请码”中输入或扫码。</Text>
        </View>
        <QrCode value={issued.code} canvasId='invite-qr' className='invites__qr' />
      </View>
    </View>
  )
}

function CreateForm({ onIssued }: { onIssued: (i: Issued) => void }) {
  const [kind, setKind] = useState<InviteKind>('teacher')
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [units, setUnits] = useState<Unit[] | null>(null)
  const [unit, setUnit] = useState<Unit | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<CallError | null>(null)

  async function choose(k: InviteKind): Promise<void> {
    setKind(k)
    if (k !== 'unitContact' || units) return
    try {
      setUnits((await call('user', 'inviteUnits', {})).units)
    } catch (e) {
      setError(asCallError(e))
    }
  }

  async function submit(): Promise<void> {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      const r = await call('user', 'createInvite', { kind, name: name.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}), ...(kind === 'unitContact' && unit ? { unitId: unit.id } : {}) })
      onIssued({ code: r.code, name: name.trim(), kind, expiresAt: r.expiresAt })
      setName('')
      setPhone('')
    } catch (e) {
      setError(asCallError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card invites__form'>
      <Text className='card__title'>生成邀请码</Text>
      <View className='invites__kinds'>
        {INVITE_KINDS.map((k) => (
          <Button key={k} size='small' type={k === kind ? 'primary' : 'default'} onClick={() => void choose(k)}>{INVITE_KIND_LABELS[k]}</Button>
        ))}
      </View>
      <Text className='invites__label'>姓名</Text>
      <Input className='invites__input invites__name-input' placeholder='被邀请人的姓名' value={name} maxlength={20} onInput={(e) => setName(e.detail.value)} />
      <Text className='invites__label'>手机号（可不填）</Text>
      <Input className='invites__input invites__phone-input' placeholder='11位手机号' type='number' value={phone} maxlength={11} onInput={(e) => setPhone(e.detail.value)} />
      {kind === 'unitContact' ? (
        <>
          <Text className='invites__label'>实习单位</Text>
          <Picker mode='selector' range={(units ?? []).map((u) => `${u.province}${u.city} ${u.name}`)} onChange={(e) => setUnit((units ?? [])[Number(e.detail.value)] ?? null)}>
            <View className='invites__input invites__unit'>{unit ? `${unit.city} ${unit.name}` : units ? '选择实习单位' : '正在加载实习单位…'}</View>
          </Picker>
        </>
      ) : null}
      {kind === 'staff' ? <Text className='card__subtitle'>党总支工作人员绑定后拥有管理权限。</Text> : null}
      {error ? <View className='invites__error' role='alert'><Text>{errorMessage(error)}</Text></View> : null}
      <Button type='primary' block className='invites__submit' loading={busy} disabled={busy || !name.trim()} onClick={() => void submit()}>生成邀请码</Button>
    </View>
  )
}

function EntryRow({ e, onRevoke, onReinvite }: { e: Entry; onRevoke: (e: Entry) => void; onReinvite: (e: Entry) => void }) {
  return (
    <View className={`invites__row invites__row--${e.state}`}>
      <View className='invites__who'>
        <Text className='invites__name'>{e.name}</Text>
        <Text className='invites__meta'>{INVITE_KIND_LABELS[e.kind]}{e.unitName ? ` · ${e.unitName}` : ''}{e.phone ? ` · ${e.phone}` : ''}</Text>
      </View>
      <View className='invites__status'>
        <Tag type={e.state === 'pending' ? 'success' : e.state === 'expired' ? 'warning' : 'default'}>{INVITE_STATE_LABELS[e.state]}</Tag>
        {e.code ? <Text className='invites__row-code' onClick={() => copy(e.code!)}>{e.code}</Text> : null}
        {e.expiresAt ? <Text className='invites__meta'>{e.state === 'expired' ? '已于' : '有效至'} {formatDateTime(e.expiresAt)}</Text> : null}
      </View>
      <View className='invites__actions'>
        {e.state !== 'bound' ? <Button size='small' onClick={() => onReinvite(e)}>{e.code ? '重新生成' : '生成邀请码'}</Button> : null}
        {e.state === 'pending' ? <Button size='small' type='danger' onClick={() => onRevoke(e)}>作废</Button> : null}
      </View>
    </View>
  )
}

export default function Page() {
  const list = useCursorList((cursor) => call('user', 'listInvites', { pageSize: 20, ...(cursor ? { cursor } : {}) }))
  const [issued, setIssued] = useState<Issued | null>(null)
  const [actionError, setActionError] = useState<CallError | null>(null)

  async function revoke(e: Entry): Promise<void> {
    const { confirm } = await Taro.showModal({ title: '作废邀请码', content: `作废${e.name}的邀请码 ${e.code}？作废后该码不能再用于绑定，${e.name}不会被删除，可再生成新码。`, confirmText: '作废' })
    if (!confirm) return
    setActionError(null)
    try {
      const r = await call('user', 'revokeInvite', { code: e.code! })
      await Taro.showToast({ title: `已作废${r.name}的邀请码`, icon: 'none' })
      if (issued?.code === r.code) setIssued(null)
      await list.reload()
    } catch (err) {
      setActionError(asCallError(err))
    }
  }

  async function reinvite(e: Entry): Promise<void> {
    const old = e.code ? `，旧邀请码 ${e.code} 将作废` : ''
    const { confirm } = await Taro.showModal({ title: '生成新邀请码', content: `为${e.name}（${INVITE_KIND_LABELS[e.kind]}）生成新的邀请码${old}。`, confirmText: '生成' })
    if (!confirm) return
    setActionError(null)
    try {
      const r = await call('user', 'createInvite', { kind: e.kind, name: e.name, personId: e.personId })
      setIssued({ code: r.code, name: e.name, kind: e.kind, expiresAt: r.expiresAt })
      await Taro.showToast({ title: e.code ? `已为${e.name}生成新码，旧码已作废` : `已为${e.name}生成邀请码`, icon: 'none' })
      await list.reload()
    } catch (err) {
      setActionError(asCallError(err))
    }
  }

  function onIssued(i: Issued): void {
    setIssued(i)
    void Taro.showToast({ title: `已为${i.name}生成邀请码`, icon: 'none' })
    void list.reload()
  }

  return (
    <View className='page invites'>
      <PageState status={list.status === 'empty' ? 'ready' : list.status} error={list.error} onRetry={() => void list.reload()} skeletonRows={6}>
        <View className='invites__layout'>
          <View className='invites__side'>
            <CreateForm onIssued={onIssued} />
            {issued ? <IssuedCard issued={issued} /> : null}
          </View>
          <View className='invites__main'>
            <Text className='section-title'>教师、带教老师和工作人员（待使用的邀请码在前）</Text>
            {actionError ? <View className='invites__error' role='alert'><Text>{errorMessage(actionError)}</Text></View> : null}
            <View className='card invites__list'>
              {list.items.length === 0 ? <Text className='card__subtitle'>还没有邀请任何人。</Text> : null}
              {list.items.map((e) => <EntryRow key={e.personId} e={e} onRevoke={(x) => void revoke(x)} onReinvite={(x) => void reinvite(x)} />)}
            </View>
            <ListFooter list={list} />
          </View>
        </View>
      </PageState>
    </View>
  )
}
