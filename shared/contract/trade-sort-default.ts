import type { TradeSort } from './trades';

/**
 * The order when none is asked for: newest opened first. In a file of its own, without zod,
 * so the renderer can use it without taking the contract's validators into its bundle.
 */
export const defaultTradeSort: TradeSort = { key: 'openedAt', dir: 'desc' };
