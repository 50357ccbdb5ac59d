import { inject } from 'vitest';
import './pglite-template';

// Every test file (and the workers and `tpj serve` processes it starts, which inherit the
// environment) seeds new embedding caches from this run's PGlite template.
process.env['TPJ_TEST_PGLITE_TEMPLATE'] ??= inject('pgliteTemplate');
