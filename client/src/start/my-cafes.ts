/**
 * "Your cafés on this device": the facilitator links of the cafés created in this browser, so the
 * facilitator can reopen the console from the start page. The link is the key to the café; it
 * stays on this device only (localStorage, never sent anywhere).
 */
export interface MyCafe {
  cafeId: string;
  title: string;
  facilitator: string;
  wall: string | null;
  joinCode: string;
  createdAt: number;
}

const KEY = 'tablecloth.cafes';
const MAX = 50;

export function loadMyCafes(): MyCafe[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    if (!Array.isArray(value)) return [];
    return value.filter(
      (c): c is MyCafe =>
        typeof c === 'object' && c !== null && typeof c.cafeId === 'string' && typeof c.title === 'string' && typeof c.facilitator === 'string',
    );
  } catch {
    return [];
  }
}

function store(cafes: MyCafe[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(cafes.slice(0, MAX)));
  } catch {
    // Private browsing: the café still works, only this list forgets it.
  }
}

/** Remembers a café, newest first. */
export function rememberCafe(cafe: MyCafe): MyCafe[] {
  const cafes = [cafe, ...loadMyCafes().filter((c) => c.cafeId !== cafe.cafeId)];
  store(cafes);
  return cafes;
}

export function forgetCafe(cafeId: string): MyCafe[] {
  const cafes = loadMyCafes().filter((c) => c.cafeId !== cafeId);
  store(cafes);
  return cafes;
}
