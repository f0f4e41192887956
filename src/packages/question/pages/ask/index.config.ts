export default definePageConfig({ navigationBarTitleText: '向指导教师提问' })
