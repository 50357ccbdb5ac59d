import { create } from 'zustand';
import type { EntityName } from '../../../shared/contract';
import type { Account, AppStatus, Settings, Tag } from '../../../shared/domain/types';
import { call } from '../client/call';
import { client } from '../client/client';

type JournalState = {
  status: AppStatus | null;
  settings: Settings | null;
  accounts: Account[];
  tags: Tag[];
  /** False until the first status answer: the shell shows a loading state, not a blank page. */
  ready: boolean;
  loadStatus: () => Promise<void>;
  loadSettings: () => Promise<void>;
  loadAccounts: () => Promise<void>;
  loadTags: () => Promise<void>;
  setSettings: (settings: Settings) => void;
};

/** What many views share: status, settings and the small lookup lists (accounts, tags). */
export const useJournal = create<JournalState>((set) => ({
  status: null,
  settings: null,
  accounts: [],
  tags: [],
  ready: false,
  loadStatus: async () => {
    const result = await call('app.status', {});
    set(result.ok ? { status: result.value, ready: true } : { ready: true });
  },
  loadSettings: async () => {
    const result = await call('settings.get', {});
    if (result.ok) set({ settings: result.value });
  },
  loadAccounts: async () => {
    const result = await call('accounts.list', {});
    if (result.ok) set({ accounts: result.value });
  },
  loadTags: async () => {
    const result = await call('tags.list', {});
    if (result.ok) set({ tags: result.value });
  },
  setSettings: (settings) => set({ settings }),
}));

/** Load everything once and keep it fresh from the core's events; returns the disposer. */
export function startJournalSync(): () => void {
  const store = useJournal.getState();
  void Promise.all([store.loadStatus(), store.loadSettings(), store.loadAccounts(), store.loadTags()]);
  const reloads: Partial<Record<EntityName, () => Promise<void>>> = {
    accounts: store.loadAccounts,
    tags: store.loadTags,
    settings: store.loadSettings,
  };
  const offStatus = client.on('status', (status) => useJournal.setState({ status }));
  const offChanged = client.on('journal.changed', ({ entities }) => {
    for (const entity of entities) void reloads[entity]?.();
  });
  return () => {
    offStatus();
    offChanged();
  };
}

/** The display time zone, falling back to the computer's until settings arrive. */
export function useTimeZone(): string {
  const zone = useJournal((s) => s.settings?.displayTimeZone);
  return zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}
