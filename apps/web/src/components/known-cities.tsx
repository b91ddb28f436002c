import { useEffect, useState } from 'preact/hooks';
import { listKnownCities } from '../api/public.api.ts';

// Asked once per visit and shared by every city field: the list changes slowly (the API caches it 5 minutes).
let asked: Promise<string[]> | undefined;

function knownCities(): Promise<string[]> {
  asked ??= listKnownCities().then(
    (cities) => cities.map(({ city }) => city),
    () => {
      // Without suggestions the field still takes any city; the next field to mount asks again.
      asked = undefined;
      return [];
    },
  );
  return asked;
}

/**
 * Suggestions for a city field (`list={id}`), in the spelling most people used, so "Bogotá" is not also
 * signed up as "bogota". Any other city can still be typed.
 */
export function KnownCitiesList({ id }: { id: string }) {
  const [cities, setCities] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void knownCities().then((found) => live && setCities(found));
    return () => {
      live = false;
    };
  }, []);
  return (
    <datalist id={id}>
      {cities.map((city) => (
        <option key={city} value={city} />
      ))}
    </datalist>
  );
}
