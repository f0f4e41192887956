/**
 * Word lists for the seed data generator: surnames, given-name characters, geography,
 * hospital names and clinic brand words. Pure data, no logic.
 *
 * Weights are relative (not percentages). Geography uses official names: provinces with
 * their 省 / 市 / 自治区 suffix, prefecture-level cities with 市, counties with 县 / 市 / 区.
 */

/** Common surnames with rough relative frequencies (Henan-leaning: 王 李 张 刘 lead). */
export const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 90], ['李', 82], ['张', 80], ['刘', 64], ['陈', 42], ['杨', 30], ['赵', 26], ['黄', 18],
  ['周', 20], ['吴', 16], ['徐', 16], ['孙', 18], ['胡', 13], ['朱', 14], ['高', 15], ['林', 8],
  ['何', 10], ['郭', 17], ['马', 14], ['罗', 8], ['梁', 9], ['宋', 12], ['郑', 10], ['谢', 7],
  ['韩', 10], ['唐', 7], ['冯', 9], ['于', 8], ['董', 8], ['肖', 6], ['程', 7], ['曹', 8],
  ['袁', 6], ['邓', 6], ['许', 8], ['傅', 3], ['沈', 5], ['曾', 4], ['彭', 5], ['吕', 6],
  ['苏', 5], ['卢', 5], ['蒋', 4], ['蔡', 5], ['贾', 7], ['丁', 5], ['魏', 7], ['薛', 5],
  ['叶', 4], ['闫', 6], ['余', 4], ['潘', 4], ['杜', 6], ['戴', 3], ['夏', 4], ['钟', 3],
  ['汪', 3], ['田', 6], ['任', 6], ['姜', 4], ['范', 5], ['方', 4], ['石', 5], ['姚', 4],
  ['谭', 2], ['廖', 2], ['邹', 2], ['熊', 2], ['金', 3], ['陆', 3], ['郝', 5], ['孔', 3],
  ['白', 4], ['崔', 5], ['康', 3], ['毛', 3], ['邱', 2], ['秦', 4], ['江', 2], ['史', 4],
  ['顾', 2], ['侯', 4], ['邵', 3], ['孟', 5], ['龙', 1], ['万', 2], ['段', 3], ['雷', 3],
  ['钱', 2], ['汤', 2], ['尹', 3], ['常', 4], ['武', 4], ['乔', 3], ['贺', 3], ['赖', 1],
  ['龚', 1], ['文', 2], ['牛', 3], ['申', 2], ['聂', 2], ['翟', 2], ['岳', 2], ['葛', 2], ['欧阳', 0.5]
]

/** Given-name characters for students born around 2003–2008. */
export const FEMALE_FIRST = [
  '欣', '梓', '雨', '思', '佳', '诗', '可', '子', '紫', '一', '语', '若', '晨', '嘉', '婉',
  '静', '雅', '梦', '心', '乐', '艺', '慧', '文', '怡', '悦', '舒', '馨', '月', '安', '依',
  '晓', '雪', '书', '沐', '亚', '春', '梅', '秋', '丽', '玉'
] as const
export const FEMALE_SECOND = [
  '怡', '涵', '琪', '悦', '萱', '彤', '然', '妍', '雯', '瑶', '婷', '琳', '宁', '茜', '颖',
  '欣', '洁', '月', '蕾', '菲', '楠', '璐', '雪', '佳', '晴', '敏', '丹', '静', '芳', '蓉',
  '倩', '娜', '慧', '媛', '莹', '岚', '婕', '瑜', '薇', '冉'
] as const
export const FEMALE_SINGLE = [
  '婷', '静', '敏', '丹', '娜', '悦', '琳', '颖', '璐', '雪', '倩', '洁', '蕾', '晶', '芳',
  '娟', '慧', '露', '莹', '欢', '茹', '萌', '琦', '玥'
] as const
export const MALE_FIRST = [
  '浩', '子', '宇', '俊', '嘉', '博', '梓', '志', '明', '文', '一', '天', '佳', '家', '晨',
  '思', '泽', '昊', '皓', '鑫', '振', '旭', '建', '凯', '鹏', '伟', '逸', '铭', '睿', '永',
  '国', '正', '亚', '少', '世', '耀', '宏', '晓'
] as const
export const MALE_SECOND = [
  '轩', '然', '宇', '杰', '涛', '阳', '豪', '博', '辰', '鹏', '凯', '瑞', '航', '泽', '哲',
  '鑫', '睿', '文', '龙', '飞', '洋', '翔', '强', '磊', '超', '浩', '宁', '晨', '源', '帆',
  '斌', '彬', '康', '林', '远', '坤', '恒', '森'
] as const
export const MALE_SINGLE = [
  '浩', '杰', '磊', '超', '鹏', '凯', '涛', '伟', '强', '洋', '阳', '帅', '鑫', '宇', '博',
  '昊', '瑞', '毅', '航', '帆', '钊', '璞'
] as const

