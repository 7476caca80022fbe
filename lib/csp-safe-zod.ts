// Imported (for its side effect) before any schema that ships to the browser is built. zod compiles
// object parsers with `new Function` when it can, and probes for that once; under the pages' CSP
// (proxy.ts, no 'unsafe-eval') the probe is blocked and reported as a violation even though zod
// catches it and falls back. jitless skips the probe; its parsers are as correct, a little slower.
import { config } from 'zod';

config({ jitless: true });
