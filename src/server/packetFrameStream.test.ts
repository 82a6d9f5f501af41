import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type FrameSocket, PacketFrameStream } from './packetFrameStream.ts';

/** Stands in for a ws WebSocket: records frames and lets a test hold their send callbacks. */
class FakeSocket extends EventEmitter implements FrameSocket {
  readyState: number = WebSocket.OPEN;
  bufferedAmount = 0;
  isPaused = false;
  frames: Buffer[] = [];
  pendingSends: Array<(error?: Error) => void> = [];
  closedWith: number | 'terminated' | null = null;

  send(data: Buffer, _options: object, callback: (error?: Error) => void): void {
    this.frames.push(data);
    this.pendingSends.push(callback);
  }
  pause(): void {
    this.isPaused = true;
  }
  resume(): void {
    this.isPaused = false;
  }
  close(code: number): void {
    this.closedWith = code;
  }
  terminate(): void {
    this.closedWith = 'terminated';
  }
  /** Lets every frame sent so far reach the network. */
  completeSends(): void {
    for (const callback of this.pendingSends.splice(0)) callback();
  }
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('PacketFrameStream', () => {
  it('sends everything written in one turn of the event loop as one frame', async () => {
    const socket = new FakeSocket();
    const stream = new PacketFrameStream(socket);
    stream.write(Buffer.from([0x30, 0x07]));
    stream.write(Buffer.from([0x00, 0x01, 0x74]));
    stream.write(Buffer.from('21.4'));
    await nextTurn();
    await nextTurn();

    expect(socket.frames).toEqual([Buffer.from([0x30, 0x07, 0x00, 0x01, 0x74, ...Buffer.from('21.4')])]);
  });

  it('holds writes back while the socket has a large backlog, until the frame is sent', async () => {
    const socket = new FakeSocket();
    socket.bufferedAmount = 2 * 1024 * 1024;
    const stream = new PacketFrameStream(socket);
    let written = false;
    stream.write(Buffer.from('packet'), () => {
      written = true;
    });
    await nextTurn();
    await nextTurn();
    expect(written).toBe(false);

    socket.bufferedAmount = 0;
    socket.completeSends();
    await nextTurn();
    expect(written).toBe(true);
  });

  it('pauses the socket while the broker is not reading, and resumes when it reads', () => {
    const socket = new FakeSocket();
    const stream = new PacketFrameStream(socket);
    const bigFrame = Buffer.alloc(64 * 1024);
    socket.emit('message', bigFrame, true);
    expect(socket.isPaused).toBe(true);

    stream.read();
    expect(socket.isPaused).toBe(false);
  });

  it('closes the connection on a text frame, which MQTT forbids', async () => {
    const socket = new FakeSocket();
    const stream = new PacketFrameStream(socket);
    const failure = new Promise((resolve) => stream.once('error', resolve));
    socket.emit('message', Buffer.from('hello'), false);

    expect(await failure).toBeInstanceOf(Error);
    expect(socket.closedWith).toBe('terminated');
  });

  it('sends what is queued before closing when the broker ends the connection', () => {
    const socket = new FakeSocket();
    const stream = new PacketFrameStream(socket);
    stream.write(Buffer.from([0x20, 0x02, 0x00, 0x05])); // CONNACK: not authorized
    stream.destroy();

    expect(socket.frames).toEqual([Buffer.from([0x20, 0x02, 0x00, 0x05])]);
    expect(socket.closedWith).toBe(1000);
  });

  it('ends its readable side when the peer closes, so the broker reads every last packet', async () => {
    const socket = new FakeSocket();
    const stream = new PacketFrameStream(socket);
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => stream.once('end', resolve));
    socket.emit('message', Buffer.from([0xe0, 0x00]), true); // DISCONNECT
    socket.emit('close');
    await ended;

    expect(chunks).toEqual([Buffer.from([0xe0, 0x00])]);
  });
});
