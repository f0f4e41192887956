export default definePageConfig({ navigationBarTitleText: '各小组活动', enablePullDownRefresh: true })
