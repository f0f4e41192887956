export default definePageConfig({ navigationBarTitleText: '党小组列表', enablePullDownRefresh: true })