/** Given names for adults born around 1965–1995 (teachers, clinical supervisors). */
export const ADULT_MALE_GIVEN = [
  '建国', '志强', '国庆', '伟', '军', '勇', '涛', '磊', '海涛', '振华', '建伟', '晓东', '宏伟',
  '卫东', '红军', '新华', '建军', '明', '刚', '亮', '永强', '海军', '保国', '书林', '国强',
  '俊杰', '鹏飞', '少华', '文博', '向阳', '立新', '长青', '继红', '庆丰'
] as const
export const ADULT_FEMALE_GIVEN = [
  '丽', '娟', '红梅', '丽娜', '艳', '霞', '晓燕', '静', '慧敏', '海燕', '玉洁', '春艳', '秀丽',
  '雪梅', '丽华', '丽萍', '晓丽', '桂香', '艳红', '亚楠', '晓静', '瑞霞', '素芳', '玉兰', '莉',
  '婷婷', '翠翠', '美玲', '淑珍', '彩霞', '金凤', '巧玲'
] as const

/** A prefecture-level city (or a municipality standing as its own city). */
export interface CityDef {
  city: string
  /** relative share of the province's interns */
  weight: number
  /** county-level divisions whose own hospitals take interns (counties, county-level cities, districts) */
  counties?: readonly string[]
  /** well-known hospitals of the city (teaching hospitals, provincial hospitals) */
  major?: readonly string[]
}

export interface ProvinceDef {
  province: string
  /** relative share of all interns */
  weight: number
  /** a municipality: district hospitals are named city + district */
  municipality?: boolean
  cities: readonly CityDef[]
}

/**
 * Provinces where the college's interns go. Henan (the college is in Luohe) carries
 * well over half; a tail of far provinces gets only a handful of interns each.
 */
