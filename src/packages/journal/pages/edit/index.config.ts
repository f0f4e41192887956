export default definePageConfig({ navigationBarTitleText: '写学习笔记' })
