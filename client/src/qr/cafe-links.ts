/** The links of a café as `GET /api/cafes/:cafeId/links` answers (server/http/schemas.ts CafeLinksBody). */
export interface TableLinks {
  tableId: string;
  name: string;
  enabled: boolean;
  hostLinkId: string | null;
  /** The table host's link, or null when the table has none. */
  host: string | null;
  /** The participant link that seats a phone at this table. */
  participants: string;
}

export interface CafeLinks {
  cafeId: string;
  joinCode: string;
  facilitator: string | null;
  wall: string[];
  coFacilitators: { linkId: string; url: string }[];
  join: string;
  tables: TableLinks[];
}
