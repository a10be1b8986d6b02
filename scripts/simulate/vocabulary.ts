/**
 * What reports say (Chinese, as field phones and the 12345 hotline send them), how often each
 * category and grade comes up, which departments answer a "whistle", and the notes operators and
 * grid workers write at each step of the closed loop (see shared/docs/DOMAIN.md).
 */
import type { Grade, IncidentCategory } from '../../server/src/domain/incidents.ts';
import type { Rng } from './random.ts';

export type Source = 'grid_worker' | 'hotline' | 'camera' | 'patrol' | 'public';
export type PlaceKind = 'school' | 'hospital' | 'market' | 'station' | 'government' | 'enterprise' | 'square';
export type Setting = 'urban' | 'rural';

/** City-wide mix of categories (environment and facilities lead, lost & found is rare). */
export const CATEGORY_WEIGHTS: Record<IncidentCategory, number> = {
  dispute: 18,
  public_security: 10,
  fire_safety: 8,
  environment: 22,
  facilities: 17,
  civil_affairs: 10,
  elderly_care: 6,
  policy: 6,
  lost_found: 3,
};

/** Places pull their own kinds of trouble: stations theft and lost property, markets disputes and litter. */
export const PLACE_CATEGORY_BOOST: Record<PlaceKind, Partial<Record<IncidentCategory, number>>> = {
  market: { dispute: 2.5, environment: 2, fire_safety: 1.5, lost_found: 2 },
  station: { public_security: 3, lost_found: 5, environment: 1.5, dispute: 1.3 },
  school: { public_security: 2, facilities: 1.5, fire_safety: 1.3 },
  hospital: { dispute: 2, lost_found: 2, public_security: 1.5, elderly_care: 1.5 },
  government: { policy: 4, civil_affairs: 3 },
  enterprise: { fire_safety: 2.5, dispute: 1.5, environment: 1.5 },
  square: { environment: 2, lost_found: 2, public_security: 1.5, dispute: 1.3 },
};

export const RURAL_CATEGORY_BOOST: Partial<Record<IncidentCategory, number>> = {
  civil_affairs: 2,
  elderly_care: 2.5,
  environment: 1.2,
  fire_safety: 1.2,
  public_security: 0.6,
  lost_found: 0.4,
};

/**
 * Grade by category: [routine, key, difficult]. Weighted by CATEGORY_WEIGHTS this comes to
 * about 80 % routine, 15 % key and 5 % difficult (Zhanjiang's three "whistles").
 */
export const GRADE_BY_CATEGORY: Record<IncidentCategory, [number, number, number]> = {
  dispute: [0.72, 0.18, 0.1],
  public_security: [0.66, 0.26, 0.08],
  fire_safety: [0.64, 0.28, 0.08],
  environment: [0.9, 0.08, 0.02],
  facilities: [0.81, 0.15, 0.04],
  civil_affairs: [0.83, 0.12, 0.05],
  elderly_care: [0.72, 0.22, 0.06],
  policy: [0.93, 0.06, 0.01],
  lost_found: [0.88, 0.11, 0.01],
};

export function pickGrade(rng: Rng, category: IncidentCategory): Grade {
  const [r, k] = GRADE_BY_CATEGORY[category];
  const x = rng.next();
  return x < r ? 'routine' : x < r + k ? 'key' : 'difficult';
}

export const SOURCE_WEIGHTS: Record<Source, number> = {
  grid_worker: 55,
  hotline: 18,
  public: 11,
  patrol: 9,
  camera: 7,
};

/** Camera analytics only see some kinds of trouble. */
const CAMERA_CATEGORIES: readonly IncidentCategory[] = ['environment', 'public_security', 'fire_safety', 'facilities'];

export function pickSource(rng: Rng, category: IncidentCategory): Source {
  const s = rng.table(SOURCE_WEIGHTS);
  if (s === 'camera' && !CAMERA_CATEGORIES.includes(category)) return 'grid_worker';
  return s;
}

