/** The outbox's state for React: counts, items, whether it is sending. */
import { useEffect, useState } from 'react';
import { outboxState, subscribeOutbox, type OutboxState } from './outbox/outbox';

export function useOutbox(): OutboxState {
  const [s, setS] = useState(outboxState());
  useEffect(() => {
    setS(outboxState());
    return subscribeOutbox(setS);
  }, []);
  return s;
}
