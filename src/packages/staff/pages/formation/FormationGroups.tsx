/**
 * A formation preview drawn for reading: provinces as sections, regions within them, and
 * each group as a card with its members as a stacked bar (正式党员, 预备党员, 积极分子,
 * 其他) on one scale for the whole preview, its suggested liaisons and its place.
 */
import { Text, View } from '@tarojs/components'
import { placeOf } from '../../../../components/GroupSummary'
import { Tag } from '../../../../components/ui'
import { barScale, barSegments, Preview, PreviewGroup, RegionSection, SEGMENTS, sectionsOf } from './formation'

/** The colours' key, shown once above the groups. */
export function BarLegend() {
  return (
    <View className='fbar-legend'>
      {SEGMENTS.map((s) => (
        <View key={s.key} className='fbar-legend__item'>
          <View className={`fbar-legend__swatch fbar__seg--${s.key}`} />
          <Text>{s.label}</Text>
        </View>
      ))}
    </View>
  )
}

/** A group's members as one horizontal bar; `scale` people fill it. */
export function CountsBar({ group, scale }: { group: PreviewGroup; scale: number }) {
  const segments = barSegments(group.counts, scale)
  const label = segments.map((s) => `${s.label}${s.count}`).join('，')
  return (
    <View className='fbar' aria-label={label}>
      {segments.map((s) => s.count ? (
        <View key={s.key} className={`fbar__seg fbar__seg--${s.key}`} data-segment={s.key} data-count={s.count} style={{ width: `${s.percent}%` }} />
      ) : null)}
    </View>
  )
}

function GroupCard({ group: g, scale }: { group: PreviewGroup; scale: number }) {
  const c = g.counts
  return (
    <View className='card fgroup' data-key={g.key}>
      <View className='fgroup__head'>
        <Text className='fgroup__name'>{g.name}</Text>
        {g.existing ? <Tag type='default' plain>已有 · 编入{g.joining}人</Tag> : <Tag type='primary' plain>新建</Tag>}
      </View>
      <Text className='fgroup__place'>{placeOf(g)}</Text>
      <View className='fgroup__bar-row'>
        <CountsBar group={g} scale={scale} />
        <Text className='fgroup__total'>{c.total}人</Text>
      </View>
      <Text className='fgroup__counts'>
        党员{c.partyMembers}{c.probationary ? `（预备${c.probationary}）` : ''} · 积极分子{c.activists} · 其他{c.others}
      </Text>
      {g.existing ? null : (
        <Text className='fgroup__liaisons'>
          {g.suggestedLiaisons.length ? `建议联络员：${g.suggestedLiaisons.map((p) => p.name).join('、')}` : '没有学生党员可推荐为联络员'}
        </Text>
      )}
    </View>
  )
}

function RegionBlock({ section, scale }: { section: RegionSection; scale: number }) {
  const r = section.region
  return (
    <View className={`fregion ${section.groups.length > 1 ? 'fregion--wide' : ''}`}>
      <View className='fregion__head'>
        <Text className='fregion__name'>{section.name}</Text>
        {r ? <Text className='fregion__figures'>{r.interns}人 · 党员{r.partyMembers} · 积极分子{r.activists} · {r.groups}个小组</Text> : null}
      </View>
      {r && r.cities.length > 1 ? <Text className='fregion__cities'>含{r.cities.join('、')}</Text> : null}
      <View className='fregion__grid'>
        {section.groups.map((g) => <GroupCard key={g.key} group={g} scale={scale} />)}
      </View>
    </View>
  )
}

/** Every group of the preview, by province and region. */
export default function FormationGroups({ preview }: { preview: Preview }) {
  const scale = barScale(preview)
  return (
    <View className='fgroups'>
      <BarLegend />
      {sectionsOf(preview).map((p) => (
        <View key={p.province} className='fprovince'>
          <Text className='section-title fprovince__title'>{p.province}<Text className='fprovince__figures'>（编入{p.placing}人）</Text></Text>
          <View className='fprovince__regions'>
            {p.regions.map((r) => <RegionBlock key={r.key} section={r} scale={scale} />)}
          </View>
        </View>
      ))}
    </View>
  )
}
