import { describe, expect, it } from 'vitest';
import { unitScale, unitToDong } from '../../src/vn/index.js';

describe('unitScale: a unit as plans and agencies write it', () => {
  it.each([
    ['1000 đồng', 1e3, 'dong'],
    ['(1.000 đồng)', 1e3, 'dong'],
    ['1.000đ', 1e3, 'dong'],
    ['Nghìn đồng', 1e3, 'dong'],
    ['ngàn đồng', 1e3, 'dong'],
    ['đồng', 1, 'dong'],
    ['VNĐ', 1, 'dong'],
    ['Triệu đồng', 1e6, 'dong'],
    ['Tr.đ', 1e6, 'dong'],
    ['trđ', 1e6, 'dong'],
    ['triệu', 1e6, ''],
    ['1.000.000 đồng', 1e6, 'dong'],
    ['Tỷ đồng', 1e9, 'dong'],
    ['tỉ đồng', 1e9, 'dong'],
    ['nghìn tỷ đồng', 1e12, 'dong'],
    ['Triệu USD', 1e6, 'usd'],
    ['nghìn tấn', 1e3, 'tan'],
    ['Người', 1, 'nguoi'],
    ['trường', 1, 'truong'],
    ['tin bài', 1, 'tin bai'],
    ['%', 1, '%'],
    ['phần trăm', 1, '%'],
    ['10.000 người', 1, '10.000 nguoi'],
    ['DN', 1, 'doanh nghiep'],
    ['Doanh nghiệp', 1, 'doanh nghiep'],
    ['Héc-ta', 1, 'ha'],
    ['nghìn ha', 1e3, 'ha'],
  ])('"%s" is %d × "%s"', (text, scale, base) => {
    expect(unitScale(text)).toEqual({ scale, base });
  });

  it('reads a blank unit as none', () => {
    expect(unitScale('  ')).toBeNull();
    expect(unitScale('()')).toBeNull();
  });

  it.each([
    ['1000 đồng', 1000],
    ['triệu đồng', 1e6],
    ['tỷ đồng', 1e9],
    ['đồng', 1],
    ['USD', 1],
  ])('unitToDong("%s") = %d', (text, n) => {
    expect(unitToDong(text)).toBe(n);
  });
});
