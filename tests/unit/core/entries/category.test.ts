import { describe, expect, it } from 'vitest';
import {
  categoryFromAutocomplete,
  categoryFromText,
  chineseIdCheckChar,
  classifyField,
  isDateShape,
  isMainlandMobile,
  isNumberShape,
  isValidChineseIdNumber,
  type FieldDescription,
} from '../../../../core/entries/category';
import { normaliseValue } from '../../../../core/entries/normalise';

/** GB 11643-1999 check character, computed independently of the module. */
function checkChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return '10X98765432'[sum % 11]!;
}
const withCheck = (first17: string) => first17 + checkChar(first17);
/** Any other check character than the valid one. */
const wrongCheck = (first17: string) => first17 + (checkChar(first17) === '0' ? '1' : '0');

const VALID_IDS = [
  '11010519491231002X', // the standard's own example
  withCheck('44030419900307123'),
  withCheck('31010120000229004'), // 29 Feb of a leap year
  withCheck('51012219851010871'),
  withCheck('65010219991231999'),
  withCheck('81000019700101000'), // Hong Kong residence permit prefix
];

describe('GB 11643-1999 identity numbers', () => {
  it('the test oracle agrees with the module', () => {
    for (const id of VALID_IDS) expect(chineseIdCheckChar(id.slice(0, 17))).toBe(id[17]);
  });

  it.each(VALID_IDS.map((id) => [id]))('%s is valid', (id) => {
    expect(isValidChineseIdNumber(id)).toBe(true);
  });

  it('accepts a lower-case x', () => {
    expect(isValidChineseIdNumber('11010519491231002x')).toBe(true);
  });

  it.each([
    ['wrong check digit', wrongCheck('44030419900307123')],
    ['wrong check digit on the X example', '110105194912310021'],
    ['X where a digit is due', '44030419900307123' + (checkChar('44030419900307123') === 'X' ? '0' : 'X')],
    ['month 13', withCheck('44030419901307123')],
    ['day 32', withCheck('44030419900132123')],
    ['29 Feb of a common year', withCheck('31010120010229004')],
    ['29 Feb 1900 (not a leap year)', withCheck('31010119000229004')],
    ['birth year 1899', withCheck('44030418990307123')],
    ['address code starting with 0', withCheck('04030419900307123')],
    ['address code starting with 9', withCheck('94030419900307123')],
    ['17 characters', '44030419900307123'],
    ['19 characters', withCheck('44030419900307123') + '1'],
    ['letters inside', 'A1010519491231002X'],
    ['spaces inside', '110105 19491231 002X'],
    ['empty', ''],
  ])('%s: %s is invalid', (_why, id) => {
    expect(isValidChineseIdNumber(id)).toBe(false);
  });
});

describe('mainland mobile numbers', () => {
  it.each([
    ['13800138000', true],
    ['19912345678', true],
    ['+8613800138000', true],
    ['+86 138 0013 8000', true],
    ['86-138-0013-8000', true],
    ['0086 13800138000', true],
    ['138-0013-8000', true],
    ['12800138000', false],
    ['1380013800', false],
    ['138001380001', false],
    ['010-12345678', false],
    ['+85213800138000', false],
    ['(+86)13800138000', false],
  ])('%s → %s', (value, mobile) => {
    expect(isMainlandMobile(value)).toBe(mobile);
  });
});

