export default definePageConfig({ navigationBarTitleText: '编辑微党课' })