export const PROVINCES: readonly ProvinceDef[] = [
  {
    province: '河南省',
    weight: 480,
    cities: [
      {
        city: '郑州市', weight: 24,
        counties: ['新郑市', '新密市', '登封市', '荥阳市', '巩义市', '中牟县', '金水区', '二七区', '中原区', '管城回族区', '惠济区', '上街区'],
        major: ['郑州大学第一附属医院', '郑州大学第二附属医院', '郑州大学第三附属医院', '郑州大学第五附属医院', '河南省人民医院', '河南省肿瘤医院', '河南省儿童医院', '河南省中医院', '河南中医药大学第一附属医院', '河南省胸科医院', '郑州人民医院', '河南省直第三人民医院']
      },
      {
        city: '漯河市', weight: 19,
        counties: ['临颍县', '舞阳县', '郾城区', '源汇区', '召陵区'],
        major: ['漯河医学高等专科学校第一附属医院', '漯河医学高等专科学校第二附属医院', '漯河医学高等专科学校第三附属医院', '漯河市中心医院']
      },
      {
        city: '洛阳市', weight: 6,
        counties: ['偃师区', '孟津区', '新安县', '宜阳县', '洛宁县', '伊川县', '汝阳县', '嵩县', '栾川县'],
        major: ['河南科技大学第一附属医院', '河南科技大学第二附属医院', '洛阳市中心医院', '洛阳东方医院']
      },
      {
        city: '开封市', weight: 4,
        counties: ['兰考县', '杞县', '通许县', '尉氏县', '祥符区'],
        major: ['河南大学淮河医院', '河南大学第一附属医院']
      },
      {
        city: '新乡市', weight: 5,
        counties: ['卫辉市', '辉县市', '长垣市', '获嘉县', '原阳县', '延津县', '封丘县'],
        major: ['新乡医学院第一附属医院', '新乡医学院第三附属医院', '新乡市中心医院']
      },
      {
        city: '南阳市', weight: 7,
        counties: ['邓州市', '南召县', '方城县', '西峡县', '镇平县', '内乡县', '淅川县', '社旗县', '唐河县', '新野县', '桐柏县'],
        major: ['南阳市中心医院', '南阳医学高等专科学校第一附属医院', '南阳市第二人民医院']
      },
      {
        city: '许昌市', weight: 6,
        counties: ['禹州市', '长葛市', '鄢陵县', '襄城县', '建安区'],
        major: ['许昌市中心医院', '许昌市人民医院']
      },
      {
        city: '周口市', weight: 7,
        counties: ['项城市', '扶沟县', '西华县', '商水县', '沈丘县', '郸城县', '太康县', '鹿邑县', '淮阳区'],
        major: ['周口市中心医院', '周口市人民医院']
      },
      {
        city: '驻马店市', weight: 7,
        counties: ['西平县', '上蔡县', '平舆县', '正阳县', '确山县', '泌阳县', '汝南县', '遂平县', '新蔡县'],
        major: ['驻马店市中心医院', '驻马店市第一人民医院']
      },
      {
        city: '信阳市', weight: 5,
        counties: ['息县', '淮滨县', '潢川县', '光山县', '固始县', '商城县', '罗山县', '新县'],
        major: ['信阳市中心医院', '信阳市第一人民医院']
      },
      {
        city: '商丘市', weight: 5,
        counties: ['永城市', '民权县', '睢县', '宁陵县', '柘城县', '虞城县', '夏邑县'],
        major: ['商丘市第一人民医院', '商丘市立医院']
      },
      {
        city: '平顶山市', weight: 5,
        counties: ['舞钢市', '汝州市', '宝丰县', '叶县', '鲁山县', '郏县'],
        major: ['平顶山市第一人民医院', '平煤神马医疗集团总医院']
      },
      {
        city: '安阳市', weight: 3,
        counties: ['林州市', '安阳县', '汤阴县', '滑县', '内黄县'],
        major: ['安阳市人民医院', '安阳地区医院']
      },
      {
        city: '焦作市', weight: 3,
        counties: ['沁阳市', '孟州市', '修武县', '博爱县', '武陟县', '温县'],
        major: ['焦作市人民医院', '河南理工大学第一附属医院']
      },
      { city: '濮阳市', weight: 2, counties: ['清丰县', '南乐县', '范县', '台前县', '濮阳县'], major: ['濮阳市油田总医院'] },
      { city: '鹤壁市', weight: 1, counties: ['浚县', '淇县'] },
      { city: '三门峡市', weight: 1.5, counties: ['灵宝市', '义马市', '渑池县', '卢氏县'] }
    ]
  },
  {
    province: '北京市', weight: 26, municipality: true,
    cities: [{
      city: '北京市', weight: 1,
      counties: ['海淀区', '朝阳区', '丰台区', '昌平区', '顺义区', '大兴区', '通州区', '房山区'],
      major: ['北京大学口腔医院', '首都医科大学附属北京口腔医院', '北京协和医院', '首都医科大学附属北京天坛医院', '北京大学人民医院', '首都医科大学附属北京朝阳医院']
    }]
  },
  {
    province: '上海市', weight: 20, municipality: true,
    cities: [{
      city: '上海市', weight: 1,
      counties: ['浦东新区', '闵行区', '宝山区', '嘉定区', '松江区', '青浦区'],
      major: ['上海交通大学医学院附属第九人民医院', '复旦大学附属中山医院', '上海市第一人民医院', '上海市第六人民医院', '同济大学附属口腔医院']
    }]
  },
  {
    province: '天津市', weight: 9, municipality: true,
    cities: [{
      city: '天津市', weight: 1,
      counties: ['南开区', '河西区', '滨海新区', '武清区'],
      major: ['天津医科大学总医院', '天津市口腔医院', '天津市第一中心医院']
    }]
  },
  {
    province: '重庆市', weight: 6, municipality: true,
    cities: [{
      city: '重庆市', weight: 1,
      counties: ['渝中区', '江北区', '沙坪坝区', '九龙坡区', '万州区'],
      major: ['重庆医科大学附属第一医院', '重庆医科大学附属口腔医院']
    }]
  },
  {
    province: '广东省', weight: 50,
    cities: [
      { city: '广州市', weight: 4, counties: ['天河区', '越秀区', '海珠区', '白云区', '番禺区'], major: ['中山大学附属第一医院', '中山大学附属口腔医院', '广东省人民医院', '南方医科大学南方医院', '广州医科大学附属口腔医院'] },
      { city: '深圳市', weight: 4, counties: ['福田区', '南山区', '罗湖区', '宝安区', '龙岗区', '龙华区'], major: ['北京大学深圳医院', '香港大学深圳医院', '深圳市人民医院'] },
      { city: '东莞市', weight: 2, major: ['东莞市人民医院', '东莞康华医院'] },
      { city: '佛山市', weight: 2, counties: ['南海区', '顺德区', '禅城区'], major: ['佛山市第一人民医院'] },
      { city: '珠海市', weight: 1, major: ['中山大学附属第五医院'] },
      { city: '惠州市', weight: 1 },
      { city: '中山市', weight: 1 }
    ]
  },
  {
    province: '浙江省', weight: 40,
    cities: [
      { city: '杭州市', weight: 4, counties: ['西湖区', '拱墅区', '上城区', '滨江区', '萧山区', '余杭区'], major: ['浙江大学医学院附属第一医院', '浙江大学医学院附属第二医院', '浙江省人民医院', '杭州口腔医院', '浙江大学医学院附属口腔医院'] },
      { city: '宁波市', weight: 2, counties: ['鄞州区', '海曙区', '慈溪市', '余姚市'], major: ['宁波大学附属第一医院', '宁波市第二医院'] },
      { city: '温州市', weight: 2, counties: ['鹿城区', '瑞安市', '乐清市'], major: ['温州医科大学附属第一医院', '温州医科大学附属口腔医院'] },
      { city: '金华市', weight: 1, counties: ['义乌市', '东阳市'] },
      { city: '嘉兴市', weight: 1 },
      { city: '绍兴市', weight: 1 }
    ]
  },
  {
    province: '江苏省', weight: 38,
    cities: [
      { city: '南京市', weight: 3, counties: ['鼓楼区', '玄武区', '江宁区', '浦口区'], major: ['江苏省人民医院', '南京鼓楼医院', '南京市口腔医院', '东部战区总医院'] },
      { city: '苏州市', weight: 3, counties: ['姑苏区', '吴中区', '昆山市', '常熟市', '张家港市'], major: ['苏州大学附属第一医院', '苏州大学附属第二医院'] },
      { city: '无锡市', weight: 2, counties: ['梁溪区', '滨湖区', '江阴市', '宜兴市'], major: ['无锡市人民医院'] },
      { city: '常州市', weight: 1 },
      { city: '徐州市', weight: 1.5, counties: ['邳州市', '新沂市', '沛县', '丰县'], major: ['徐州医科大学附属医院'] },
      { city: '南通市', weight: 1 }
    ]
  },
  {
    province: '山东省', weight: 24,
    cities: [
      { city: '济南市', weight: 3, counties: ['历下区', '槐荫区', '章丘区'], major: ['山东大学齐鲁医院', '山东省立医院', '济南市口腔医院'] },
      { city: '青岛市', weight: 3, counties: ['李沧区', '崂山区', '黄岛区'], major: ['青岛大学附属医院'] },
      { city: '临沂市', weight: 1 },
      { city: '菏泽市', weight: 1.2, counties: ['曹县', '单县', '郓城县'] },
      { city: '聊城市', weight: 1 },
      { city: '烟台市', weight: 1, major: ['烟台毓璜顶医院'] }
    ]
  },
  {
    province: '湖北省', weight: 24,
    cities: [
      { city: '武汉市', weight: 5, counties: ['武昌区', '江汉区', '洪山区', '汉阳区', '江夏区'], major: ['武汉大学人民医院', '武汉大学中南医院', '华中科技大学同济医学院附属协和医院', '华中科技大学同济医学院附属同济医院', '武汉大学口腔医院'] },
      { city: '襄阳市', weight: 1 },
      { city: '宜昌市', weight: 1 },
      { city: '十堰市', weight: 1, major: ['十堰市太和医院'] }
    ]
  },
  {
    province: '湖南省', weight: 14,
    cities: [
      { city: '长沙市', weight: 4, counties: ['岳麓区', '开福区', '雨花区'], major: ['中南大学湘雅医院', '中南大学湘雅二医院', '湖南省人民医院'] },
      { city: '株洲市', weight: 1 },
      { city: '岳阳市', weight: 1 }
    ]
  },
  {
    province: '河北省', weight: 15,
    cities: [
      { city: '石家庄市', weight: 3, counties: ['长安区', '桥西区', '裕华区'], major: ['河北医科大学第二医院', '河北省人民医院', '河北医科大学口腔医院'] },
      { city: '邯郸市', weight: 2, counties: ['武安市', '大名县', '魏县'] },
      { city: '保定市', weight: 1 },
      { city: '邢台市', weight: 1 }
    ]
  },
  {
    province: '安徽省', weight: 15,
    cities: [
      { city: '合肥市', weight: 4, counties: ['蜀山区', '包河区', '庐阳区'], major: ['安徽医科大学第一附属医院', '中国科学技术大学附属第一医院', '安徽医科大学附属口腔医院'] },
      { city: '阜阳市', weight: 2, counties: ['界首市', '太和县', '临泉县'] },
      { city: '亳州市', weight: 1 },
      { city: '芜湖市', weight: 1 }
    ]
  },
  {
    province: '福建省', weight: 12,
    cities: [
      { city: '福州市', weight: 2, major: ['福建医科大学附属协和医院', '福建省立医院'] },
      { city: '厦门市', weight: 3, counties: ['思明区', '湖里区', '集美区'], major: ['厦门大学附属第一医院', '厦门医学院附属口腔医院'] },
      { city: '泉州市', weight: 2, counties: ['晋江市', '石狮市'] }
    ]
  },
  {
    province: '陕西省', weight: 12,
    cities: [
      { city: '西安市', weight: 5, counties: ['雁塔区', '碑林区', '莲湖区', '未央区'], major: ['西安交通大学第一附属医院', '西安交通大学口腔医院', '陕西省人民医院'] },
      { city: '咸阳市', weight: 1 }
    ]
  },
  {
    province: '四川省', weight: 10,
    cities: [
      { city: '成都市', weight: 5, counties: ['武侯区', '锦江区', '青羊区', '成华区'], major: ['四川大学华西医院', '四川大学华西口腔医院', '四川省人民医院'] },
      { city: '绵阳市', weight: 1 }
    ]
  },
  {
    province: '山西省', weight: 8,
    cities: [
      { city: '太原市', weight: 3, major: ['山西医科大学第一医院', '山西省人民医院'] },
      { city: '运城市', weight: 1 },
      { city: '晋城市', weight: 1 }
    ]
  },
  {
    province: '江西省', weight: 6,
    cities: [
      { city: '南昌市', weight: 3, major: ['南昌大学第一附属医院', '江西省人民医院'] },
      { city: '九江市', weight: 1 }
    ]
  },
  {
    province: '辽宁省', weight: 5,
    cities: [
      { city: '沈阳市', weight: 2, major: ['中国医科大学附属第一医院'] },
      { city: '大连市', weight: 2, major: ['大连医科大学附属第一医院'] }
    ]
  },
  { province: '云南省', weight: 4, cities: [{ city: '昆明市', weight: 1, major: ['昆明医科大学第一附属医院'] }] },
  { province: '广西壮族自治区', weight: 4, cities: [{ city: '南宁市', weight: 2, major: ['广西医科大学第一附属医院'] }, { city: '柳州市', weight: 1 }] },
  { province: '贵州省', weight: 3, cities: [{ city: '贵阳市', weight: 1, major: ['贵州医科大学附属医院'] }] },
  { province: '海南省', weight: 3, cities: [{ city: '海口市', weight: 2, major: ['海南省人民医院'] }, { city: '三亚市', weight: 1 }] },
  { province: '黑龙江省', weight: 1, cities: [{ city: '哈尔滨市', weight: 1 }] },
  { province: '吉林省', weight: 1, cities: [{ city: '长春市', weight: 1 }] },
  { province: '内蒙古自治区', weight: 1, cities: [{ city: '呼和浩特市', weight: 1 }] },
  { province: '甘肃省', weight: 1, cities: [{ city: '兰州市', weight: 1 }] }
]

