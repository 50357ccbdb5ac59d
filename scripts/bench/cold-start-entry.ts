// Bundled and run in a fresh Node process by the bench: from process start to the first answered query.
import { createCore } from '../../electron/core/core';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: cold-start <dataDir>');
const core = createCore({ dataDir });
const result = await core.invoke('trades.list', { limit: 100 });
const ms = performance.now();
if (!result.ok) throw new Error(result.error.message);
core.close();
console.log(JSON.stringify({ ms }));
