/**
 * What the `live-fanout` modules share: the wall-clock-based time source (comparable across
 * the bench and client processes), sleep, the log line, the event rate and the login type.
 */
export type Creds = { username: string; password: string };
export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const log = (m: string) => process.stderr.write(`[bench] live-fanout: ${m}\n`);

export const RATE = 50; // incidents per second
