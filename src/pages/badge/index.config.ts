export default definePageConfig({ navigationBarTitleText: '身份牌' })
