/**
 * The end of every Node entry point: the TF.js banner that suggests tfjs-node is silenced (that
 * package downloads a native binary at install, which this project never depends on), `main`'s
 * return value becomes the exit code, and a thrown error prints its stack and exits with 1.
 */
export function runMain(main: () => Promise<number>): void {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => (String(args[0]).includes('tfjs-node') ? undefined : warn(...args));
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`error: ${(e as Error).stack ?? e}`);
      process.exit(1);
    },
  );
}
