export default definePageConfig({ navigationBarTitleText: '活动打卡', enablePullDownRefresh: true })
