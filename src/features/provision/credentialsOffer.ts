import {
  brokerHost,
  type CredentialOwners,
  credentialsFor,
  isSameBroker,
  type PageLocation,
  profilesOnHost,
} from '../../config/credentials';

/** What to offer when this visit's broker is not the one the saved credentials belong to. */
export interface CredentialsOffer<P> {
  /** The host the link connects to, as the user knows it. */
  host: string;
  /** Saved profiles with credentials on that host (at another port or path). */
  profiles: P[];
  /** The broker turned the anonymous dashboard away: ask for its credentials. */
  refused: boolean;
}

/**
 * Whether to offer credentials for `target`, the broker this visit connects to. Only when it is
 * not the saved broker (a link's), nothing saved signs in there, and either a saved profile is
 * on the same host or the broker refused the connection without credentials. Null: no offer.
 */
export function credentialsOfferFor<P extends CredentialOwners['profiles'][number]>(
  target: string | null,
  saved: Omit<CredentialOwners, 'profiles'> & { profiles: readonly P[] },
  page: PageLocation,
  refused: boolean,
): CredentialsOffer<P> | null {
  if (isSameBroker(target, saved.brokerUrl, page)) return null;
  const signIn = credentialsFor(target, saved, page);
  if (signIn.username !== '' || signIn.password !== '') return null;
  const profiles = profilesOnHost(target, saved.profiles, page);
  if (profiles.length === 0 && !refused) return null;
  return { host: brokerHost(target, page), profiles, refused };
}

/** Whether a connection failure's cause says the broker wants credentials. */
export function isRefusedForCredentials(cause: string): boolean {
  return /not authori[sz]ed/i.test(cause);
}