describe('categoryFromText: Chinese and English labels', () => {
  it.each([
    ['姓名', 'name'],
    ['*姓名：', 'name'],
    ['名字', 'name'],
    ['联系人', 'name'],
    ['申请人', 'name'],
    ['单位名称', 'name'],
    ['Full name', 'name'],
    ['applicantName', 'name'],
    ['xm', 'name'],
    ['xingming', 'name'],
    ['身份证号', 'id-number'],
    ['证件号码', 'id-number'],
    ['公民身份号码', 'id-number'],
    ['申请人身份证号码', 'id-number'],
    ['sfz', 'id-number'],
    ['sfzh', 'id-number'],
    ['idcard', 'id-number'],
    ['idCard', 'id-number'],
    ['id_no', 'id-number'],
    ['ID number', 'id-number'],
    ['IDNumber', 'id-number'],
    ['手机号码', 'phone'],
    ['联系电话', 'phone'],
    ['联系人电话', 'phone'],
    ['负责人手机', 'phone'],
    ['mobile', 'phone'],
    ['phone', 'phone'],
    ['tel', 'phone'],
    ['sjh', 'phone'],
    ['lxdh', 'phone'],
    ['contactPhone', 'phone'],
    ['phoneNumber', 'phone'],
    ['Phone number', 'phone'],
    ['地址', 'address'],
    ['家庭住址', 'address'],
    ['户籍所在地', 'address'],
    ['居住地', 'address'],
    ['身份证地址', 'address'],
    ['出生地', 'address'],
    ['address', 'address'],
    ['homeAddr', 'address'],
    ['dz', 'address'],
    ['zz', 'address'],
    ['日期', 'date'],
    ['出生日期', 'date'],
    ['出生年月', 'date'],
    ['办理时间', 'date'],
    ['身份证有效期', 'date'],
    ['date', 'date'],
    ['birthday', 'date'],
    ['Date of birth', 'date'],
    ['rq', 'date'],
    ['金额（元）', 'number'],
    ['数量', 'number'],
    ['面积', 'number'],
    ['人数', 'number'],
    ['申请人数', 'number'],
    ['amount', 'number'],
    ['number', 'number'],
    ['count', 'number'],
    ['je', 'number'],
    ['sl', 'number'],
    ['情况说明', 'long-text'],
    ['备注', 'long-text'],
    ['描述', 'long-text'],
    ['内容', 'long-text'],
    ['remark', 'long-text'],
    ['description', 'long-text'],
    ['note', 'long-text'],
    ['电子邮箱', 'other'],
    ['E-mail address', 'other'],
    ['email', 'other'],
    ['民族', null],
    ['xml', null],
    ['el-id-1024-12', null],
    ['username', null],
    ['', null],
  ])('%j → %s', (text, category) => {
    expect(categoryFromText(text)).toBe(category);
  });

  it('reads full-width labels', () => {
    expect(categoryFromText('ＩＤ　Ｎｕｍｂｅｒ')).toBe('id-number');
  });
});

describe('categoryFromAutocomplete', () => {
  it.each([
    ['name', 'name'],
    ['given-name', 'name'],
    ['section-a shipping street-address', 'address'],
    ['address-level2', 'address'],
    ['tel', 'phone'],
    ['home tel-national', 'phone'],
    ['bday', 'date'],
    ['transaction-amount', 'number'],
    ['email', 'other'],
    ['off', null],
    ['on', null],
    ['', null],
    [undefined, null],
  ])('%j → %s', (autocomplete, category) => {
    expect(categoryFromAutocomplete(autocomplete)).toBe(category);
  });
});

