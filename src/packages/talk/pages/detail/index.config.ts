export default definePageConfig({ navigationBarTitleText: '谈话记录', enablePullDownRefresh: true })
