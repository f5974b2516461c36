import { useEffect, useState } from 'react';
import { onOutboxChange, outboxItems, type OutboxItem } from './outbox';

export interface OutboxState {
  loaded: boolean;
  online: boolean;
  items: OutboxItem[];
  waiting: OutboxItem[];
  failed: OutboxItem[];
  sent: OutboxItem[];
}

/** The outbox as the pages show it, re-read on every change and when the network comes or goes. */
export function useOutbox(): OutboxState {
  const [items, setItems] = useState<OutboxItem[] | null>(null);
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    let alive = true;
    const load = () =>
      void outboxItems()
        .then((all) => alive && setItems(all))
        .catch(() => alive && setItems([]));
    const net = () => setOnline(navigator.onLine);
    load();
    const off = onOutboxChange(load);
    window.addEventListener('online', net);
    window.addEventListener('offline', net);
    return () => {
      alive = false;
      off();
      window.removeEventListener('online', net);
      window.removeEventListener('offline', net);
    };
  }, []);
  const all = items ?? [];
  return {
    loaded: items !== null,
    online,
    items: all,
    waiting: all.filter((i) => i.state === 'waiting'),
    failed: all.filter((i) => i.state === 'error'),
    sent: all.filter((i) => i.state === 'sent').reverse(),
  };
}
