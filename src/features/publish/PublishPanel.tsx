import { type FormEvent, useState } from 'react';
import { clipText } from '../../core/clip';
import { checkPublishTopic } from '../../core/topic';
import { useHearthStore } from '../../store/store';

const FIELD =
  'h-11 w-full rounded-lg border border-slate-300 bg-white px-3 dark:border-slate-600 dark:bg-slate-800';

/** Publishes any message: for devices whose convention offers no control. */
export function PublishPanel() {
  const publish = useHearthStore((s) => s.publishMessage);
  const connected = useHearthStore((s) => s.connection.kind === 'connected');
  const signedIn = useHearthStore((s) => s.account.kind === 'signed-in');
  const [topic, setTopic] = useState('');
  const [payload, setPayload] = useState('');
  const [qos, setQos] = useState<0 | 1 | 2>(0);
  const [retain, setRetain] = useState(false);
  const [result, setResult] = useState<{ text: string; error: boolean } | null>(null);
  const topicCheck = topic === '' ? null : checkPublishTopic(topic);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // With accounts the broker keeps no person's command retained: the box is not offered.
    const error = await publish({ topic, payload, qos, retain: retain && !signedIn });
    setResult(
      error === null
        ? { text: `Sent to ${clipText(topic)}.`, error: false }
        : { text: `Not sent: ${error}.`, error: true },
    );
  };

  return (
    <details className="group min-w-0 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <summary className="flex h-11 cursor-pointer list-none items-center gap-2 text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">
        <span aria-hidden="true" className="transition-transform group-open:rotate-90">
          ▸
        </span>
        Publish a message
      </summary>
      <form onSubmit={submit} className="mt-3 flex flex-col gap-3" data-publish-form>
        {signedIn && (
          // The broker acknowledges a refused publish and drops it, so "Sent" alone would mislead.
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Hearth’s broker takes only devices’ command topics from a signed-in screen; a message to any other
            topic is dropped.
          </p>
        )}
        <label className="flex flex-col gap-1 text-sm font-medium">
          Topic
          <input
            className={`${FIELD} font-mono`}
            value={topic}
            onChange={(e) => setTopic(e.target.value)}
            placeholder="house/lamp/set"
            spellCheck={false}
            aria-invalid={topicCheck !== null && !topicCheck.ok}
          />
          {topicCheck !== null && !topicCheck.ok && (
            <span className="font-normal text-red-800 dark:text-red-300">{topicCheck.reason}</span>
          )}
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Payload
          <textarea
            className={`${FIELD} h-20 py-2 font-mono`}
            value={payload}
            onChange={(e) => setPayload(e.target.value)}
            spellCheck={false}
          />
        </label>
        <div className="flex flex-wrap items-center gap-4">
          <label className="flex items-center gap-2 text-sm font-medium">
            QoS
            <select
              className={`${FIELD} w-20`}
              value={qos}
              onChange={(e) => setQos(Number(e.target.value) as 0 | 1 | 2)}
            >
              <option value={0}>0</option>
              <option value={1}>1</option>
              <option value={2}>2</option>
            </select>
          </label>
          {!signedIn && (
            <label className="flex min-h-11 items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-5"
                checked={retain}
                onChange={(e) => setRetain(e.target.checked)}
              />
              Retain
            </label>
          )}
          <button
            type="submit"
            disabled={!connected || topicCheck === null || !topicCheck.ok}
            className="ml-auto h-11 rounded-lg bg-orange-700 px-4 font-semibold text-white hover:bg-orange-800 disabled:opacity-50"
          >
            Publish
          </button>
        </div>
        {result !== null && (
          <p
            role="status"
            className={`text-sm [overflow-wrap:anywhere] ${result.error ? 'text-red-800 dark:text-red-300' : ''}`}
          >
            {result.text}
          </p>
        )}
      </form>
    </details>
  );
}
