import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { createAccountAdminRoutes } from './accounts/accountAdminRoutes.ts';
import { createAccountRoutes } from './accounts/accountRoutes.ts';
import { createControlLog } from './accounts/controlLog.ts';
import { createHttpGate } from './accounts/httpGate.ts';
import { createSignInRoutes } from './accounts/signInRoutes.ts';
import { createApiHandler } from './api/apiHandler.ts';
import { type EmbeddedBroker, isMqttWebSocketPath, MQTT_WS_PATH } from './broker.ts';
import { type RequestHandler, serveDashboard } from './dashboardServing.ts';
import { startGateway } from './gateway.ts';
import { describeGatewayEvent } from './gatewayEvent.ts';
import { DEFAULT_DROP_EVERY_MS, DEFAULT_READING_INTERVAL_MS, DEFAULT_ROOMS } from './gatewayOptions.ts';
import { createLayoutEvents } from './layout/layoutEvents.ts';
import { createLayoutRoutes } from './layout/layoutRoutes.ts';
import { openStoredLayout } from './layout/storedLayout.ts';
import { dialableHost, hostPort, httpUrl, lanAddresses } from './listenAddress.ts';
import { isLoopbackHost, parseServerArgs, SERVER_USAGE, type ServerOptions } from './options.ts';
import { maskPassword } from './recorderOptions.ts';
import {
  brokerFollowsAccounts,
  enforceStartPolicy,
  NOBODY_FOLLOWS,
  openAccounts,
  readTls,
  startBroker,
  startTlsListener,
} from './secureStart.ts';
import { applySecurityHeaders } from './securityHeaders.ts';
import { type Running, stopOnSignals } from './serverShutdown.ts';
import { describeHistory, type Recording, StorageOpenError, startRecording } from './startRecording.ts';
import { sendText } from './staticFiles.ts';
import { createTlsFrontDoor, HSTS_HEADER } from './tlsFrontDoor.ts';

