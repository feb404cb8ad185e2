// date-holidays ships its raw rules as a second entry point (package.json "exports": "./data") without
// types; only the part read here is declared: the weekend days some countries list.
declare module 'date-holidays/data' {
  export const data: { holidays: Record<string, { weekend?: string[]; zones?: string[] } | undefined> };
}
