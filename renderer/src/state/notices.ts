import { create } from 'zustand';
import type { AppError } from '../../../shared/contract';

export type Notice = { id: number; code: AppError['code']; message: string; fields: NonNullable<AppError['fields']> };

type NoticesState = {
  notices: Notice[];
  report: (error: AppError) => void;
  dismiss: (id: number) => void;
};

let nextId = 1;

/** Errors the trader should see, shown as dismissible banners (newest last). */
export const useNotices = create<NoticesState>((set) => ({
  notices: [],
  report: (error) =>
    set((state) => {
      // The same failure repeating (e.g. every refresh while the host is down) is one banner, not ten.
      if (state.notices.some((n) => n.code === error.code && n.message === error.message)) return state;
      const notice: Notice = { id: nextId++, code: error.code, message: error.message, fields: error.fields ?? [] };
      return { notices: [...state.notices, notice].slice(-5) };
    }),
  dismiss: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
}));
