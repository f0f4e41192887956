export default definePageConfig({ navigationBarTitleText: '我的培养考察', enablePullDownRefresh: true })
