/** The privacy statement: what the app keeps, why, who sees it, and how to have it changed. */
import { Text, View } from '@tarojs/components'
import './index.css'

const SECTIONS: { title: string; body: string[] }[] = [
  {
    title: '我们使用哪些信息',
    body: [
      '微信身份标识（OpenID）：用于识别是你本人在使用，不获取你的微信昵称、头像或通讯录。',
      '你填写的学号和姓名，或党总支发给你的邀请码：仅用于把你的微信与名单中的你对应起来。',
      '党总支导入的实习名单：姓名、学号、年级、专业、政治面貌、手机号、实习单位及实习时间。'
    ]
  },
  {
    title: '用来做什么',
    body: [
      '显示你所在的实习党小组、小组成员及“1+10”联系人，生成你的身份牌。',
      '供党总支、指导教师和联络员组织学习、组织生活与志愿服务。'
    ]
  },
  {
    title: '谁能看到',
    body: [
      '政治面貌只向你本人、本组联络员、指导教师和党总支显示；手机号只向党总支显示。',
      '身份牌二维码只含一个十分钟后失效的签名，不含你的个人信息；扫码的人只能看到你的姓名和小组。'
    ]
  },
  {
    title: '保存与更正',
    body: [
      '信息保存在学校的云开发环境中，只通过本小程序的服务读写。',
      '信息有误、需要更换绑定的微信或解除绑定，请联系系党总支。'
    ]
  }
]

export default function PrivacyPage() {
  return (
    <View className='page privacy'>
      <View className='card'>
        <Text className='card__title'>隐私说明</Text>
        <Text className='card__subtitle'>实习党小组小程序如何使用你的个人信息</Text>
      </View>
      {SECTIONS.map((s) => (
        <View className='card' key={s.title}>
          <Text className='privacy__heading'>{s.title}</Text>
          {s.body.map((line) => <Text className='privacy__line' key={line}>{line}</Text>)}
        </View>
      ))}
    </View>
  )
}
