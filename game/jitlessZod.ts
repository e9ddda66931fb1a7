// Turns off zod's JIT in the browser: its feature probe `Function("")` is an eval, which the page's
// Content-Security-Policy (script-src 'self', no 'unsafe-eval') refuses and reports as a violation.
import { z } from "zod";

z.config({ jitless: true });
