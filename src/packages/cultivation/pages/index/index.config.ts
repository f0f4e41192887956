export default definePageConfig({ navigationBarTitleText: '培养考察', enablePullDownRefresh: true })
