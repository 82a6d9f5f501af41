/// <reference lib="webworker" />
import { checkBrokerUrl, describeConnectionError } from '../core/connectionStatus';
import type { FromWorker, ToWorker } from './workerProtocol';

/**
 * The connection worker's entry: small, so it starts at once. MQTT.js and the conventions
 * (`workerSession.ts`) take a moment to load and compile on a slow tablet; meanwhile a bare
 * WebSocket knocks on the broker, so an address where nothing listens is reported within
 * milliseconds of the page starting, not after the whole client has loaded.
 */
declare const self: DedicatedWorkerGlobalScope;

const post = (message: FromWorker) => self.postMessage(message);
type Knock = 'pending' | 'answered' | 'refused';
let knock: Knock = 'answered';
let sessionStarted = false;
const session = import('./workerSession').then(({ createWorkerSession }) => createWorkerSession(post));

/** One bare WebSocket to the broker: closed as soon as it opens, reported if it cannot open. */
function knockOn(url: string, pageProtocol: string): void {
  if (!checkBrokerUrl(url, pageProtocol).ok) return; // the session says why, in words
  let socket: WebSocket;
  try {
    socket = new WebSocket(url, 'mqtt');
  } catch {
    return;
  }
  knock = 'pending';
  socket.onopen = () => {
    knock = 'answered';
    socket.close();
  };
  socket.onclose = () => {
    if (knock !== 'pending') return;
    knock = 'refused';
    // Once the session runs, its own attempts speak; before that, this is the first attempt.
    if (!sessionStarted)
      post({
        type: 'status',
        status: { kind: 'error', url, cause: describeConnectionError(null, url), attempt: 1, nextAt: null },
      });
  };
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'start') knockOn(message.settings.url, message.pageProtocol);
  // Handlers attached to one promise run in order, so messages keep theirs.
  void session.then((handle) => {
    if (message.type === 'start') sessionStarted = true;
    handle(message, message.type === 'start' && knock === 'refused');
  });
};
