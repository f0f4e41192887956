export default definePageConfig({ navigationBarTitleText: '工作节奏设置', enablePullDownRefresh: true })