async function main(): Promise<void> {
  const command = parseServerArgs(process.argv.slice(2), process.env);
  if (command.kind === 'help') return console.log(SERVER_USAGE);
  if (command.kind === 'invalid') {
    console.error(`${command.reason} See --help.`);
    process.exit(2);
  }
  const { options } = command;
  await enforceStartPolicy(options);
  const tls = await readTls(options);
  const httpServer = tls === null ? createServer() : createHttpsServer({ cert: tls.cert, key: tls.key });
  const frontDoor = tls === null ? null : createTlsFrontDoor(httpServer as HttpsServer);
  const running: Running = {
    httpServer,
    listener: frontDoor?.server ?? httpServer,
    frontDoor,
    broker: null,
    recording: null,
    vite: null,
    gateway: null,
    accounts: null,
    controlLog: null,
  };
  stopOnSignals(running);
  await mkdir(options.dataDir, { recursive: true });
  // The broker, opened next, disconnects the clients of accounts that change.
  let follow = NOBODY_FOLLOWS;
  const accounts = await openAccounts(
    options,
    (names) => follow.accountsChanged(names),
    (open) => follow.openChanged(open),
    (id) => follow.sessionRevoked(id),
  );
  running.accounts = accounts;
  // Who switched what, kept in the data directory; the broker reports each person's command.
  const controlLog = await createControlLog(options.dataDir, { log: (line) => console.error(line) });
  running.controlLog = controlLog;
  if (!options.externalBroker) running.broker = await startBroker(options, accounts, controlLog);
  const access = running.broker?.access ?? null;
  if (access !== null) follow = brokerFollowsAccounts(access);
  running.recording = await startHistory(options, running.broker);
  const logError = (line: string) => console.error(line);
  // The house layout is served with or without the recorder: it is not history.
  const layout = await openStoredLayout(options.dataDir, logError);
  const api = createApiHandler(running.recording?.view ?? null, {
    brokerWsUrl: options.externalBroker?.wsUrl ?? null,
    log: logError,
    layout: createLayoutRoutes(layout, createLayoutEvents(), logError),
  });

  // Under TLS cookies are Secure and browsers are told to keep to https (HSTS).
  const secure = tls !== null;
  const gate = createHttpGate(accounts, { secure, now: Date.now, devSources: options.dev });
  const signIn = createSignInRoutes(accounts, { secure, now: Date.now });
  const accountRoutes = createAccountRoutes(accounts, controlLog, { secure, now: Date.now });
  const accountAdmin = createAccountAdminRoutes(accounts, {
    dataDir: options.dataDir,
    now: Date.now,
    log: (line) => console.log(line),
    secure,
  });

  // Listen first, so a taken port fails fast, before a build the user would wait for in vain.
  let handle: RequestHandler = (_request, response) => {
    response.setHeader('Retry-After', '5');
    sendText(response, 503, 'Hearth is starting; reload in a moment.');
  };
  running.httpServer.on('request', (request: IncomingMessage, response: ServerResponse) => {
    try {
      answer(request, response);
    } catch (error) {
      // A request no route could read (an address like `//[`) is the sender's fault, never a stop.
      if (!response.headersSent) sendText(response, 400, 'This request could not be read.');
      else response.destroy();
      if (!(error instanceof TypeError)) console.error(`A request failed: ${String(error)}`);
    }
  });
  function answer(request: IncomingMessage, response: ServerResponse): void {
    applySecurityHeaders(response, { withPolicy: !options.dev });
    if (secure) response.setHeader('Strict-Transport-Security', HSTS_HEADER);
    if (isMqttWebSocketPath(request)) {
      const where = options.externalBroker?.wsUrl;
      if (!running.broker)
        sendText(response, 404, `No broker here: this Hearth records from ${where ?? 'another broker'}.`);
      else sendText(response, 426, `MQTT over WebSocket lives here: connect with ws:// to ${MQTT_WS_PATH}.`);
      return;
    }
    // With accounts, only the sign-in and the app shell answer without a session.
    const decision = gate(request, response);
    if (decision.kind === 'answered') return;
    if (decision.kind === 'shell') request.url = '/index.html';
    else if (signIn(request, response, decision.session)) return;
    else if (accountRoutes(request, response, decision.session)) return;
    else if (accountAdmin(request, response, decision.session)) return;
    // The API first: its paths are no files, and the app's own routes never start with /api.
    if (api(request, response)) return;
    handle(request, response);
  }
  running.broker?.attachWebSocket(running.httpServer);
  const address = await listenHttp(running.listener, options);

  const dashboard = await serveDashboard(running.httpServer, options);
  running.vite = dashboard.vite;
  handle = dashboard.handle;
  if (!options.dev) rejectOtherUpgrades(running.httpServer, running.broker !== null);

  const tcp = running.broker ? await startTcpListener(running.broker, options) : null;
  const mqtts = running.broker && tls !== null ? await startTlsListener(running.broker, options, tls) : null;
  if (options.simulator) {
    // Over the HTTP port's WebSocket: it is always open, unlike TCP (off, or its port taken).
    const brokerUrl =
      options.externalBroker?.url ??
      `${secure ? 'wss' : 'ws'}://${hostPort(dialableHost(address.address), address.port)}${MQTT_WS_PATH}`;
    running.gateway = await startGateway(
      {
        brokerUrl,
        ...(options.externalBroker?.username ? { username: options.externalBroker.username } : {}),
        ...(options.externalBroker?.password ? { password: options.externalBroker.password } : {}),
        ...(access === null
          ? {}
          : { internal: { ...access.internalClient('simulator'), trustOwnCertificate: secure } }),
        rooms: DEFAULT_ROOMS,
        conventions: options.simulatorConventions,
        intervalMs: DEFAULT_READING_INTERVAL_MS,
        dropEveryMs: DEFAULT_DROP_EVERY_MS,
      },
      (event) => {
        // Rooms connecting at startup are the summary line's business; later events are news.
        if (event.kind !== 'connected') console.log(`simulator: ${describeGatewayEvent(event)}`);
      },
    );
  }

  const shownHost = isLoopbackHost(options.host) ? address.address : dialableHost(address.address);
  const external = options.externalBroker;
  const parts = [
    external
      ? `MQTT: ${maskPassword(external.url)}${external.wsUrl ? `, dashboards use ${external.wsUrl}` : ''}`
      : `MQTT: ${secure ? 'wss' : 'ws'} on ${MQTT_WS_PATH}, ${tcp}${mqtts ? `, ${mqtts}` : ''}`,
    `history: ${describeHistory(options)}`,
    `simulator: ${running.gateway ? describeSimulator(running.gateway.rooms.length, options) : 'off'}`,
    ...(options.dev ? ['dev: hot reload'] : []),
  ];
  const url = (host: string) => httpUrl(host, address.port).replace(/^http:/, secure ? 'https:' : 'http:');
  console.log(`Hearth is running at ${url(shownHost)}  (${parts.join('; ')})`);
  if (external && !external.wsUrl) {
    console.log(
      "Dashboards need the broker's WebSocket address: give --broker-ws wss://… (or open the page with ?broker=).",
    );
  }
  if (!isLoopbackHost(options.host) && !external) {
    const lan = lanAddresses().map((lanAddress) => url(lanAddress));
    if (lan.length > 0 && ['0.0.0.0', '::'].includes(address.address))
      console.log(`On your network: ${lan.join('  ')}`);
  }
  console.log('Ctrl-C to stop.');
}

