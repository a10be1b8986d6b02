import { describe, expect, it } from 'vitest';
import { suggestGrade } from './grade';

describe('the suggested grade', () => {
  it('makes fire and security key', () => {
    expect(suggestGrade('fire_safety', '楼道堆放杂物')).toBe('key');
    expect(suggestGrade('public_security', 'x')).toBe('key');
  });
  it('reads danger in the description whatever the category', () => {
    expect(suggestGrade('environment', '小区门口有燃气味')).toBe('key');
    expect(suggestGrade('facilities', 'A fallen wire, dangerous')).toBe('key');
  });
  it('marks a dispute that keeps coming back difficult, and the rest routine', () => {
    expect(suggestGrade('dispute', '邻里噪音纠纷，已多次调解')).toBe('difficult');
    expect(suggestGrade('environment', '垃圾桶满了')).toBe('routine');
  });
});
