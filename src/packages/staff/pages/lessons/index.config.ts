export default definePageConfig({ navigationBarTitleText: '我的微党课', enablePullDownRefresh: true })
