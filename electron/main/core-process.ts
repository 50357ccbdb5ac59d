import { MessageChannelMain, utilityProcess } from 'electron';
import { CORE_V8_FLAGS } from '../core/process-flags';
import type { CoreConnection } from './core-supervisor';
import type { InitMessage, MainToWorker, WorkerSecrets } from './protocol';

/**
 * Start the core worker in a utilityProcess and hand it its MessagePort. Thin on purpose:
 * the behaviour lives in core-supervisor.ts and worker-runtime.ts, which are tested.
 */
export function spawnCoreWorker(workerPath: string, dataDir: string, secrets: WorkerSecrets): CoreConnection {
  const child = utilityProcess.fork(workerPath, [], {
    serviceName: 'Trading Path Journal core',
    execArgv: [...CORE_V8_FLAGS],
  });
  const { port1, port2 } = new MessageChannelMain();
  const init: InitMessage = { type: 'init', dataDir, secrets };
  child.postMessage(init, [port2]);
  port1.start();
  let exited = false;
  child.once('exit', () => {
    exited = true;
    port1.close();
  });
  return {
    send: (message: MainToWorker) => port1.postMessage(message),
    onMessage: (listener) => port1.on('message', (event) => listener(event.data)),
    onExit: (listener) => child.once('exit', listener),
    kill: () => {
      if (!exited) child.kill();
    },
  };
}
