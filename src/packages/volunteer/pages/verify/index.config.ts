export default definePageConfig({ navigationBarTitleText: '核实志愿服务' })
