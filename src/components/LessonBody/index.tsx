/**
 * A lesson's body: the server's sanitised HTML in Taro's RichText, styled for reading
 * (paragraphs, headings, quotes, lists, links, code). On WeChat, where a link inside
 * rich-text cannot be tapped, the links follow the body, each copied with a tap.
 */
import { useMemo } from 'react'
import Taro from '@tarojs/taro'
import { RichText, Text, View } from '@tarojs/components'
import { decorateBody, linksOf } from './html'
import './index.css'

function copyLink(href: string): void {
  Taro.setClipboardData({ data: href })
    .then(() => Taro.showToast({ title: '链接已复制，可在浏览器中打开', icon: 'none' }))
    .catch(() => undefined)
}

export default function LessonBody({ html }: { html: string }) {
  const nodes = useMemo(() => decorateBody(html), [html])
  const links = useMemo(() => (process.env.TARO_ENV === 'weapp' ? linksOf(html) : []), [html])
  if (!html.trim()) return null
  return (
    <View className='lesson-body'>
      <RichText className='lesson-body__text' nodes={nodes} />
      {links.length ? (
        <View className='lesson-body__links'>
          <Text className='lesson-body__links-title'>文中链接（点按复制）</Text>
          {links.map((l) => (
            <View key={l.href} className='lesson-body__link' onClick={() => copyLink(l.href)}>
              <Text className='lesson-body__link-text'>{l.text}</Text>
              <Text className='lesson-body__link-href'>{l.href}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
