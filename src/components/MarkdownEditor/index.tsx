/**
 * The lesson body's editor: Markdown source in a textarea, a small toolbar (heading, bold,
 * lists, quote, link) that writes the markup at the selection, a character count against
 * the limit, and a live local preview (a drafting aid; the page offers the server's).
 */
import { useEffect, useRef, useState } from 'react'
import { View, Text, Textarea, RichText } from '@tarojs/components'
import { applyMarkdownTool, MARKDOWN_TOOLS, type MarkdownTool, type TextSelection } from './tools'
import { markdownPreview } from './preview'
import FieldError from '../FieldError'
import './index.css'

export interface MarkdownEditorProps {
  value: string
  onChange: (value: string) => void
  maxLength: number
  /** a problem to show under the field */
  error?: string | null
  placeholder?: string
}

const TEXTAREA_ID = 'lesson-body-editor'

/** The browser's textarea inside Taro's element (H5 only). */
const nativeTextarea = (): HTMLTextAreaElement | null =>
  process.env.TARO_ENV === 'h5' ? document.querySelector<HTMLTextAreaElement>(`#${TEXTAREA_ID} textarea`) : null

export default function MarkdownEditor({ value, onChange, maxLength, error, placeholder }: MarkdownEditorProps) {
  const [mode, setMode] = useState<'edit' | 'preview'>('edit')
  // WeChat reports the caret on input and blur only; the browser's textarea knows the selection.
  const selection = useRef<TextSelection>({ start: value.length, end: value.length })
  const [select, setSelect] = useState<(TextSelection & { n: number }) | null>(null)

  const currentSelection = (): TextSelection => {
    const el = nativeTextarea()
    return el ? { start: el.selectionStart, end: el.selectionEnd } : selection.current
  }

  const apply = (tool: MarkdownTool) => {
    const edit = applyMarkdownTool(value, currentSelection(), tool)
    if (edit.text.length > maxLength) return
    selection.current = edit.selection
    onChange(edit.text)
    setMode('edit')
    setSelect({ ...edit.selection, n: (select?.n ?? 0) + 1 })
  }

  // On H5, select what the tool inserted once the new text is in the textarea.
  useEffect(() => {
    if (!select) return
    const el = nativeTextarea()
    if (!el) return
    const t = setTimeout(() => {
      el.focus()
      el.setSelectionRange(select.start, select.end)
    }, 0)
    return () => clearTimeout(t)
  }, [select])

  const over = value.length > maxLength
  return (
    <View className={`md-editor ${error ? 'md-editor--error' : ''}`}>
      <View className='md-editor__bar'>
        {MARKDOWN_TOOLS.map(({ tool, label }) => (
          <Text key={tool} className='md-editor__tool' onClick={() => apply(tool)}>{label}</Text>
        ))}
        <View className='md-editor__modes'>
          <Text className={mode === 'edit' ? 'md-editor__mode md-editor__mode--on' : 'md-editor__mode'} onClick={() => setMode('edit')}>编辑</Text>
          <Text className={mode === 'preview' ? 'md-editor__mode md-editor__mode--on' : 'md-editor__mode'} onClick={() => setMode('preview')}>预览</Text>
        </View>
      </View>
      <View className={`md-editor__panes md-editor__panes--${mode}`}>
        <View className='md-editor__pane md-editor__pane--edit'>
          <Textarea
            id={TEXTAREA_ID}
            className='md-editor__input textarea-fill'
            value={value}
            maxlength={-1}
            placeholder={placeholder}
            // weapp: select what a tool inserted
            {...(process.env.TARO_ENV === 'weapp' && select ? { focus: true, selectionStart: select.start, selectionEnd: select.end } : {})}
            onInput={(e) => {
              selection.current = { start: e.detail.cursor, end: e.detail.cursor }
              onChange(e.detail.value)
            }}
            onBlur={(e) => {
              const cursor = (e.detail as { cursor?: number }).cursor
              if (typeof cursor === 'number') selection.current = { start: cursor, end: cursor }
            }}
          />
        </View>
        <View className='md-editor__pane md-editor__pane--preview'>
          <Text className='md-editor__note'>本地预览，供写作时参考；读者看到的排版以“按读者所见预览”为准</Text>
          {value.trim() ? <RichText className='md-editor__preview' nodes={markdownPreview(value) as never} /> : <Text className='md-editor__empty'>正文还是空的</Text>}
        </View>
      </View>
      <View className='md-editor__foot'>
        {error ? <FieldError message={error} /> : <Text className='md-editor__hint'>支持 Markdown：## 小标题、**加粗**、- 列表、&gt; 引用、[文字](链接)</Text>}
        <Text className={over ? 'md-editor__count md-editor__count--over' : 'md-editor__count'}>{value.length}/{maxLength}</Text>
      </View>
    </View>
  )
}
