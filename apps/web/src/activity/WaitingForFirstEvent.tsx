import { SetupSnippets } from '../components/SetupSnippets';
import { Spinner } from '../components/Spinner';

/**
 * A project without events teaches how to send the first: the snippets with this project's token, while the page
 * keeps checking (the stream's live checks) and turns green by itself when the first event lands.
 */
export function WaitingForFirstEvent({ token }: { token: string | null }) {
  return (
    <section className="card waiting-first-event" aria-labelledby="waiting-first-event">
      <h2 id="waiting-first-event">Waiting for your first event</h2>
      <p>
        Paste one of these into your site or app and load a page (or send an event from your server). This page checks
        for new events every few seconds, so there is nothing to reload.
      </p>
      {token ? <SetupSnippets token={token} /> : <Spinner label="Loading the project's token" />}
      <div className="waiting-indicator" aria-hidden="true">
        <span className="pulse" /> Listening for events…
      </div>
    </section>
  );
}
