export default definePageConfig({ navigationBarTitleText: '小组问答', enablePullDownRefresh: true })
