export interface KnownCity {
  /** The spelling most of its people typed. */
  city: string;
  /** Accounts registered from it. */
  people: number;
}

/** The cities accounts already come from, so new ones are typed the same way. */
export interface CityDirectory {
  /** The cities with most people first; each city once, however it was spelt. */
  knownCities(limit: number): Promise<KnownCity[]>;
}
