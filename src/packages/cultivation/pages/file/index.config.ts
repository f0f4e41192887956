export default definePageConfig({ navigationBarTitleText: '培养考察档案', enablePullDownRefresh: true })
