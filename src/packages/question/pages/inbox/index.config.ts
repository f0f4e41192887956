export default definePageConfig({ navigationBarTitleText: '学生提问', enablePullDownRefresh: true })
