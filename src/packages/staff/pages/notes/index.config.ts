export default definePageConfig({ navigationBarTitleText: '学生笔记', enablePullDownRefresh: true })
