// The pure draw modules use Node's Buffer; in the browser the `buffer` package stands in. Imported
// first by main.ts, so it is in place before those modules are evaluated.
import { Buffer } from 'buffer';

(globalThis as unknown as { Buffer: typeof Buffer }).Buffer ??= Buffer;
