/**
 * 首页: the first screen, in one call (`user.home`), by who is calling — binding for a
 * newcomer; my group, my role and my "1+10" pair for a student; the groups I look after
 * for a teacher or unit contact; the year's totals and the groups needing attention for
 * the branch.
 */
import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ActionOutput } from '../../../types/contract'
import DevBanner from '../../components/DevBanner'
import GroupCard from '../../components/GroupCard'
import { CountsGrid, FlagTag, placeOf } from '../../components/GroupSummary'
import PageState, { InlineError } from '../../components/PageState'
import { Button, Tag } from '../../components/ui'
import { usePageData } from '../../hooks/usePageData'
import { ROUTES, withQuery } from '../../routes'
import { call } from '../../services/cloud'
import { formatYear } from '../../services/dates'
import { ROLE_LABELS } from '../../services/labels'
import { applyRoleTabs } from '../../services/navigation'
import { setMe } from '../../services/session'
import './index.css'

type Home = ActionOutput<'user', 'home'>['home']
type InternHome = Extract<Home, { view: 'intern' }>
type StaffHome = Extract<Home, { view: 'staff' }>
type BranchHome = Extract<Home, { view: 'branch' }>

const openGroup = (groupId: string) => Taro.navigateTo({ url: withQuery(ROUTES.groupDetail, { groupId }) })

function UnboundHome() {
  return (
    <View className='card home__welcome'>
      <Text className='home__motto'>争先锋 作表率</Text>
      <Text className='card__title'>欢迎使用实习党小组</Text>
      <Text className='card__subtitle'>实习期间，在这里找到你的党小组、学习和组织生活。第一次使用请先绑定身份。</Text>
      <Button type='primary' block className='home__bind' onClick={() => Taro.navigateTo({ url: ROUTES.bind })}>绑定身份</Button>
    </View>
  )
}

function InternHomeView({ home }: { home: InternHome }) {
  const g = home.group
  return (
    <>
      {g ? (
        <View className='card home__group' onClick={() => void Taro.switchTab({ url: ROUTES.group })}>
          <View className='home__group-head'>
            <Text className='card__title'>{g.name}</Text>
            <FlagTag issued={g.flagIssued} />
          </View>
          <Text className='card__subtitle'>{placeOf(g)} · {formatYear(g.year)}</Text>
          {g.myRole ? <Tag type='primary' className='home__role'>我是{ROLE_LABELS[g.myRole]}</Tag> : null}
          <CountsGrid counts={g.counts} />
          <View className='home__people'>
            <Text className='home__people-row'>联络员：{g.liaison?.name ?? '待确定'}</Text>
            <Text className='home__people-row'>指导教师：{g.advisors.length ? g.advisors.map((a) => a.name).join('、') : '待指定'}</Text>
            {g.unitContacts.length ? <Text className='home__people-row'>单位联系人：{g.unitContacts.map((c) => c.name).join('、')}</Text> : null}
          </View>
        </View>
      ) : (
        <View className='card'>
          <Text className='card__title'>还没有编入党小组</Text>
          <Text className='card__subtitle'>党总支按实习地区组建党小组后，这里会显示你的小组。普通同学也可以凭联络员给的邀请码加入。</Text>
          <Button className='home__action' onClick={() => void Taro.switchTab({ url: ROUTES.group })}>输入小组邀请码</Button>
        </View>
      )}
      {home.mentor || home.mentees.length ? (
        <View className='card'>
          <Text className='section-title home__pair-title'>“1+10”联系</Text>
          {home.mentor ? <Text className='home__pair'>我的联系党员：{home.mentor.name}</Text> : null}
          {home.mentees.length ? <Text className='home__pair'>我联系的同学（{home.mentees.length}）：{home.mentees.map((m) => m.name).join('、')}</Text> : null}
        </View>
      ) : null}
      {g ? (
        <View className='card home__activity' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.activity, { groupId: g.id }) })}>
          <Text className='card__title'>活动打卡</Text>
          <Text className='card__subtitle'>{g.myRole ? '记录小组活动，列入名单的同学确认参加' : '查看小组活动，确认参加或申请补登'}</Text>
        </View>
      ) : null}
      {g?.myRole === 'liaison' ? (
        <View className='card home__alerts' onClick={() => void Taro.navigateTo({ url: ROUTES.alerts })}>
          <Text className='card__title'>提醒 ›</Text>
          <Text className='card__subtitle'>本小组未开党小组会、微党课未读等需要你处理的事项</Text>
        </View>
      ) : null}
      <View className='card home__journal' onClick={() => void Taro.navigateTo({ url: ROUTES.journal })}>
        <Text className='card__title'>学习笔记</Text>
        <Text className='card__subtitle'>记下学习心得，可分享给指导教师或小组；没有网络也能写，联网后自动发送</Text>
      </View>
      <View className='card home__volunteer' onClick={() => void Taro.navigateTo({ url: ROUTES.volunteer })}>
        <Text className='card__title'>志愿服务</Text>
        <Text className='card__subtitle'>登记志愿服务时长，请带教老师扫码核实；没有网络也能登记</Text>
      </View>
      {home.canShowBadge ? (
        <Button type='primary' block className='home__badge' onClick={() => void Taro.switchTab({ url: ROUTES.badge })}>出示我的身份牌</Button>
      ) : null}
    </>
  )
}

