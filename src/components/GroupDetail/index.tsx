/**
 * A group's page, shared by the group tab (a student's own group) and the group detail
 * page: one `group.detail` call, drawn exactly as the function returns it — the invite
 * code, political statuses, phones and "1+10" mentors appear only when the reply has them.
 */
import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { usePageData } from '../../hooks/usePageData'
import { ROUTES, withQuery } from '../../routes'
import { call } from '../../services/cloud'
import { hasRole, readsCheckins, readsLedger, recordsTalks, useMe } from '../../services/session'
import GroupSummary from '../GroupSummary'
// PageState before MemberList: the order the 小组 tab loads their styles in, so the shared style chunk has one order.
import PageState, { InlineError } from '../PageState'
import MemberList from '../MemberList'
import { Button } from '../ui'
import { Circle, circleViewOf, GroupDetail, MemberView } from './circles'
import './index.css'

/** The internship year, when the reply carries one (the contract may add it to groups). */
const yearOf = (group: GroupDetail): string | undefined => {
  const year = (group as { year?: unknown }).year
  return typeof year === 'string' && year ? year : undefined
}

function copyInviteCode(code: string): void {
  void Taro.setClipboardData({ data: code }).catch(() => undefined)
}

function InviteCodeCard({ code }: { code: string }) {
  return (
    <View className='card invite-code'>
      <View className='invite-code__body'>
        <Text className='invite-code__label'>入组邀请码</Text>
        <Text className='invite-code__code' selectable>{code}</Text>
        <Text className='invite-code__hint'>普通同学凭此码加入本小组，请只发给本地区的实习同学</Text>
      </View>
      <Button size='small' fill='outline' type='primary' className='invite-code__copy' onClick={() => copyInviteCode(code)}>复制</Button>
    </View>
  )
}

const names = (people: { name: string }[]): string => people.map((p) => p.name).join('、')

/** Liaison, core members, advisors and unit contacts. */
function LeadersCard({ group, viewerId }: { group: GroupDetail; viewerId?: string | null }) {
  const byId = new Map(group.members.map((m) => [m.id, m]))
  const liaison = group.liaisonId ? byId.get(group.liaisonId) : undefined
  const core = group.coreMemberIds.map((id) => byId.get(id)).filter((m): m is MemberView => !!m)
  return (
    <View className='card'>
      <Text className='card__title'>组织架构</Text>
      <View className='leaders'>
        <View className='leaders__row'>
          <Text className='leaders__label'>联络员</Text>
          <Text className='leaders__value'>{liaison ? liaison.name : '尚未确定'}</Text>
        </View>
        <View className='leaders__row'>
          <Text className='leaders__label'>骨干</Text>
          <Text className='leaders__value'>{core.length ? names(core) : '尚未确定'}</Text>
        </View>
      </View>
      <Text className='leaders__section'>指导教师</Text>
      {group.advisors.length ? <MemberList people={group.advisors} viewerId={viewerId} /> : <Text className='leaders__none'>尚未指定</Text>}
      <Text className='leaders__section'>实习单位联系人</Text>
      {group.unitContacts.length ? <MemberList people={group.unitContacts} viewerId={viewerId} /> : <Text className='leaders__none'>尚未指定</Text>}
    </View>
  )
}

function CircleBlock({ circle, viewerId }: { circle: Circle; viewerId?: string | null }) {
  const mentorName = circle.mentor?.name ?? '联系党员'
  return (
    <View className='circle'>
      <Text className='circle__mentor'>
        {mentorName}{circle.mentorId === viewerId ? '（我）' : ''}
        <Text className='circle__count'> 联系 {circle.mentees.length} 人</Text>
      </Text>
      <Text className='circle__mentees'>{names(circle.mentees)}</Text>
    </View>
  )
}

