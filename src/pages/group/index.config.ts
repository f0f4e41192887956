export default definePageConfig({ navigationBarTitleText: '实习党小组', enablePullDownRefresh: true })
