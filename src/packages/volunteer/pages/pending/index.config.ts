export default definePageConfig({ navigationBarTitleText: '待核实的志愿服务', enablePullDownRefresh: true })