describe('weak value shapes', () => {
  it.each([
    ['2026-11-27', true],
    ['2026/11/27', true],
    ['2026.1.7', true],
    ['2026年11月27日', true],
    ['2026 年 11 月 27 日', true],
    ['2026年11月', true],
    ['2026-11-27 09:30', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['20261127', false],
    ['11/27/2026', false],
  ])('date %s → %s', (value, date) => {
    expect(isDateShape(value)).toBe(date);
  });

  it.each([
    ['42', true],
    ['-3.5', true],
    ['1,234,567.89', true],
    ['¥100', true],
    ['85%', true],
    ['12.5万元', true],
    ['12a', false],
    ['1,23', false],
    ['', false],
  ])('number %s → %s', (value, number) => {
    expect(isNumberShape(value)).toBe(number);
  });
});

const plain: FieldDescription = { multiline: false };
const classify = (field: Partial<FieldDescription>, raw: string) =>
  classifyField({ ...plain, ...field }, normaliseValue(raw).value);

describe('classifyField', () => {
  it.each([
    // value shape alone
    ['ID number without a label', {}, '11010519491231002X', 'id-number'],
    ['full-width ID number', {}, '１１０１０５１９４９１２３１００２ｘ', 'id-number'],
    ['ID number with spaces', {}, '110105 19491231 002X', 'id-number'],
    ['mobile without a label', {}, '13800138000', 'phone'],
    ['mobile with +86 and spaces', {}, '+86 138 0013 8000', 'phone'],
    ['full-width mobile', {}, '１３８－００１３－８０００', 'phone'],
    ['date without a label', {}, '2026-11-27', 'date'],
    ['Chinese date without a label', {}, '2026年11月27日', 'date'],
    ['compact date without a label is a number', {}, '20261127', 'number'],
    ['number without a label', {}, '1,250.00', 'number'],
    ['short text without a label', {}, '汉族', 'other'],
    ['long text without a label', {}, '情'.repeat(51), 'long-text'],
    ['50 code points is not long', {}, '情'.repeat(50), 'other'],
    ['multiline field', { multiline: true }, '张三', 'long-text'],
    // value shape overrides a misleading label for ID numbers and phones
    ['ID number in a remark field', { label: '备注' }, '11010519491231002X', 'id-number'],
    ['ID number in a phone field', { label: '联系电话' }, '11010519491231002X', 'id-number'],
    ['mobile in a name field', { label: '姓名', name: 'xm' }, '13800138000', 'phone'],
    ['mobile in an amount field', { label: '金额' }, '13912345678', 'phone'],
    ['18 digits with a bad check digit in a remark field', { label: '备注' }, wrongCheck('44030419900307123'), 'long-text'],
    // the label decides otherwise
    ['passport number in an ID field', { label: '证件号码' }, 'E12345678', 'id-number'],
    ['landline in a phone field', { label: '联系电话' }, '010-12345678', 'phone'],
    ['compact date labelled date', { label: '出生日期' }, '20261127', 'date'],
    ['date in an address field', { label: '地址' }, '2026-11-27', 'address'],
    ['number in a name field', { label: '姓名' }, '12345', 'name'],
    ['address in a multiline address field', { label: '家庭住址', multiline: true }, '北京市东城区某街道1号', 'address'],
    ['narrative labelled remark', { label: '情况说明', multiline: true }, '该户家庭情况困难。', 'long-text'],
    ['e-mail field with a long value', { label: '电子邮箱' }, `${'a'.repeat(60)}@example.com`, 'other'],
    // sources in order: autocomplete, label, placeholder, name, id, type
    ['autocomplete beats the label', { autocomplete: 'street-address', label: '姓名' }, '北京市东城区', 'address'],
    ['label beats the placeholder', { label: '姓名', placeholder: '请输入地址' }, '北京市东城区', 'name'],
    ['placeholder when there is no label', { placeholder: '请输入身份证号' }, 'E12345678', 'id-number'],
    ['name attribute', { name: 'lxdh' }, '010-12345678', 'phone'],
    ['id attribute', { id: 'applicantAddress' }, '某街道1号', 'address'],
    ['autocomplete off gives no evidence', { autocomplete: 'off', name: 'xm' }, '张三', 'name'],
    ['type tel', { type: 'tel' }, '010-12345678', 'phone'],
    ['type number', { type: 'number' }, '20261127', 'number'],
    ['inputmode numeric', { inputMode: 'numeric' }, '007', 'number'],
    ['type date', { type: 'date' }, '2026-11-27', 'date'],
    ['type email', { type: 'email' }, 'a@b.cn', 'other'],
    ['label beats type', { type: 'number', label: '人数' }, '3', 'number'],
    ['English label', { label: 'Home address' }, '1 Main St', 'address'],
  ] as const)('%s', (_name, field, raw, category) => {
    expect(classify(field, raw)).toBe(category);
  });
});
