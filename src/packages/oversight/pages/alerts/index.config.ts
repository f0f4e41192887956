export default definePageConfig({ navigationBarTitleText: '提醒', enablePullDownRefresh: true })
