/**
 * 我的: who I am to the app — my own profile (my phone and political status are shown to
 * me), my roles and groups, the privacy statement, and on H5 the development identity.
 */
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import PageState from '../../components/PageState'
import { Cell, CellGroup, Tag } from '../../components/ui'
import { usePageData } from '../../hooks/usePageData'
import { ROUTES } from '../../routes'
import { call, devOpenId } from '../../services/cloud'
import { KIND_LABELS, ROLE_LABELS, statusLabel } from '../../services/labels'
import { hasRole, isStaff, setMe } from '../../services/session'
import './index.css'

const isH5 = process.env.TARO_ENV === 'h5'

export default function MePage() {
  const page = usePageData(async () => {
    const me = await call('user', 'me')
    setMe(me)
    return me
  })
  // Back from binding or switching identity: show who I am now.
  useDidShow(() => { if (page.status !== 'loading') void page.reload() })
  const me = page.data
  const person = me?.person ?? null

  return (
    <View className='page me'>
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()}>
        {me && person ? (
          <View className='card me__profile'>
            <Text className='me__name'>{person.name}</Text>
            <Text className='card__subtitle'>{KIND_LABELS[person.kind]} · {person.no}</Text>
            <View className='me__roles'>
              {me.roles.map((r) => <Tag key={r} type='primary' className='me__role'>{ROLE_LABELS[r]}</Tag>)}
            </View>
          </View>
        ) : null}
        {me && !person ? (
          <View className='card me__profile'>
            <Text className='me__name'>尚未绑定身份</Text>
            <Text className='card__subtitle'>绑定后可查看所在党小组和身份牌</Text>
            <Text className='me__link' onClick={() => Taro.navigateTo({ url: ROUTES.bind })}>去绑定 ›</Text>
          </View>
        ) : null}
        {person ? (
          <CellGroup title='我的信息'>
            {person.kind === 'student' ? <Cell title='政治面貌' extra={statusLabel(person.politicalStatus)} /> : null}
            <Cell title='手机号' extra={('phone' in person && person.phone) ? String(person.phone) : '未登记'} />
            {person.unitName ? <Cell title='实习单位' extra={person.unitName} /> : null}
            {person.province ? <Cell title='实习地' extra={person.city && person.city !== person.province ? `${person.province} ${person.city}` : person.province} /> : null}
          </CellGroup>
        ) : null}
        {me && person ? (
          <CellGroup title='我的党小组'>
            {person.groupId
              ? <Cell title='我所在的小组' extra='查看' clickable onClick={() => Taro.switchTab({ url: ROUTES.group })} />
              : person.kind === 'student' ? <Cell title='我所在的小组' extra='尚未编入' /> : null}
            {isStaff(me) ? <Cell title='我联系的小组' extra={me.roles.includes('admin') ? '全部' : `${new Set([...me.advisorOf, ...me.contactOf]).size} 个`} clickable onClick={() => Taro.navigateTo({ url: ROUTES.groups })} /> : null}
          </CellGroup>
        ) : null}
        {me && person && person.kind === 'student' ? (
          <CellGroup title='学习'>
            <Cell title='我的学习笔记' clickable onClick={() => Taro.navigateTo({ url: ROUTES.journal })} />
            <Cell title='我的志愿服务' clickable onClick={() => Taro.navigateTo({ url: ROUTES.volunteer })} />
            <Cell title='我的活动' clickable onClick={() => Taro.navigateTo({ url: ROUTES.activityMine })} />
            {person.politicalStatus === 'activist' || person.politicalStatus === 'probationary'
              ? <Cell title='我的培养考察' className='me__cultivation' clickable onClick={() => Taro.navigateTo({ url: ROUTES.cultivationMine })} />
              : null}
          </CellGroup>
        ) : null}
        {me && person && person.kind === 'student' ? (
          <CellGroup title='指导教师答疑'>
            <Cell title='向指导教师提问' clickable onClick={() => Taro.navigateTo({ url: ROUTES.questionAsk })} />
            <Cell title='我的提问' clickable onClick={() => Taro.navigateTo({ url: ROUTES.questionMine })} />
          </CellGroup>
        ) : null}
        {me && isStaff(me) ? (
          <CellGroup title='学习'>
            <Cell title='学生笔记' clickable onClick={() => Taro.navigateTo({ url: ROUTES.notesInbox })} />
            {hasRole(me, 'advisor') ? <Cell title='学生提问' clickable onClick={() => Taro.navigateTo({ url: ROUTES.questionInbox })} /> : null}
            <Cell title='培养考察' clickable onClick={() => Taro.navigateTo({ url: ROUTES.cultivation })} />
          </CellGroup>
        ) : null}
        <CellGroup title='其他'>
          <Cell title='隐私说明' clickable onClick={() => Taro.navigateTo({ url: ROUTES.privacy })} />
          {isH5 ? <Cell title='切换演示身份（本地）' extra={devOpenId()} clickable onClick={() => Taro.navigateTo({ url: ROUTES.signIn })} /> : null}
        </CellGroup>
        <Text className='me__footnote'>信息有误或需要更换绑定的微信，请联系系党总支。</Text>
      </PageState>
    </View>
  )
}
