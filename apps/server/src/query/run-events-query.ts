import type { Project } from '../projects/project-repository.js';
import type { EventStore } from '../storage/event-store.js';

export interface EventsQueryNode {
  kind: 'EventsQuery';
  select: string[];
}

/** Placeholder until the EventsQuery compiler lands. */
export async function runEventsQuery(store: EventStore, project: Project, node: EventsQueryNode): Promise<unknown> {
  void store; void project; void node;
  throw new Error('EventsQuery not wired yet');
}
