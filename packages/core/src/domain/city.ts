/** Folds a city name for matching: "  BOGOTÁ " and "bogota" are the same city. */
export function cityKey(city: string): string {
  return city
    .normalize('NFD')
    .replace(/\p{Mark}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
