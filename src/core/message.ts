/** One MQTT message as it left the socket: untouched bytes plus when it arrived. */
export interface InboundMessage {
  topic: string;
  payload: Uint8Array;
  /** The broker's retain flag: true for a stored value delivered at subscribe time. */
  retained: boolean;
  /** Wall-clock milliseconds when the message was received. */
  receivedAt: number;
}
