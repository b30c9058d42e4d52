// The two js-yaml functions the harness uses (the package ships no types; @types/js-yaml is not a dependency).
declare module 'js-yaml' {
  export function load(text: string, options?: Record<string, unknown>): unknown;
  export function dump(value: unknown, options?: Record<string, unknown>): string;
}