const CORE: Record<IncidentCategory, Record<Setting, string[]>> = {
  dispute: {
    urban: [
      '楼上漏水引发邻里纠纷',
      '装修噪音扰民引发矛盾',
      '小区停车位纠纷',
      '物业费收缴纠纷',
      '商户与顾客发生口角',
      '房屋租赁押金纠纷',
      '家庭矛盾需调解',
      '宠物扰民引发邻里矛盾',
      '摊位占道引发商户争执',
      '拖欠工资引发劳资纠纷',
    ],
    rural: ['宅基地边界纠纷', '山林权属纠纷', '灌溉用水纠纷', '土地流转租金纠纷', '家庭赡养纠纷', '邻里排水沟纠纷'],
  },
  public_security: {
    urban: [
      '电动车被盗',
      '夜间有可疑人员徘徊',
      '酒后滋事',
      '商铺门口发生打架',
      '发现电信诈骗线索',
      '醉酒人员倒地',
      '非法小广告张贴',
      '停放车辆被划',
      '有人兜售假冒商品',
    ],
    rural: ['耕牛被盗', '村道有可疑车辆', '非法捕鱼', '疑似电信诈骗', '酒后打架', '农资被盗'],
  },
  fire_safety: {
    urban: [
      '楼道堆放杂物堵塞消防通道',
      '电动车楼道充电',
      '燃气管道老化漏气',
      '沿街商铺灭火器过期',
      '私拉乱接电线',
      '消防栓损坏',
      '消防通道被车辆占用',
      '群租房存在消防隐患',
    ],
    rural: ['田间焚烧秸秆', '山林防火隐患', '农户私拉电线', '柴草堆放靠近灶台', '违规燃放祭祀用品'],
  },
  environment: {
    urban: [
      '垃圾未及时清运',
      '污水外溢',
      '占道经营',
      '夜间施工噪音扰民',
      '餐馆油烟扰民',
      '建筑垃圾乱倒',
      '共享单车乱停放',
      '绿化带被毁',
      '垃圾桶满溢',
      '路面油污',
    ],
    rural: ['河道漂浮垃圾', '生活垃圾乱堆乱放', '养殖污水直排', '违规焚烧垃圾', '沟渠堵塞'],
  },
  facilities: {
    urban: [
      '路灯不亮',
      '井盖缺失',
      '道路破损',
      '电梯故障困人',
      '供水管爆裂',
      '公交站牌损坏',
      '交通信号灯故障',
      '人行道地砖松动',
      '护栏倒伏',
      '窨井盖松动异响',
    ],
    rural: ['村道塌方', '路灯损坏', '水渠破损', '桥梁护栏损坏', '饮水工程停水', '电线杆倾斜'],
  },
  civil_affairs: {
    urban: ['低保申请咨询', '困难家庭临时救助', '残疾人补贴申请', '退役军人优待咨询', '流浪人员救助', '失业登记咨询'],
    rural: ['低保户信息核实', '五保户生活困难', '危房改造申请', '临时救助申请', '残疾人两项补贴申请'],
  },
  elderly_care: {
    urban: [
      '独居老人多日未出门',
      '空巢老人需送餐',
      '高龄老人就医需帮助',
      '走失老人寻回需照护',
      '居家养老服务申请',
      '独居老人家中燃气未关',
    ],
    rural: ['留守老人生病无人照顾', '独居老人房屋漏雨', '高龄补贴申领', '老人需上门体检'],
  },
  policy: {
    urban: [
      '医保缴费政策咨询',
      '养老保险认证咨询',
      '户籍迁移政策咨询',
      '住房公积金提取咨询',
      '入学政策咨询',
      '生育津贴申领咨询',
    ],
    rural: ['惠农补贴政策咨询', '新农合缴费咨询', '土地确权政策咨询', '种粮补贴发放咨询'],
  },
  lost_found: {
    urban: ['捡到钱包一个', '儿童与家人走散', '遗失身份证', '宠物走失', '手机遗失', '捡到电动车钥匙'],
    rural: ['耕牛走失', '捡到农具一批', '老人走失', '遗失存折'],
  },
};