/** "1+10" circles: the whole group's for those the reply shows them to, else the viewer's own place. */
function CirclesCard({ members, viewerId }: { members: MemberView[]; viewerId?: string | null }) {
  const view = circleViewOf(members, viewerId)
  if (view.kind === 'none') return null
  return (
    <View className='card'>
      <Text className='card__title'>“1+10”联系圈</Text>
      {view.kind === 'all' ? (
        <>
          <Text className='card__subtitle'>
            {view.ordinary ? `${view.withMentor}/${view.ordinary} 名普通同学已有联系党员` : '每名党员联系至多10名普通同学'}
          </Text>
          <View className='circles'>
            {view.circles.map((c) => <CircleBlock key={c.mentorId} circle={c} viewerId={viewerId} />)}
            {view.withoutMentor.length ? (
              <View className='circle circle--open'>
                <Text className='circle__mentor'>尚未分配联系党员<Text className='circle__count'> {view.withoutMentor.length} 人</Text></Text>
                <Text className='circle__mentees'>{names(view.withoutMentor)}</Text>
              </View>
            ) : null}
          </View>
          {!view.circles.length && !view.withoutMentor.length ? <Text className='leaders__none'>尚未分配联系圈</Text> : null}
        </>
      ) : (
        <>
          {view.myMentor !== undefined ? (
            <View className='leaders__row'>
              <Text className='leaders__label'>我的联系党员</Text>
              <Text className='leaders__value'>{view.myMentor ? view.myMentor.name : '尚未分配，党总支或联络员会为你安排'}</Text>
            </View>
          ) : null}
          {view.myMentees.length ? (
            <View className='circle'>
              <Text className='circle__mentor'>我联系的同学<Text className='circle__count'> {view.myMentees.length} 人</Text></Text>
              <Text className='circle__mentees'>{names(view.myMentees)}</Text>
            </View>
          ) : null}
        </>
      )}
    </View>
  )
}

/** 待核实的志愿服务, for this group's liaison and advisors (the function decides what they may see). */
function VolunteerPendingCard({ groupId }: { groupId: string }) {
  const me = useMe()
  const leads = !!me && (me.advisorOf.includes(groupId) || hasRole(me, 'admin') || (me.person?.groupId === groupId && me.person.groupRole === 'liaison'))
  if (!leads) return null
  return (
    <View className='card group-detail__volunteer' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.volunteerPending, { groupId }) })}>
      <Text className='card__title'>待核实的志愿服务 ›</Text>
      <Text className='card__subtitle'>核实或退回小组同学登记的志愿服务时长</Text>
    </View>
  )
}

/** 谈心谈话 for the group's advisors, its liaison and the branch (the function decides which talks each reads). */
function TalksCard({ groupId }: { groupId: string }) {
  if (!recordsTalks(useMe(), groupId)) return null
  return (
    <View className='card group-detail__talks' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.talks, { groupId }) })}>
      <Text className='card__title'>谈心谈话 ›</Text>
      <Text className='card__subtitle'>记录与同学的谈心谈话和跟进事项，查看本学期谈心覆盖率</Text>
    </View>
  )
}

/** 小组管理 (roles, advisors, moves, circles) for the branch. */
function ManageCard({ groupId }: { groupId: string }) {
  if (!hasRole(useMe(), 'admin')) return null
  return (
    <View className='card group-detail__manage' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.groupManage, { groupId }) })}>
      <Text className='card__title'>小组管理 ›</Text>
      <Text className='card__subtitle'>联络员和骨干、指导教师、实习单位联系人、党旗、成员调动、“1+10”</Text>
    </View>
  )
}

