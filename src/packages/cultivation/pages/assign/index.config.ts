export default definePageConfig({ navigationBarTitleText: '指定联系人' })