/** 谈心谈话 of a group its advisor looks after, inside the group's card (a tap on it opens the talks, not the group). */
function TalksLink({ groupId }: { groupId: string }) {
  const open = (e: { stopPropagation: () => void }) => {
    e.stopPropagation()
    void Taro.navigateTo({ url: withQuery(ROUTES.talks, { groupId }) })
  }
  return <View className='home__talks' onClick={open}><Text>谈心谈话 ›</Text></View>
}

/** 总览 and 提醒: the branch's whole year, or an advisor's own groups (the function decides which). */
function OversightLinks({ dashboard }: { dashboard: string }) {
  return (
    <View className='card home__oversight'>
      <Text className='card__title'>督导</Text>
      <View className='home__oversight-links'>
        <Button type='primary' className='home__oversight-dashboard' onClick={() => Taro.navigateTo({ url: ROUTES.oversight })}>{dashboard}</Button>
        <Button className='home__oversight-alerts' onClick={() => Taro.navigateTo({ url: ROUTES.alerts })}>提醒</Button>
      </View>
    </View>
  )
}

function StaffHomeView({ home, advisorOf }: { home: StaffHome; advisorOf: string[] }) {
  return (
    <>
      {/* Students wait for these answers: first on the screen, not below the groups. */}
      {home.openQuestions !== null ? (
        <Button type={home.openQuestions ? 'primary' : 'default'} block className='home__action home__questions' onClick={() => Taro.navigateTo({ url: ROUTES.questionInbox })}>
          待回答的提问（{home.openQuestions}）
        </Button>
      ) : null}
      {advisorOf.length ? <OversightLinks dashboard='所带小组总览' /> : null}
      <Text className='section-title'>我联系的党小组（{home.total}）</Text>
      {home.groups.length === 0 ? (
        <View className='card'><Text className='card__subtitle'>党总支还没有为你指定联系的小组。</Text></View>
      ) : home.groups.map((g) => <GroupCard key={g.id} group={g} onOpen={(id) => void openGroup(id)} footer={advisorOf.includes(g.id) ? <TalksLink groupId={g.id} /> : null} />)}
      {home.more ? <Button block onClick={() => Taro.navigateTo({ url: ROUTES.groups })}>查看全部 {home.total} 个小组</Button> : null}
      <Button block className='home__action' onClick={() => Taro.navigateTo({ url: ROUTES.notesInbox })}>学生笔记</Button>
      <Button block className='home__action home__cultivation' onClick={() => Taro.navigateTo({ url: ROUTES.cultivation })}>培养考察：积极分子和预备党员</Button>
      <Button block className='home__action' onClick={() => Taro.navigateTo({ url: ROUTES.scan })}>扫码验证身份牌</Button>
    </>
  )
}

/** The branch's pages for setting up a year: the roster (of the year shown, if any), forming groups, invitations. */
function SetupLinks({ unassigned, year }: { unassigned: number; year: string | null }) {
  return (
    <View className='card home__setup'>
      <Text className='card__title'>年度设置</Text>
      <Button block className='home__action' onClick={() => Taro.navigateTo({ url: year ? withQuery(ROUTES.roster, { year }) : ROUTES.roster })}>名单：导入、导出与查询</Button>
      <Button type={unassigned ? 'primary' : 'default'} block className='home__action' onClick={() => Taro.navigateTo({ url: ROUTES.formation })}>组建党小组{unassigned ? `（${unassigned}人待编组）` : ''}</Button>
      <Button block className='home__action' onClick={() => Taro.navigateTo({ url: ROUTES.invites })}>邀请码：邀请教师、带教老师和工作人员</Button>
    </View>
  )
}

