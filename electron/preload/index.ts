import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelNames, eventNames, type EventName } from '../shared/contract';

// One method per contract channel; ipcRenderer itself never reaches the page.
const bridge: Record<string, unknown> = {};
for (const channel of channelNames) {
  bridge[channel] = (input?: unknown) => ipcRenderer.invoke(channel, input);
}
bridge.on = (event: EventName, listener: (payload: unknown) => void) => {
  if (!eventNames.includes(event)) throw new Error(`unknown event ${String(event)}`);
  const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(event, wrapped);
  return () => {
    ipcRenderer.removeListener(event, wrapped);
  };
};

contextBridge.exposeInMainWorld('visitdesk', bridge);
