/**
 * The globals src/core may use: the few that a Web Worker, a page and Node all provide, typed as
 * narrowly as core needs them. Only tsconfig.core.json reads this file (the other environments
 * get the full definitions from their own libs). Add a global here only if all three have it.
 */

/** Opaque timer handle (a number in browsers, an object in Node). */
interface CoreTimer {
  readonly __coreTimer?: never;
}
declare function setTimeout(handler: () => void, ms?: number): CoreTimer;
declare function clearTimeout(timer: CoreTimer | undefined): void;

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: ArrayBuffer | ArrayBufferView): string;
}
