/**
 * The four states every page has, drawn the same way everywhere: loading (a skeleton of
 * the content to come), empty (what is missing and what to do), error (the function's
 * Chinese message, with retry), and the content itself.
 */
import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import type { PageStatus } from '../../hooks/usePageData'
import type { CallError } from '../../services/cloud'
import { Button, Empty, Skeleton } from '../ui'
import './index.css'

export interface PageStateProps {
  status: PageStatus
  error?: CallError | null
  onRetry?: () => void
  /** what to say when there is nothing to show */
  emptyTitle?: string
  emptyHint?: string
  /** an action for the empty state, e.g. a link to bind */
  emptyAction?: ReactNode
  /** the error's heading, when 加载失败 would mislead (a link that can no longer be used) */
  errorTitle?: string
  /** rows of the loading skeleton */
  skeletonRows?: number
  children?: ReactNode
}

/** The message a person can act on for a failed call. */
export function errorMessage(error: CallError | null | undefined): string {
  if (!error) return '出了点问题，请稍后再试'
  if (error.code === 'NETWORK_ERROR') return '网络不可用，请检查网络后重试'
  return error.message || '出了点问题，请稍后再试'
}

export default function PageState(props: PageStateProps) {
  const { status, error, onRetry, errorTitle = '加载失败', emptyTitle = '这里还没有内容', emptyHint, emptyAction, skeletonRows = 4, children } = props
  if (status === 'loading') {
    return (
      <View className='page-state page-state--loading' aria-busy>
        <Skeleton rows={skeletonRows} animated />
      </View>
    )
  }
  if (status === 'error') {
    return (
      <View className='page-state page-state--error' role='alert'>
        <Empty image={<View className='page-state__image page-state__image--error'><Text>!</Text></View>} title={errorTitle} description={errorMessage(error)} />
        {onRetry ? <Button type='primary' className='page-state__retry' onClick={onRetry}>重试</Button> : null}
      </View>
    )
  }
  if (status === 'empty') {
    return (
      <View className='page-state page-state--empty'>
        <Empty image={<View className='page-state__image'><Text>空</Text></View>} title={emptyTitle} description={emptyHint} />
        {emptyAction ? <View className='page-state__action'>{emptyAction}</View> : null}
      </View>
    )
  }
  return <>{children}</>
}

/** A failure that happened while content stays on screen (a refresh, the next page). */
export function InlineError(props: { error: CallError | null; onRetry?: () => void }) {
  if (!props.error) return null
  return (
    <View className='inline-error' role='alert'>
      <Text>{errorMessage(props.error)}</Text>
      {props.onRetry ? <Text className='inline-error__retry' onClick={props.onRetry}>重试</Text> : null}
    </View>
  )
}
