import { Link } from 'react-router';
import { EmptyState } from '../components/EmptyState';

export function NotFoundPage() {
  return (
    <EmptyState title="Page not found">
      Nothing lives at this address. <Link to="/">Back to your project</Link>
    </EmptyState>
  );
}
