import { useId, useState } from 'react';
import './activity.css';
import { propertyRows } from './event-stream-model';

/**
 * Every property of an event or a person as a two-column table, custom properties first. With `searchable` a box
 * narrows the rows by name or value (a person can carry hundreds).
 */
export function PropertiesTable({ properties, caption, searchable = false }: { properties: Record<string, unknown>; caption: string; searchable?: boolean }) {
  const [search, setSearch] = useState('');
  const searchId = useId();
  const needle = search.trim().toLowerCase();
  const rows = propertyRows(properties).filter(([key, value]) => needle === '' || key.toLowerCase().includes(needle) || value.toLowerCase().includes(needle));
  return (
    <div className="properties">
      {searchable && (
        <div className="field properties-search">
          <label htmlFor={searchId}>Search properties</label>
          <input id={searchId} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="name or value" />
        </div>
      )}
      <table className="data properties-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Property</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, value]) => (
            <tr key={key}>
              <th scope="row" className="mono">
                {key}
              </th>
              <td className="property-value">{value}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={2} className="muted">
                {needle ? 'No property matches.' : 'No properties.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
