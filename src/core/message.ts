/** One MQTT message as it left the socket: untouched bytes plus when it arrived. */
export interface InboundMessage {
  topic: string;
  payload: Uint8Array;
  /** The broker's retain flag: true for a stored value delivered at subscribe time. */
  retained: boolean;
  /** Wall-clock milliseconds when the message was received. */
  receivedAt: number;
  /**
   * An empty publish with the retain flag: the publisher deleted the broker's retained message
   * for this topic. Only a listener inside the broker can tell (subscribers get a plain message).
   */
  clearsRetained?: true;
}
