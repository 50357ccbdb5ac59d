import { contextBridge, ipcRenderer } from 'electron';
import { createIpcClient } from './ipc-client';

// The page gets `window.tpj` (the typed contract client) and nothing else: no ipcRenderer,
// no Node, no way to name a channel of its own.
contextBridge.exposeInMainWorld('tpj', createIpcClient(ipcRenderer));