function BranchHomeView({ home, onYear }: { home: BranchHome; onYear: (year: string) => void }) {
  if (!home.year) {
    return (
      <>
        <View className='card'>
          <Text className='card__title'>还没有组建党小组</Text>
          <Text className='card__subtitle'>导入本年度实习名单并预览分组后，在这里查看全系概况。待编组学生：{home.unassigned} 人。</Text>
        </View>
        <SetupLinks unassigned={home.unassigned} year={home.year} />
      </>
    )
  }
  const n = home.interns
  return (
    <>
      <View className='card'>
        <View className='home__group-head'>
          <Text className='card__title'>{formatYear(home.year)}概况</Text>
          {home.years.length > 1 ? (
            <View className='home__years'>
              {home.years.map((y) => (
                <Tag key={y.year} type={y.year === home.year ? 'primary' : 'default'} plain={y.year !== home.year} onClick={() => onYear(y.year)}>{y.year}</Tag>
              ))}
            </View>
          ) : null}
        </View>
        <View className='totals'>
          <View className='totals__item'><Text className='totals__n'>{home.groups}</Text><Text className='totals__label'>党小组</Text></View>
          <View className='totals__item'><Text className='totals__n'>{n.total}</Text><Text className='totals__label'>实习生</Text></View>
          <View className='totals__item'><Text className='totals__n'>{home.provinces.length}</Text><Text className='totals__label'>省份</Text></View>
          <View className='totals__item'><Text className='totals__n'>{home.units ?? '—'}</Text><Text className='totals__label'>实习单位</Text></View>
        </View>
        <CountsGrid counts={n} />
        {home.unassigned ? <Text className='home__unassigned'>另有 {home.unassigned} 名学生尚未编组</Text> : null}
      </View>
      <OversightLinks dashboard='总览' />
      <Text className='section-title'>需要关注的小组（{home.attention.total}）</Text>
      {home.attention.total ? (
        <View className='card home__attention-summary'>
          <Text>未确定联络员 {home.attention.byReason.noLiaison} · 未指定指导教师 {home.attention.byReason.noAdvisor} · 没有学生党员 {home.attention.byReason.noPartyMember} · 党旗未发放 {home.attention.byReason.flagNotIssued}</Text>
        </View>
      ) : <View className='card'><Text className='card__subtitle'>各小组都已配齐联络员、指导教师和党员。</Text></View>}
      {home.attention.groups.map((g) => (
        <View key={g.id} className='card home__attention' onClick={() => void openGroup(g.id)}>
          <Text className='home__attention-name'>{g.name}</Text>
          <View className='home__reasons'>
            {g.reasons.map((r) => <Tag key={r.code} type='warning' plain>{r.label}</Tag>)}
          </View>
          <Text className='home__manage' onClick={(e) => { e.stopPropagation(); void Taro.navigateTo({ url: withQuery(ROUTES.groupManage, { groupId: g.id }) }) }}>小组管理 ›</Text>
        </View>
      ))}
      <Button block onClick={() => Taro.navigateTo({ url: ROUTES.groups })}>浏览全部党小组</Button>
      <Button block className='home__action home__cultivation' onClick={() => Taro.navigateTo({ url: ROUTES.cultivation })}>培养考察：联系人、考察时间与结果</Button>
      <SetupLinks unassigned={home.unassigned} year={home.year} />
    </>
  )
}

export default function HomePage() {
  const [year, setYear] = useState<string | undefined>(undefined)
  const page = usePageData(async () => {
    const r = await call('user', 'home', year ? { year } : {})
    setMe(r.me)
    applyRoleTabs(r.me)
    return r
  }, { deps: [year] })
  // Back from binding or switching identity (the session was cleared): load again.
  useDidShow(() => { if (page.status === 'ready' && page.data && !page.data.me.bound) void page.reload() })
  const home = page.data?.home

  return (
    <View className='page home'>
      <DevBanner />
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()} skeletonRows={6}>
        <InlineError error={page.data ? page.error : null} onRetry={() => void page.reload()} />
        {home?.view === 'unbound' ? <UnboundHome /> : null}
        {home?.view === 'intern' ? <InternHomeView home={home} /> : null}
        {home?.view === 'staff' ? <StaffHomeView home={home} advisorOf={page.data?.me.advisorOf ?? []} /> : null}
        {home?.view === 'branch' ? <BranchHomeView home={home} onYear={setYear} /> : null}
      </PageState>
    </View>
  )
}
