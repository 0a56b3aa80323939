/** The 30 expenditure classes (类) of 表一 and 表四, in the template's order, with their 功能分类 codes. */
export const EXPENDITURE_CLASSES: { name: string; code: string }[] = [
  { name: '一般公共服务支出', code: '201' },
  { name: '外交支出', code: '202' },
  { name: '国防支出', code: '203' },
  { name: '公共安全支出', code: '204' },
  { name: '教育支出', code: '205' },
  { name: '科学技术支出', code: '206' },
  { name: '文化旅游体育与传媒支出', code: '207' },
  { name: '社会保障和就业支出', code: '208' },
  { name: '社会保险基金支出', code: '209' },
  { name: '卫生健康支出', code: '210' },
  { name: '节能环保支出', code: '211' },
  { name: '城乡社区支出', code: '212' },
  { name: '农林水支出', code: '213' },
  { name: '交通运输支出', code: '214' },
  { name: '资源勘探工业信息等支出', code: '215' },
  { name: '商业服务业等支出', code: '216' },
  { name: '金融支出', code: '217' },
  { name: '援助其他地区支出', code: '219' },
  { name: '自然资源海洋气象等支出', code: '220' },
  { name: '住房保障支出', code: '221' },
  { name: '粮油物资储备支出', code: '222' },
  { name: '国有资本经营预算支出', code: '223' },
  { name: '灾害防治及应急管理支出', code: '224' },
  { name: '预备费', code: '227' },
  { name: '其他支出', code: '229' },
  { name: '转移性支出', code: '230' },
  { name: '债务还本支出', code: '231' },
  { name: '债务付息支出', code: '232' },
  { name: '债务发行费用支出', code: '233' },
  { name: '抗疫特别国债安排的支出', code: '234' },
];

const BY_NAME = new Map(EXPENDITURE_CLASSES.map((c, i) => [c.name, { ...c, index: i + 1 }]));
const BY_CODE = new Map(EXPENDITURE_CLASSES.map((c, i) => [c.code, { ...c, index: i + 1 }]));

/** A class by its printed name (numbering and spaces already removed). */
export function classByName(name: string): { name: string; code: string; index: number } | undefined {
  return BY_NAME.get(name);
}

export function classByCode(code: string): { name: string; code: string; index: number } | undefined {
  return BY_CODE.get(code);
}