/** 活动打卡 for those who read the group's check-ins, and 工作台账 for those the ledger is for. */
function ActivityCards({ groupId }: { groupId: string }) {
  const me = useMe()
  return (
    <>
      {readsCheckins(me, groupId) ? (
        <View className='card group-detail__activity' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.activity, { groupId }) })}>
          <Text className='card__title'>活动打卡 ›</Text>
          <Text className='card__subtitle'>党小组会、主题党日、理论学习、志愿服务，列入名单的同学确认参加</Text>
        </View>
      ) : null}
      {readsLedger(me, groupId) ? (
        <View className='card group-detail__ledger' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.ledger, { groupId }) })}>
          <Text className='card__title'>工作台账 ›</Text>
          <Text className='card__subtitle'>按月汇总活动、学习、笔记、志愿服务和谈心谈话，可导出全年台账</Text>
        </View>
      ) : null}
    </>
  )
}

/** 小组问答: the answers the group's interns shared with it, for those who read them (members, advisors, the branch). */
function QuestionsCard({ groupId }: { groupId: string }) {
  if (!readsCheckins(useMe(), groupId)) return null
  return (
    <View className='card group-detail__questions' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.questionGroup, { groupId }) })}>
      <Text className='card__title'>小组问答 ›</Text>
      <Text className='card__subtitle'>同学们匿名分享的提问和指导教师的回答</Text>
    </View>
  )
}

/** 提醒 for the group's liaison: what the daily check found in their group (the function chooses what they see). */
function AlertsCard({ groupId }: { groupId: string }) {
  const me = useMe()
  if (!(me?.person?.groupId === groupId && me.person.groupRole === 'liaison')) return null
  return (
    <View className='card group-detail__alerts' onClick={() => void Taro.navigateTo({ url: ROUTES.alerts })}>
      <Text className='card__title'>提醒 ›</Text>
      <Text className='card__subtitle'>本小组未开党小组会、微党课未读等需要处理的事项</Text>
    </View>
  )
}

/** A loaded group. `viewerId`: the caller's person id, to mark them and show their own circle. */
function GroupDetailView({ group, viewerId }: { group: GroupDetail; viewerId?: string | null }) {
  return (
    <View className='group-detail'>
      <GroupSummary group={group} year={yearOf(group)} />
      {group.inviteCode ? <InviteCodeCard code={group.inviteCode} /> : null}
      <LeadersCard group={group} viewerId={viewerId} />
      <CirclesCard members={group.members} viewerId={viewerId} />
      <ActivityCards groupId={group.id} />
      <TalksCard groupId={group.id} />
      <AlertsCard groupId={group.id} />
      <ManageCard groupId={group.id} />
      <View className='card group-detail__journal' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.journal, { tab: 'group', groupId: group.id }) })}>
        <Text className='card__title'>小组笔记 ›</Text>
        <Text className='card__subtitle'>同学们分享给小组的学习笔记</Text>
      </View>
      <QuestionsCard groupId={group.id} />
      <VolunteerPendingCard groupId={group.id} />
      <View className='card'>
        <Text className='card__title'>成员（{group.members.length}）</Text>
        {group.members.length
          ? <MemberList people={group.members} viewerId={viewerId} columns />
          : <Text className='leaders__none'>小组还没有成员</Text>}
      </View>
    </View>
  )
}

/** Loads one group (one `group.detail` call) and draws it in its page states; sets the page title to its name. */
export default function GroupDetailScreen({ groupId }: { groupId: string | undefined }) {
  // One call: the reply names the viewer, so the page needs no session to mark them.
  const page = usePageData(async () => {
    if (!groupId) throw new Error('缺少党小组编号，请从小组列表进入')
    return call('group', 'detail', { groupId })
  }, { deps: [groupId] })
  const name = page.data?.name
  useEffect(() => { if (name) void Taro.setNavigationBarTitle({ title: name }).catch(() => undefined) }, [name])
  return (
    <PageState status={page.status} error={page.error} onRetry={() => void page.reload()} skeletonRows={8}>
      {page.refreshing ? null : <InlineError error={page.error} onRetry={() => void page.reload()} />}
      {page.data ? <GroupDetailView group={page.data} viewerId={page.data.viewerId} /> : null}
    </PageState>
  )
}
