export default definePageConfig({ navigationBarTitleText: '我的提问', enablePullDownRefresh: true })