/**
 * Municipal hospitals every city plausibly has, as suffixes of the city name
 * ("漯河市" + "中心医院"). City names already end in 市, so no suffix starts with 市.
 */
export const CITY_HOSPITAL_SUFFIXES: ReadonlyArray<readonly [string, number]> = [
  ['中心医院', 3], ['第一人民医院', 3], ['第二人民医院', 2], ['第三人民医院', 1.5], ['人民医院', 2],
  ['中医院', 2], ['妇幼保健院', 2], ['口腔医院', 2.5], ['第四人民医院', 1], ['第五人民医院', 1],
  ['骨科医院', 1], ['儿童医院', 1], ['中西医结合医院', 1], ['康复医院', 0.8]
]

/** Hospitals of a county-level division ("临颍县" + "人民医院"). */
export const COUNTY_HOSPITAL_SUFFIXES = ['人民医院', '中医院', '妇幼保健院'] as const

/** Brand words of private dental clinics and private hospitals (invented, generic). */
export const CLINIC_BRANDS = [
  '德馨', '博雅', '美齿', '皓齿', '贝佳', '华美', '仁和', '康贝', '致美', '雅齿', '齿康', '德尔',
  '好牙', '贝齿', '洁雅', '同仁', '悦美', '优齿', '亮齿', '至善', '惠民', '民生', '汇美', '臻美',
  '众爱', '爱齿', '瑞齿', '欧雅', '维美', '健齿', '益齿', '恒美', '佳华', '瑞尔美', '金冠',
  '银河', '新世纪', '阳光', '微笑', '白玉', '皓白', '睿齿', '康乐', '和美', '雅美'
] as const

/** Brand words of private general hospitals; none collides with a famous hospital's name. */
export const PRIVATE_HOSPITAL_BRANDS = [
  '仁爱', '博爱', '仁和', '华康', '济民', '安康', '广济', '慈济', '瑞康', '康泰', '民康', '同德'
] as const

/** Street names found in almost every Chinese city; used for community health centres and branches. */
export const ROADS = [
  '人民路', '解放路', '建设路', '中山路', '文化路', '黄河路', '长江路', '和平路', '新华路', '胜利路',
  '五一路', '光明路', '健康路', '学院路', '迎宾路', '滨河路', '东风路', '交通路', '工农路', '朝阳路',
  '花园路', '北京路', '嵩山路', '金山路', '育才路', '太行路'
] as const
