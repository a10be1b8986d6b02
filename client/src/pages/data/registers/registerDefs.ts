/**
 * What each register shows and edits: its tab, its columns, and its fields as forms take them
 * (which on create, which on change). The table and forms are generic over these.
 */
import { KEY_PLACE_KINDS, UNIT_STATUSES, type RegisterName } from '../../../../../server/src/contract/registers.ts';
import { ROLES, ROLE_NAMES, UNIT_STATUS_NAMES } from '../../../../../server/src/contract/vocabulary.ts';
import type { RegisterRecord } from '../../../api/registers';

export type FieldKind = 'text' | 'number' | 'select' | 'bool' | 'password' | 'grid';

export interface FieldDef {
  /** The body's key (and the record's, unless `show` says otherwise). */
  key: string;
  label: string;
  kind: FieldKind;
  /** Choices of a select, with their labels. */
  options?: readonly { value: string; label: string }[];
  /** Taken when creating (default true) and when changing (default true). */
  create?: boolean;
  edit?: boolean;
  /** Must be given on create. */
  required?: boolean;
  /** An empty field is sent as null (else left out). */
  nullable?: boolean;
  placeholder?: string;
}

export interface ColumnDef {
  label: string;
  /** The cell's text. */
  show: (r: RegisterRecord) => string;
  mono?: boolean;
}

export interface RegisterDef {
  name: RegisterName;
  label: string;
  /** Admins only. */
  adminOnly?: boolean;
  columns: ColumnDef[];
  fields: FieldDef[];
}

const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const ref = (v: unknown) => {
  const r = v as { code?: string; name?: string } | null | undefined;
  return r ? `${r.code ?? ''}${r.name ? ` ${r.name}` : ''}` : '—';
};

const statusOptions = UNIT_STATUSES.map((v) => ({
  value: v,
  label: `${UNIT_STATUS_NAMES[v].en} ${UNIT_STATUS_NAMES[v].zh}`,
}));
const KIND_ZH: Record<string, string> = {
  school: '学校',
  hospital: '医院',
  market: '市场',
  station: '车站',
  government: '政府机关',
  enterprise: '企业',
  square: '广场',
};
const kindOptions = KEY_PLACE_KINDS.map((v) => ({ value: v, label: `${v} ${KIND_ZH[v] ?? ''}` }));
const roleOptions = ROLES.map((v) => ({ value: v, label: `${ROLE_NAMES[v].en} ${ROLE_NAMES[v].zh}` }));

const code: FieldDef = { key: 'code', label: 'Code 编码', kind: 'text', required: true };
const name: FieldDef = { key: 'name', label: 'Name 名称', kind: 'text', required: true };
const nameZh: FieldDef = { key: 'name_zh', label: 'Chinese name 中文名', kind: 'text', required: true };
const phone: FieldDef = { key: 'phone', label: 'Phone 电话', kind: 'text', nullable: true };
const status: FieldDef = { key: 'status', label: 'Status 状态', kind: 'select', options: statusOptions };
const streetOffice: FieldDef = {
  key: 'street_office_id',
  label: 'Street office id 街道编号',
  kind: 'number',
  nullable: true,
};

const codeCol: ColumnDef = { label: 'Code 编码', show: (r) => s(r.code), mono: true };
const nameCol: ColumnDef = { label: 'Name 名称', show: (r) => s(r.name) };
const nameZhCol: ColumnDef = { label: '中文名', show: (r) => s(r.name_zh) };
const phoneCol: ColumnDef = { label: 'Phone 电话', show: (r) => s(r.phone) };
const statusCol: ColumnDef = {
  label: 'Status 状态',
  show: (r) => statusOptions.find((o) => o.value === r.status)?.label ?? s(r.status),
};
const officeCol: ColumnDef = { label: 'Street office 街道', show: (r) => ref(r.street_office) };

export const REGISTER_DEFS: RegisterDef[] = [
  {
    name: 'workers',
    label: 'Grid workers 网格员',
    columns: [
      codeCol,
      nameCol,
      phoneCol,
      statusCol,
      { label: 'Grid 网格', show: (r) => ref(r.grid), mono: true },
      officeCol,
    ],
    fields: [
      code,
      name,
      phone,
      status,
      { key: 'grid_id', label: 'Grid (code or id) 网格编码或编号', kind: 'grid', nullable: true },
      streetOffice,
    ],
  },
  {
    name: 'units',
    label: 'Patrol teams 巡逻队',
    columns: [codeCol, nameCol, phoneCol, statusCol, officeCol],
    fields: [code, name, phone, status, streetOffice],
  },
  {
    name: 'key-places',
    label: 'Key places 重点场所',
    columns: [
      codeCol,
      { label: 'Kind 类型', show: (r) => kindOptions.find((o) => o.value === r.kind)?.label ?? s(r.kind) },
      nameCol,
      nameZhCol,
      { label: 'Address 地址', show: (r) => s(r.address) },
      {
        label: 'Lon, lat 经纬度',
        show: (r) => (typeof r.lon === 'number' ? `${r.lon.toFixed(5)}, ${Number(r.lat).toFixed(5)}` : ''),
        mono: true,
      },
      { label: 'Grid 网格', show: (r) => ref(r.grid), mono: true },
    ],
    fields: [
      code,
      { key: 'kind', label: 'Kind 类型', kind: 'select', options: kindOptions, required: true },
      name,
      nameZh,
      { key: 'address', label: 'Address 地址', kind: 'text', nullable: true },
      { key: 'lon', label: 'Longitude 经度', kind: 'number', required: true },
      { key: 'lat', label: 'Latitude 纬度', kind: 'number', required: true },
    ],
  },
  {
    name: 'departments',
    label: 'Departments 部门',
    columns: [codeCol, nameCol, nameZhCol, phoneCol],
    fields: [code, name, nameZh, phone],
  },
  {
    name: 'categories',
    label: 'Categories 事件类别',
    columns: [codeCol, nameCol, nameZhCol, { label: 'Department 部门', show: (r) => ref(r.department) }],
    fields: [
      { ...code, placeholder: 'lower_case' },
      name,
      nameZh,
      { key: 'department_id', label: 'Department id 部门编号', kind: 'number', nullable: true },
    ],
  },
  {
    name: 'users',
    label: 'Users 用户',
    adminOnly: true,
    columns: [
      { label: 'User 用户名', show: (r) => s(r.username), mono: true },
      { label: 'Role 角色', show: (r) => roleOptions.find((o) => o.value === r.role)?.label ?? s(r.role) },
      { label: 'Unit 单元', show: (r) => s(r.unit_id), mono: true },
      { label: 'Disabled 停用', show: (r) => (r.disabled ? 'Disabled 已停用' : '') },
      { label: 'Created 创建', show: (r) => s(r.created_at).slice(0, 10) },
    ],
    fields: [
      { key: 'username', label: 'User name 用户名', kind: 'text', required: true, edit: false },
      { key: 'role', label: 'Role 角色', kind: 'select', options: roleOptions, required: true },
      { key: 'password', label: 'Password 密码 (≥ 10)', kind: 'password', required: true, edit: false },
      // A grid worker's phone account acts for one patrol unit (Units register id); other roles leave it empty.
      {
        key: 'unit_id',
        label: 'Unit id (workers) 单元编号（网格员）',
        kind: 'number',
        nullable: true,
        placeholder: 'role worker only',
      },
      { key: 'disabled', label: 'Disabled 停用', kind: 'bool', create: false },
    ],
  },
];
