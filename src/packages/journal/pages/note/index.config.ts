export default definePageConfig({ navigationBarTitleText: '学习笔记', enablePullDownRefresh: true })
