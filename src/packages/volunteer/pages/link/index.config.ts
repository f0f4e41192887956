export default definePageConfig({ navigationBarTitleText: '请带教老师核实', enableShareAppMessage: true })
