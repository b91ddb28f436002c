import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { KnownCitiesList } from './known-cities.tsx';

interface CityFilterProps {
  id: string;
  city: string;
  onApply(city: string): void;
  /** More controls inside the same form (e.g. the sort order). */
  children?: ComponentChildren;
}

/** A free-text city filter (the API ignores case and accents) suggesting the known cities, applied on submit. */
export function CityFilter({ id, city, onApply, children }: CityFilterProps) {
  const [value, setValue] = useState(city);
  useEffect(() => setValue(city), [city]);
  return (
    <form
      class="filters"
      role="search"
      aria-label="Filtrar"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(value.trim());
      }}
    >
      <div class="field">
        <label for={id}>Ciudad</label>
        <input
          id={id}
          type="search"
          value={value}
          maxLength={100}
          autoComplete="address-level2"
          placeholder="Todas las ciudades"
          list={`${id}-known`}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
        <KnownCitiesList id={`${id}-known`} />
      </div>
      {children}
      <button type="submit" class="button">
        Aplicar
      </button>
    </form>
  );
}
