import { PageHeader } from '../components/PageHeader';

/** Placeholder until this screen lands. */
export function Component() {
  return <PageHeader title="Insight" />;
}
