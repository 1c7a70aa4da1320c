import type { useEventStream } from './use-event-stream';

type Stream = Pick<ReturnType<typeof useEventStream>, 'hasOlder' | 'loadOlder' | 'isLoadingOlder'>;

/** The button under an events table that fetches the next older page, while there is one. */
export function LoadOlderEvents({ stream }: { stream: Stream }) {
  if (!stream.hasOlder) return null;
  return (
    <div>
      <button type="button" onClick={stream.loadOlder} disabled={stream.isLoadingOlder}>
        {stream.isLoadingOlder ? 'Loading older events…' : 'Load older events'}
      </button>
    </div>
  );
}
