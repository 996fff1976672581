// An instant shown in the program's time zone.
import { formatInstant } from '../lib/time';
import { useSession } from '../lib/session';

export function Instant(props: { value: string | null | undefined }) {
  const { timeZone } = useSession();
  if (!props.value) return null;
  return <time dateTime={props.value}>{formatInstant(props.value, timeZone)}</time>;
}
