/**
 * Looking up a coded value's display name. The names themselves are the shared contract's
 * (server/src/contract/vocabulary.ts), so the client and the server never disagree on a label.
 */
import type { Bilingual } from '../../../server/src/contract/vocabulary.ts';

export type { Bilingual };

/** The name of `key` in `table`; an unknown key (a value newer than this client) shows as itself. */
export function name<K extends string>(table: Readonly<Record<K, Bilingual>>, key: K | string): Bilingual {
  return (table as Readonly<Record<string, Bilingual>>)[key] ?? { en: key, zh: '' };
}
