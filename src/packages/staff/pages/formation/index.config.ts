export default definePageConfig({ navigationBarTitleText: '组建党小组', enablePullDownRefresh: true })
