import { acceptTopicRooms, dismissTopicRooms } from '../../core/layoutEdits';
import { accessOf } from '../../store/access';
import type { Account } from '../../store/accountSlice';
import { useLiveStore } from '../../store/live';
import { useHearthStore } from '../../store/store';
import { useLayoutChange } from './useLayoutChange';

/** At most this many room names are spelled out in the offer; the rest is "…". */
const NAMES_SHOWN = 3;

/**
 * The rooms the seed's topics name (`house/<room>/…`) are only a suggestion: a quiet line offers
 * to group those devices by room in one tap, or to stop asking. Shown while any such device has
 * no room of the user's.
 */
export function TopicRoomsOffer() {
  // With the cards (a transition): an offer drawn before them would move them down as it came.
  const offer = useLiveStore('topic rooms offer', selectTopicRoomsOffer);
  const apply = useLayoutChange();
  if (offer === '') return null;
  const [count, ...names] = offer.split('\n');
  const shown = names.slice(0, NAMES_SHOWN).join(', ') + (names.length > NAMES_SHOWN ? ', …' : '');
  return (
    <div
      data-topic-rooms-offer
      className="mb-3 flex flex-wrap items-center gap-2 rounded-xl bg-slate-100 px-3 py-2 text-sm dark:bg-slate-800"
    >
      <p className="min-w-0 grow basis-60 [overflow-wrap:anywhere]">
        Your topics name rooms ({shown}). Group the {count} {count === '1' ? 'device' : 'devices'} by room?
      </p>
      <button
        type="button"
        onClick={() => {
          const { layout, fleet } = useHearthStore.getState();
          apply(acceptTopicRooms(layout, fleet.devices.values()), 'grouping by room');
        }}
        className="h-11 rounded-lg bg-orange-700 px-3 font-semibold text-white hover:bg-orange-800"
      >
        Group by room
      </button>
      <button
        type="button"
        onClick={() => apply(dismissTopicRooms(), 'dismissal of the rooms offer')}
        className="h-11 rounded-lg px-3 font-medium hover:bg-slate-200 dark:hover:bg-slate-700"
      >
        No thanks
      </button>
    </div>
  );
}

/**
 * "<count>\n<room>\n<room>…" for the devices whose topic names a room and that the user put in
 * no room; '' when there is nothing to offer. A string, so the offer renders only when it changes.
 */
interface OfferInputs {
  layout: { topicRoomsDismissed: boolean; devices: Record<string, { room?: string | null } | undefined> };
  fleet: {
    devices: ReadonlyMap<string, { id: string; place?: { room: string; source: string } }>;
    ids: readonly string[];
  };
  settings: { readonly: boolean };
  account: Account;
}

/**
 * The offer is asked again at every fold, and reading it walks every device: it is worked out
 * again only when the set of devices, the layout or who may arrange changes (a room read from a
 * topic is the device's from its first message, as its topic is).
 */
let offerFor: { ids: unknown; layout: unknown; account: unknown; readonly: boolean } | null = null;
let offer = '';
function selectTopicRoomsOffer(s: OfferInputs): string {
  const last = offerFor;
  if (
    last !== null &&
    last.ids === s.fleet.ids &&
    last.layout === s.layout &&
    last.account === s.account &&
    last.readonly === s.settings.readonly
  )
    return offer;
  offerFor = { ids: s.fleet.ids, layout: s.layout, account: s.account, readonly: s.settings.readonly };
  offer = workOutOffer(s);
  return offer;
}

function workOutOffer(s: OfferInputs): string {
  // Only who may arrange the house is offered to: anyone else's tap would be refused.
  if (s.layout.topicRoomsDismissed || !accessOf(s.account, s.settings.readonly).arrange) return '';
  let count = 0;
  const names = new Map<string, string>();
  for (const device of s.fleet.devices.values()) {
    if (device.place?.source !== 'topic' || s.layout.devices[device.id]?.room !== undefined) continue;
    count++;
    const name = device.place.room.trim();
    if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  }
  return count === 0 ? '' : [String(count), ...names.values()].join('\n');
}
