/**
 * 工作节奏设置 (the branch): the cadences the alerts follow, with their current values, in
 * one `oversight.settings` call. A save is checked by the contract's schema (the
 * function's own messages, on their fields), confirmed with exactly what it changes
 * (开会周期：1个月 → 2个月), then sent; a refusal of the function shows on its field.
 * 恢复默认 fills in the defaults, saved the same way.
 */
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import FieldError from '../../../../components/FieldError'
import PageState, { errorMessage } from '../../../../components/PageState'
import { Button } from '../../../../components/ui'
import { asCallError, usePageData } from '../../../../hooks/usePageData'
import { call } from '../../../../services/cloud'
import { formatDateTime } from '../../../../services/dates'
import { CADENCE_FIELDS, cadenceChanges, CadenceField, CadenceForm, Cadences, checkForm, FieldErrors, fieldErrorsOf, formOf, SettingsView } from '../../oversight'
import '../../oversight.css'

/** The most silence thresholds the contract takes. */
const MAX_TIERS = 3

type Saved = { changes: string[]; updatedAt: string; updatedBy: string }
type SingleField = Exclude<CadenceField, 'silentAlertMonths'>

function NumberBox({ field, value, unit, onChange }: { field: string; value: string; unit: string; onChange: (v: string) => void }) {
  return (
    <View className='ov-number'>
      <Input className={`ov-number__input ov-input--${field}`} type='digit' value={value} maxlength={5} onInput={(e) => onChange(e.detail.value)} />
      <Text className='ov-number__unit'>{unit}</Text>
    </View>
  )
}

function TiersBox({ tiers, onChange }: { tiers: string[]; onChange: (t: string[]) => void }) {
  return (
    <View className='ov-tiers'>
      {tiers.map((t, i) => (
        <View key={i} className='ov-tiers__tier'>
          <Text className='ov-tiers__label'>第{i + 1}档</Text>
          <NumberBox field={`silentAlertMonths-${i}`} value={t} unit='个月' onChange={(v) => onChange(tiers.map((x, j) => (j === i ? v : x)))} />
          {tiers.length > 1 ? <Text className='ov-tiers__remove' onClick={() => onChange(tiers.filter((_, j) => j !== i))}>删除</Text> : null}
        </View>
      ))}
      {tiers.length < MAX_TIERS ? <Text className='ov-tiers__add' onClick={() => onChange([...tiers, ''])}>+ 增加一档</Text> : null}
    </View>
  )
}

function SettingsForm({ view }: { view: SettingsView }) {
  const [current, setCurrent] = useState<Cadences>(view.cadences)
  const [form, setForm] = useState<CadenceForm>(() => formOf(view.cadences))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [problem, setProblem] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState<Saved | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [last, setLast] = useState<{ at: string; by: string | null } | null>(view.updatedAt ? { at: view.updatedAt, by: view.updatedBy } : null)

  const edit = (patch: Partial<CadenceForm>): void => {
    setForm((f) => ({ ...f, ...patch }))
    setErrors((e) => {
      const next = { ...e }
      for (const k of Object.keys(patch)) delete next[k as CadenceField]
      return next
    })
    setNote(null)
  }

  const restore = (): void => {
    setForm(formOf(view.defaults))
    setErrors({})
    setProblem(null)
    const changes = cadenceChanges(current, view.defaults)
    setNote(changes.length ? '已填入默认值，点“保存”后生效' : '当前已是默认设置')
  }

  const save = async (): Promise<void> => {
    if (saving) return
    setProblem(null)
    setNote(null)
    const checked = checkForm(form)
    if ('errors' in checked) {
      setErrors(checked.errors)
      setProblem('请按提示修改标红的项目')
      return
    }
    const changes = cadenceChanges(current, checked.cadences)
    if (!changes.length) {
      setNote('没有修改')
      return
    }
    const { confirm } = await Taro.showModal({ title: '确认修改工作节奏', content: changes.join('\n'), confirmText: '保存', cancelText: '取消', confirmColor: '#c8161d' })
    if (!confirm) return
    setSaving(true)
    try {
      const out = await call('oversight', 'saveSettings', { cadences: checked.cadences })
      setSaved({ changes: cadenceChanges(current, out.cadences), updatedAt: out.updatedAt, updatedBy: out.updatedBy })
      setLast({ at: out.updatedAt, by: out.updatedBy })
      setCurrent(out.cadences)
      setForm(formOf(out.cadences))
      setErrors({})
    } catch (e) {
      const error = asCallError(e)
      const byField = fieldErrorsOf(error)
      if (byField) setErrors(byField)
      setProblem(byField ? '未保存：请按提示修改标红的项目' : `未保存：${errorMessage(error)}`)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='ov-settings__body'>
      <Text className='ov-head__asof ov-settings__last'>{last ? `上次修改：${formatDateTime(last.at)}${last.by ? ` · ${last.by}` : ''}` : '尚未修改过，正在使用默认设置'}</Text>
      {saved ? (
        <View className='card ov-saved' role='status'>
          <Text className='ov-card__title'>已保存</Text>
          {saved.changes.map((c) => <Text key={c} className='ov-saved__change'>{c}</Text>)}
          <Text className='ov-card__foot'>{formatDateTime(saved.updatedAt)} · {saved.updatedBy}；次日起的提醒按新设置生成</Text>
        </View>
      ) : null}
      <View className='card ov-form'>
        {CADENCE_FIELDS.map((f) => (
          <View key={f.key} className={errors[f.key] ? `ov-field ov-field--${f.key} ov-field--bad` : `ov-field ov-field--${f.key}`}>
            <View className='ov-field__text'>
              <Text className='ov-field__label'>{f.label}</Text>
              <Text className='ov-field__hint'>{f.hint}</Text>
            </View>
            <View className='ov-field__control'>
              {f.key === 'silentAlertMonths'
                ? <TiersBox tiers={form.silentAlertMonths} onChange={(t) => edit({ silentAlertMonths: t })} />
                : <NumberBox field={f.key} value={form[f.key as SingleField]} unit={f.unit} onChange={(v) => edit({ [f.key]: v } as Partial<CadenceForm>)} />}
              <FieldError message={errors[f.key]} />
            </View>
          </View>
        ))}
      </View>
      {problem ? <Text className='ov-note ov-note--error ov-settings__problem'>{problem}</Text> : null}
      {note ? <Text className='ov-note ov-settings__note'>{note}</Text> : null}
      <View className='ov-settings__actions'>
        <Button className='ov-settings__restore' onClick={restore}>恢复默认</Button>
        <Button type='primary' className='ov-settings__save' loading={saving} onClick={() => void save()}>保存</Button>
      </View>
    </View>
  )
}

export default function Page() {
  const page = usePageData(() => call('oversight', 'settings'))
  // A reload (pull-down) starts the form again from what is stored.
  const [generation, setGeneration] = useState(0)
  useEffect(() => { if (page.data) setGeneration((g) => g + 1) }, [page.data])
  return (
    <View className='page ov-page ov-settings'>
      <View className='ov-head'>
        <View className='ov-head__titles'>
          <Text className='ov-head__title'>工作节奏设置</Text>
          <Text className='ov-head__asof'>党小组开会、考察和各项提醒的时限；修改后次日起的提醒按新设置生成</Text>
        </View>
      </View>
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()} errorTitle={page.error?.code === 'PERMISSION_DENIED' ? '无法查看工作节奏设置' : undefined} skeletonRows={10}>
        {page.data ? <SettingsForm key={generation} view={page.data} /> : null}
      </PageState>
    </View>
  )
}
