/** The end of a long list: loading the next page, the failure to (with retry), or its end. */
import { View, Text } from '@tarojs/components'
import type { CursorList } from '../../hooks/useCursorList'
import { InlineError } from '../PageState'
import { Loading } from '../ui'
import './index.css'

export default function ListFooter<T>({ list }: { list: CursorList<T> }) {
  if (list.error) return <InlineError error={list.error} onRetry={() => void list.retry()} />
  if (list.loadingMore) {
    return <View className='list-footer'><Loading>加载中…</Loading></View>
  }
  if (list.done) return <View className='list-footer'><Text>{list.total !== null ? `共 ${list.total} 条，已全部显示` : '已全部显示'}</Text></View>
  // On H5 a short page may not scroll, so the reader can ask for more by hand.
  return <View className='list-footer list-footer--more' onClick={() => void list.loadMore()}><Text>加载更多</Text></View>
}
