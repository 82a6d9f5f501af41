import { Duplex } from 'node:stream';
import { type RawData, WebSocket } from 'ws';

/**
 * Bytes allowed to wait in the WebSocket (ours plus the socket's buffer) before a write is held back.
 * Past this, the broker's writes report backpressure and it waits for 'drain', instead of buffering a
 * slow browser's backlog in memory without limit.
 */
const QUEUED_HIGH_WATER_BYTES = 1024 * 1024;

type WriteCallback = (error?: Error | null) => void;

/** The part of a ws WebSocket this stream uses (narrow, so tests can stand in for a socket). */
export interface FrameSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  readonly isPaused: boolean;
  on(event: 'message', listener: (data: RawData, isBinary: boolean) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  send(data: Buffer, options: { binary: boolean }, callback: (error?: Error) => void): void;
  pause(): void;
  resume(): void;
  close(code: number): void;
  terminate(): void;
}

/**
 * The byte stream the broker reads and writes for one MQTT-over-WebSocket connection.
 *
 * Why not ws's createWebSocketStream: aedes writes every MQTT packet as several small writes
 * (header, topic, payload...), and that stream sends each one as its own WebSocket frame, so a
 * browser does about five times the work per message that it does with Mosquitto. Here every
 * write made in one turn of the event loop is gathered and sent as ONE binary frame. aedes
 * delivers each packet from its own setImmediate, so gathering until setImmediate also packs a
 * burst of packets into one frame; MQTT is a byte stream, so packets may share or span frames.
 */
export class PacketFrameStream extends Duplex {
  readonly #socket: FrameSocket;
  #queued: Buffer[] = [];
  #queuedBytes = 0;
  #flushScheduled = false;
  /** The write held back by backpressure; completes once its frame reaches the socket. */
  #heldWrite: WriteCallback | null = null;

  constructor(socket: FrameSocket) {
    super({ allowHalfOpen: false });
    this.#socket = socket;
    socket.on('message', (data, isBinary) => this.#receive(data, isBinary));
    // A closing peer ends the readable side; the broker then closes the session. Destroying here
    // instead could drop a DISCONNECT still unread, and the broker would wrongly publish the Will.
    socket.on('close', () => {
      if (!this.destroyed) this.push(null);
    });
    socket.on('error', (error) => this.destroy(error));
  }

  override _read(): void {
    if (this.#socket.isPaused) this.#socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: WriteCallback): void {
    this.#enqueue(chunk);
    this.#admit(callback);
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: WriteCallback): void {
    for (const { chunk } of chunks) this.#enqueue(chunk);
    this.#admit(callback);
  }

  override _final(callback: WriteCallback): void {
    this.#flush();
    this.#socket.close(1000);
    callback();
  }

  override _destroy(error: Error | null, callback: WriteCallback): void {
    // The broker destroys the stream right after writing its last words (a refusing CONNACK, say):
    // send what is queued before closing.
    this.#flush();
    const held = this.#heldWrite;
    this.#heldWrite = null;
    held?.(error ?? new Error('The connection closed'));
    if (error) this.#socket.terminate();
    else if (this.#socket.readyState === WebSocket.OPEN) this.#socket.close(1000);
    callback(error);
  }

  #receive(data: RawData, isBinary: boolean): void {
    if (!isBinary) {
      // [MQTT-6.0.0-1] Packets travel in binary frames; any other frame closes the connection.
      this.destroy(new Error('MQTT over WebSocket needs binary frames; received a text frame'));
      return;
    }
    if (!this.push(toBuffer(data))) this.#socket.pause();
  }

  #enqueue(chunk: Buffer): void {
    this.#queued.push(chunk);
    this.#queuedBytes += chunk.length;
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(() => this.#flush());
    }
  }

  /** Accepts a write at once while little is queued; otherwise holds it until its frame is sent. */
  #admit(callback: WriteCallback): void {
    if (this.#socket.bufferedAmount + this.#queuedBytes < QUEUED_HIGH_WATER_BYTES) callback();
    else this.#heldWrite = callback;
  }

  #flush(): void {
    this.#flushScheduled = false;
    if (this.#queuedBytes === 0) return;
    const frame = this.#queued.length === 1 ? (this.#queued[0] as Buffer) : Buffer.concat(this.#queued);
    this.#queued = [];
    this.#queuedBytes = 0;
    const held = this.#heldWrite;
    this.#heldWrite = null;
    if (this.#socket.readyState !== WebSocket.OPEN) {
      held?.(new Error('The WebSocket is closed'));
      return;
    }
    this.#socket.send(frame, { binary: true }, (error) => {
      if (held) held(error);
      else if (error && !this.destroyed) this.destroy(error);
    });
  }
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