const SPOT: Record<Setting, string[]> = {
  urban: [
    '{b}栋{u}单元',
    '{b}栋楼下',
    '小区东门',
    '小区北门',
    '沿街商铺前',
    '背街小巷内',
    '公交站旁',
    '菜市场入口',
    '地下车库',
    '小区广场',
  ],
  rural: ['村委会旁', '{b}组', '村口', '田埂边', '河堤上', '晒谷坪'],
};

const PLACE_SPOT: Record<PlaceKind, string[]> = {
  market: ['东门', '西侧摊位区', '停车场', '水产区', '门口'],
  station: ['出站口', '候车厅', '公交站台', '广场'],
  school: ['校门口', '东侧围墙外', '接送区'],
  hospital: ['门诊楼前', '急诊入口', '停车场'],
  government: ['办事大厅', '门口'],
  enterprise: ['厂区门口', '仓库旁', '宿舍区'],
  square: ['东侧', '舞台旁', '健身区'],
};

/** Trouble on the street (hazards, litter, broken things) vs. a person's request or quarrel. */
const ON_SITE: readonly IncidentCategory[] = ['public_security', 'fire_safety', 'environment', 'facilities'];
const DETAIL_SITE = [
  '',
  '',
  '',
  '，已拍照留存',
  '，请尽快处理',
  '，居民反映强烈',
  '，现场已设置警示',
  '，已多次反映',
  '，影响群众出行',
  '，请派人到场查看',
];
const DETAIL_PERSON = ['', '', '', '，请尽快答复', '，已电话联系当事人', '，已多次反映', '，请派人上门了解情况'];
const DETAIL_DISPUTE = ['', '', '，当事人情绪激动', '，双方各执一词', '，已多次反映', '，请尽快调解'];
/** Requests come from a household: where they live, not where it happened. */
const HOME: Record<Setting, string[]> = {
  urban: ['{b}栋{u}单元住户', '{b}栋居民', '小区{b}栋住户'],
  rural: ['{b}组村民', '{b}组农户'],
};
const HOME_OF_ELDER: Record<Setting, string[]> = { urban: ['{b}栋{u}单元', '{b}栋'], rural: ['{b}组', '村西头'] };
const HOTLINE_PREFIX = ['市民来电反映：', '12345热线转办：', '群众来电称：'];
const PUBLIC_PREFIX = ['群众随手拍：', '居民反映：'];

export interface Where {
  setting: Setting;
  placeKind?: PlaceKind;
  placeName?: string;
}

export function describe(rng: Rng, category: IncidentCategory, source: Source, where: Where): string {
  // Key places are town places: their reports read urban even in a rural grid.
  const setting: Setting = where.placeKind ? 'urban' : where.setting;
  const core = rng.pick(CORE[category][setting]);
  const fill = (t: string) => t.replace('{b}', String(rng.int(1, 28))).replace('{u}', String(rng.int(1, 4)));
  let spot: string;
  if (category === 'civil_affairs' || category === 'policy') spot = fill(rng.pick(HOME[setting]));
  else if (category === 'elderly_care') spot = fill(rng.pick(HOME_OF_ELDER[setting]));
  else if (where.placeKind && where.placeName) spot = `${where.placeName}${rng.pick(PLACE_SPOT[where.placeKind])}`;
  else spot = fill(rng.pick(SPOT[setting]));
  const body = `${spot}${core}${rng.pick(ON_SITE.includes(category) ? DETAIL_SITE : category === 'dispute' ? DETAIL_DISPUTE : DETAIL_PERSON)}`;
  if (source === 'hotline') return rng.pick(HOTLINE_PREFIX) + body;
  if (source === 'public') return rng.pick(PUBLIC_PREFIX) + body;
  if (source === 'camera') return `视频智能分析告警：${body}`;
  if (source === 'patrol') return `巡防队巡逻发现：${body}`;
  return body;
}

