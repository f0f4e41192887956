/**
 * The dashboard's charts, drawn with Views and CSS (no chart library: the subpackage stays
 * small and every figure stays text a person and a test can read). Each chart prints its
 * numbers beside its shapes; lengths are shares of a whole or of the largest value.
 */
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { barPercent, percentText, Segment } from '../oversight'

/** A headline figure: the number large, what it counts below, an optional note. */
export function Tile({ value, label, note, className = '' }: { value: string | number; label: string; note?: string; className?: string }) {
  return (
    <View className={`ov-tile ${className}`}>
      <Text className='ov-tile__value'>{value}</Text>
      <Text className='ov-tile__label'>{label}</Text>
      {note ? <Text className='ov-tile__note'>{note}</Text> : null}
    </View>
  )
}

/** A whole split into parts: one bar, each part as wide as its share, and a legend with counts and shares. */
export function StackedBar({ segments, total }: { segments: Segment[]; total: number }) {
  return (
    <View className='ov-stack'>
      <View className='ov-stack__bar' aria-label={segments.map((s) => `${s.label}${s.value}人`).join('，')}>
        {segments.filter((s) => s.value > 0).map((s) => (
          <View key={s.key} className={`ov-stack__seg ov-stack__seg--${s.key}`} style={{ width: `${s.percent}%` }} />
        ))}
      </View>
      <View className='ov-legend'>
        {segments.map((s) => (
          <View key={s.key} className={`ov-legend__item ov-legend__item--${s.key}`}>
            <View className={`ov-legend__dot ov-stack__seg--${s.key}`} />
            <Text className='ov-legend__label'>{s.label}</Text>
            <Text className='ov-legend__value'>{s.value}</Text>
            <Text className='ov-legend__share'>{total ? percentText(s.value / total) : '—'}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

/** One horizontal bar: `value` against `max`, the number at its end. */
export function HBar({ value, max, tone, text }: { value: number; max: number; tone: string; text?: string }) {
  return (
    <View className={`ov-hbar ov-hbar--${tone}`}>
      <View className='ov-hbar__track'>
        <View className='ov-hbar__fill' style={{ width: `${barPercent(value, max)}%` }} />
      </View>
      <Text className='ov-hbar__value'>{text ?? value}</Text>
    </View>
  )
}

/** A share as a ring, the percentage inside and the fraction below. */
export function Ring({ ratio, label, fraction, note }: { ratio: number; label: string; fraction: string; note?: string }) {
  const p = Math.round(Math.min(1, Math.max(0, ratio)) * 1000) / 10
  return (
    <View className='ov-ring'>
      <View className='ov-ring__disc' style={{ background: `conic-gradient(#c8161d 0 ${p}%, #ebe6e0 ${p}% 100%)` }}>
        <View className='ov-ring__hole'><Text className='ov-ring__percent'>{p}%</Text></View>
      </View>
      <Text className='ov-ring__label'>{label}</Text>
      <Text className='ov-ring__fraction'>{fraction}</Text>
      {note ? <Text className='ov-ring__note'>{note}</Text> : null}
    </View>
  )
}

/** A chart card: its title, an optional legend or link on the right, the chart. */
export function ChartCard({ title, side, className = '', children }: { title: string; side?: ReactNode; className?: string; children: ReactNode }) {
  return (
    <View className={`card ov-card ${className}`}>
      <View className='ov-card__head'>
        <Text className='ov-card__title'>{title}</Text>
        {side ?? null}
      </View>
      {children}
    </View>
  )
}

/** Coloured keys for a chart with more than one series. */
export function Keys({ keys }: { keys: { tone: string; label: string }[] }) {
  return (
    <View className='ov-keys'>
      {keys.map((k) => (
        <View key={k.tone} className='ov-keys__item'>
          <View className={`ov-keys__dot ov-keys__dot--${k.tone}`} />
          <Text>{k.label}</Text>
        </View>
      ))}
    </View>
  )
}
