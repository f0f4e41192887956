export default definePageConfig({ navigationBarTitleText: '提问与回答', enablePullDownRefresh: true })
