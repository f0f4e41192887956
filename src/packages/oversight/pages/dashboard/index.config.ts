export default definePageConfig({ navigationBarTitleText: '总览', enablePullDownRefresh: true })
