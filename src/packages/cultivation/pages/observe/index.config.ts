export default definePageConfig({ navigationBarTitleText: '记录考察情况' })
