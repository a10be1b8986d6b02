/**
 * The grade the report form suggests (the worker may change it): fire and public-security
 * events, and any description naming danger or people at risk, are `key` (重点); disputes that
 * have come back are `difficult` (疑难); the rest `routine` (常规).
 */
import type { Grade } from '../../../server/src/contract/vocabulary.ts';

const KEY_CATEGORIES = new Set(['fire_safety', 'public_security']);
const URGENT_WORDS =
  /火|烟|燃气|煤气|漏电|坍塌|受伤|晕倒|打架|斗殴|危险|紧急|fire|smoke|gas|injur|collaps|fight|danger|urgent/i;
const DIFFICULT_WORDS = /多次|反复|屡次|长期|上访|again|repeated|months/i;

export function suggestGrade(category: string, description: string): Grade {
  if (KEY_CATEGORIES.has(category) || URGENT_WORDS.test(description)) return 'key';
  if (DIFFICULT_WORDS.test(description)) return 'difficult';
  return 'routine';
}
