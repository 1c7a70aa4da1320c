import { useEffect, useState } from 'react';
import { PropertyFilters } from '../../../components/PropertyFilters';
import type { PropertyFilter } from '../../../components/property-filter-model';
import { completeFilters, sameFilters } from './draft-filters';

interface Props {
  projectId: number;
  value: PropertyFilter[] | undefined;
  onChange: (next: PropertyFilter[] | undefined) => void;
  label: string;
}

/** A step's own property filters; half-written rows stay here until they name a property. */
export function StepFilters({ projectId, value, onChange, label }: Props) {
  const [draft, setDraft] = useState<PropertyFilter[]>(value ?? []);
  // A step moved or replaced from outside brings its own filters.
  useEffect(() => {
    setDraft((current) => (sameFilters(completeFilters(current), value) ? current : (value ?? [])));
  }, [value]);
  return (
    <PropertyFilters
      projectId={projectId}
      label={label}
      value={draft}
      onChange={(next) => {
        setDraft(next);
        const complete = completeFilters(next);
        if (!sameFilters(complete, value)) onChange(complete.length > 0 ? complete : undefined);
      }}
    />
  );
}
