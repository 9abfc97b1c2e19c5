/**
 * Must be the first import of every entry (page and workers). The scenario schema is built with
 * zod, which by default probes `new Function('')` to decide whether to compile fast parsers. Our
 * Content-Security-Policy has no 'unsafe-eval', and Chromium reports even a caught probe as a
 * `securitypolicyviolation`. jitless mode skips the probe (validation is just as correct).
 */
import { config } from 'zod';

config({ jitless: true });
