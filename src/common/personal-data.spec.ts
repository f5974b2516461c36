import { findPersonalData } from './personal-data';

describe('personal data in public text', () => {
  it('finds mobile numbers and identity card numbers', () => {
    expect(findPersonalData('联系人手机13812345678，请回电')).toEqual(['mobile']);
    expect(findPersonalData('身份证号 12010119800101123X')).toEqual(['id_card']);
    expect(findPersonalData('110101199003074512 与 13912345678')).toEqual(['mobile', 'id_card']);
  });

  it('is not fooled by separators, full-width digits, a country prefix or the old 15-digit ID', () => {
    expect(findPersonalData('电话 +86 139-1234-5678')).toEqual(['mobile']);
    expect(findPersonalData('电话 0086 13912345678')).toEqual(['mobile']);
    expect(findPersonalData('手机１３９１２３４５６７８')).toEqual(['mobile']);
    expect(findPersonalData('139 1234 5678')).toEqual(['mobile']);
    expect(findPersonalData('身份证 120101 800101 123')).toEqual(['id_card']);
  });

  it('leaves ordinary text, phone landlines, USCCs and long numbers alone', () => {
    expect(findPersonalData('抽取现场停电，见证人未到场')).toEqual([]);
    expect(findPersonalData('022-98765432')).toEqual([]);
    expect(findPersonalData('91120116MA05XXXX1Q')).toEqual([]);
    expect(findPersonalData('订单号 213812345678901')).toEqual([]);
  });
});