/** A second report of the same trouble by someone else, a few minutes later. */
export function describeAgain(rng: Rng, original: string): string {
  const stripped = original.replace(/^[^：]{2,12}：/, '');
  return rng.pick(['又有居民反映：', '群众再次来电：', '另一位居民反映：', '随手拍：']) + stripped;
}

/** Departments that must "report in" when a township blows the whistle (吹哨报到). */
export const DEPARTMENTS: Record<IncidentCategory, string[]> = {
  dispute: ['司法所', '人民调解委员会', '派出所'],
  public_security: ['派出所', '公安分局治安大队'],
  fire_safety: ['消防救援站', '应急管理局', '燃气公司'],
  environment: ['城管执法局', '生态环境分局', '环卫所'],
  facilities: ['住建局', '市政公司', '供水公司', '供电所'],
  civil_affairs: ['民政局', '人社局', '残联'],
  elderly_care: ['民政局', '社区卫生服务中心', '卫健委'],
  policy: ['医保局', '人社局', '派出所户籍窗口', '教育局'],
  lost_found: ['派出所'],
};

export const NOTES = {
  accept: ['已受理', '已受理，请网格员核实', '已受理，转属地处置', '情况属实，予以受理'],
  reject: ['不属于受理范围', '信息不实，不予受理', '已告知当事人通过司法途径解决', '重复来电，已答复'],
  duplicate: ['与已受理事件重复，合并处理', '同一问题已有事件在办，合并处理'],
  verify: ['现场核查通过', '回访群众满意', '照片核实，处置到位'],
  reopen: ['核查未通过：现场仍有问题，需重新处置', '回访群众不满意，重新派遣', '核查发现问题反弹，退回重办'],
  archive: ['资料齐全，予以归档', '办结归档'],
} as const;

export const HANDLED: Record<IncidentCategory, string[]> = {
  dispute: ['双方已达成调解协议', '已现场调解，矛盾化解', '已引导双方走法律途径'],
  public_security: ['已移交派出所处理', '民警已到场处置', '已加强巡逻'],
  fire_safety: ['杂物已清理，通道已畅通', '已督促整改，隐患已消除', '已更换灭火器'],
  environment: ['垃圾已清运完毕，现场已恢复', '已联系环卫清理', '已劝离占道摊贩'],
  facilities: ['已联系维修单位修复', '已设置围挡并报修', '设施已恢复正常'],
  civil_affairs: ['已协助提交申请材料', '已上门核实并登记', '已发放临时救助金'],
  elderly_care: ['已上门探望，老人身体状况良好', '已联系家属', '已安排志愿者定期看护'],
  policy: ['已电话答复群众', '已上门解读政策', '已告知办理流程和材料'],
  lost_found: ['失物已归还失主', '已交派出所招领', '走失人员已找到并送回'],
};

export const EVALUATIONS: { score: number; weight: number; note: string }[] = [
  { score: 5, weight: 55, note: '群众评价：非常满意' },
  { score: 4, weight: 28, note: '群众评价：满意' },
  { score: 3, weight: 10, note: '群众评价：基本满意' },
  { score: 2, weight: 5, note: '群众评价：不满意，处置时间过长' },
  { score: 1, weight: 2, note: '群众评价：很不满意' },
];

export function photoFor(rng: Rng, at: Date): { name: string; mime: string; bytes: number; taken_at: string } {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
  return {
    name: `IMG_${stamp}_${rng.int(100, 999)}.jpg`,
    mime: 'image/jpeg',
    bytes: rng.int(180_000, 2_400_000),
    taken_at: at.toISOString(),
  };
}