/** The recorder, or null with --no-recorder; a database that cannot open ends the start. */
async function startHistory(
  options: ServerOptions,
  broker: EmbeddedBroker | null,
): Promise<Recording | null> {
  if (!options.recorder) return null;
  try {
    return await startRecording(options, broker, (line) => console.log(line));
  } catch (error) {
    if (!(error instanceof StorageOpenError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** The simulator's part of the summary line; the dashboard shows only house/# until told more. */
function describeSimulator(rooms: number, options: ServerOptions): string {
  const conventions = options.simulatorConventions;
  if (conventions.length === 1 && conventions[0] === 'generic') return `${rooms} rooms`;
  return `${rooms} rooms speaking ${conventions.join(', ')}, shown with ?topics=%23`;
}

async function listenHttp(server: Server | NetServer, options: ServerOptions): Promise<AddressInfo> {
  return new Promise((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${options.host}:${options.port}`;
      if (error.code === 'EADDRINUSE') {
        console.error(
          `Port ${options.port} on ${options.host} is already in use; pick another with --port or HEARTH_PORT.`,
        );
      } else if (error.code === 'EACCES') {
        console.error(
          `Not allowed to listen on ${where}; ports below 1024 need privileges, pick another with --port.`,
        );
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        console.error(`Cannot listen on ${options.host}: this machine has no such address; check --host.`);
      } else {
        console.error(`Cannot listen on ${where}: ${error.message}`);
      }
      process.exit(1);
    });
    server.listen(options.port, options.host, () => resolve(server.address() as AddressInfo));
  });
}

/**
 * Without Vite, nothing but the broker answers WebSocket upgrades; refuse the others at once
 * instead of leaving the socket hanging (/mqtt too when the broker is external: a screen trying
 * it hears so at once, not after its connect timeout).
 */
function rejectOtherUpgrades(server: Server | HttpsServer, servesBroker: boolean): void {
  server.on('upgrade', (request: IncomingMessage, socket) => {
    if (!servesBroker || !isMqttWebSocketPath(request))
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });
}

/** Opens plain MQTT over TCP if asked; returns its part of the summary line. */
async function startTcpListener(broker: EmbeddedBroker, options: ServerOptions): Promise<string> {
  if (options.mqttPort === 'off') return 'tcp off';
  const result = await broker.listenTcp(options.mqttPort, options.host);
  if (result.ok) return `tcp ${hostPort(result.host, result.port)}`;
  const why = result.reason === 'port-in-use' ? 'is already in use' : `is unavailable (${result.message})`;
  console.log(
    `MQTT over TCP: port ${options.mqttPort} ${why}; going on without it (pick another with --mqtt-port).`,
  );
  return 'tcp off';
}

main().catch((error: unknown) => {
  console.error(`Hearth could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
