export interface Migration {
  /** Versions start at 1 and grow by one; a step never changes once released. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
